/** The accounts module's public face: other modules import only from here. */
export { accountsRoutes } from './accounts.routes.ts';
export { authPlugin, type RefurbisherOfMember } from './auth.plugin.ts';
export { requireRole, requireUser, type SessionUser } from './accounts.policy.ts';
export { migrateAuthTables, type UserRole } from './auth.ts';
export { demoSecretStoreFor, resolveSecrets, type AccountSecrets } from './secrets.ts';
export { getSellerReadiness } from './seller-details.service.ts';
export { protectedValuesOf } from './protected-values.ts';
export { bankAccountHashes } from './protected-fields.ts';
export { rotateKeys } from './key-rotation.service.ts';
export { seedDemoAccounts, DEMO_LOGINS, DEMO_PASSWORD } from './demo-accounts.ts';
export { findSellerContact, findSellerFirstNameAndCity, findSellerNames } from './seller-contact.repository.ts';
export { clearActiveOrganization, findUserCards, findUserIdsByEmail, makeRefurbisherMember, setActiveOrganization } from './users.repository.ts';
export { JOB_VERIFICATION_MAIL, runVerificationMail } from './verification-mail.job.ts';
export { applyPayoutCorrection, type PayoutCorrection } from './payout-correction.service.ts';
export { openPayoutMethodForCopy, type AfterPayoutMethodSaved, type PayoutMethodCopy } from './payout-method-copy.ts';
