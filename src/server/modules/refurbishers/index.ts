/** The refurbishers module's public face: other modules import only from here. */
export { refurbishersRoutes } from './refurbishers.routes.ts';
export { commissionRoutes } from './commission.routes.ts';
export { refurbisherActor } from './refurbisher-actor.ts';
export { findCommissionBps, findMemberContacts, findOrganisationContacts, findReceivingAddress, findRefurbisherDisplays, findRefurbisherIdForMember, linkOrganisation, listOrganisationLinks, listRefurbisherIds, setRefurbisherScores, type RefurbisherDisplay } from './refurbishers.repository.ts';
export { allow, canEditWishlist, canInspect, canViewStatement, canViewWishlist, type RefurbisherActor } from './refurbishers.policy.ts';
export { JOB_INVITATION_MAIL, type WishlistEntryCounts } from './organisations.service.ts';
export { runInvitationMail } from './invitation-mail.job.ts';
