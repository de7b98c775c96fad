import { randomBytes } from 'node:crypto';
import { realClock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { DEMO_REFURBISHERS } from '../../seed/wishlist-generator.ts';
import type { UserRole } from './auth.ts';
import { hashPassword } from './password.ts';
import { writeIdentity, writePayoutMethod, writeProfile } from './seller-details.service.ts';

/**
 * Demo logins for `npm start` in demo mode (never in production mode). Written straight into
 * better-auth's tables with the same argon2id hash it uses, which is also why the demo
 * password is not put through the common-password rule that sign-up applies.
 */
export const DEMO_PASSWORD = 'tradeloop-demo';

export const DEMO_LOGINS: readonly { email: string; name: string; role: UserRole; memberRole?: 'admin' | 'buyer' | 'inspector'; what: string }[] = [
  { email: 'seller@example.com', name: 'Sam Seller', role: 'seller', what: 'seller with complete details, can accept offers' },
  { email: 'refurbisher@example.com', name: 'Riley Refurb', role: 'refurbisher', memberRole: 'admin', what: `admin of ${DEMO_REFURBISHERS[0]!.name}` },
  { email: 'buyer@example.com', name: 'Bailey Buyer', role: 'refurbisher', memberRole: 'buyer', what: `buyer of ${DEMO_REFURBISHERS[0]!.name} (wishlist only)` },
  { email: 'inspector@example.com', name: 'Indigo Inspector', role: 'refurbisher', memberRole: 'inspector', what: `inspector of ${DEMO_REFURBISHERS[0]!.name}` },
  { email: 'operator@example.com', name: 'Olive Operator', role: 'operator', what: 'operator (refurbishers, audit log, reveals, flags)' },
];

const shortId = () => randomBytes(18).toString('base64url');

/**
 * Creates an organisation for every refurbisher that has none, then the demo users, once:
 * only into a database without any user, so a restart or real accounts are never touched.
 */
export async function seedDemoAccounts(db: Executor, opts: { keyring: Keyring; now: Date }): Promise<{ seeded: boolean }> {
  const { now, keyring } = opts;
  const anyUser = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { seeded: false };

  const refurbishers = await db.selectFrom('refurbishers').select(['id', 'name', 'organization_id']).execute();
  const slugByName = new Map(DEMO_REFURBISHERS.map((r) => [r.name, r.slug]));
  const orgByRefurbisher = new Map<string, string>();
  for (const r of refurbishers) {
    let orgId = r.organization_id;
    if (!orgId) {
      orgId = shortId();
      const slug = slugByName.get(r.name) ?? `${r.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${r.id.slice(-6)}`;
      await db.insertInto('organization').values({ id: orgId, name: r.name, slug, logo: null, createdAt: now, metadata: null }).execute();
      await db.updateTable('refurbishers').set({ organization_id: orgId }).where('id', '=', r.id).execute();
    }
    orgByRefurbisher.set(r.name, orgId);
  }

  const ids = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    const id = newId('user', now.getTime());
    ids.set(login.email, id);
    await db
      .insertInto('user')
      .values({ id, name: login.name, email: login.email, emailVerified: true, image: null, createdAt: now, updatedAt: now, role: login.role })
      .execute();
    await db
      .insertInto('account')
      .values({
        id: shortId(),
        accountId: id,
        providerId: 'credential',
        userId: id,
        accessToken: null,
        refreshToken: null,
        idToken: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        scope: null,
        password: await hashPassword(DEMO_PASSWORD),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  const firstOrg = orgByRefurbisher.get(DEMO_REFURBISHERS[0]!.name);
  if (firstOrg) {
    for (const login of DEMO_LOGINS) {
      if (!login.memberRole) continue;
      await db
        .insertInto('member')
        .values({ id: shortId(), organizationId: firstOrg, userId: ids.get(login.email)!, role: login.memberRole, createdAt: now })
        .execute();
    }
  }

  const seller = ids.get('seller@example.com')!;
  await writeProfile(
    db,
    keyring,
    seller,
    {
      legalName: { first: 'Sam', last: 'Seller' },
      dateOfBirth: '1990-04-15',
      address: { line1: '350 Fifth Avenue', line2: 'Apt 12B', city: 'New York', state: 'NY', zip: '10118' },
      phone: '+12125550199',
    },
    now,
  );
  await writeIdentity(db, keyring, seller, { kind: 'drivers_license', number: 'D12345678', state: 'NY' }, now);
  await writePayoutMethod(
    db,
    keyring,
    seller,
    { routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderNames: ['Sam Seller'] },
    now,
    realClock,
  );
  return { seeded: true };
}
