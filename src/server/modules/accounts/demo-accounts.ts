import { realClock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { DEMO_REFURBISHERS } from '../../seed/wishlist-generator.ts';
import { createSeedAuth, type UserRole } from './auth.ts';
import { writeIdentity, writePayoutMethod, writeProfile } from './seller-details.service.ts';

/**
 * Demo logins for `npm start` in demo mode (never in production mode). Made through better-auth's
 * own adapter (users with a confirmed e-mail address, their password accounts, organisations
 * and memberships), inside the start-up transaction, so they are written the way better-auth
 * writes them. The demo password is not put through the common-password rule that sign-up applies.
 */
export const DEMO_PASSWORD = 'tradeloop-demo';

export const DEMO_LOGINS: readonly { email: string; name: string; role: UserRole; memberRole?: 'admin' | 'buyer' | 'inspector'; what: string }[] = [
  { email: 'seller@example.com', name: 'Sam Seller', role: 'seller', what: 'seller with complete details, can accept offers' },
  { email: 'refurbisher@example.com', name: 'Riley Refurb', role: 'refurbisher', memberRole: 'admin', what: `admin of ${DEMO_REFURBISHERS[0]!.name}` },
  { email: 'buyer@example.com', name: 'Bailey Buyer', role: 'refurbisher', memberRole: 'buyer', what: `buyer of ${DEMO_REFURBISHERS[0]!.name} (wishlist only)` },
  { email: 'inspector@example.com', name: 'Indigo Inspector', role: 'refurbisher', memberRole: 'inspector', what: `inspector of ${DEMO_REFURBISHERS[0]!.name}` },
  { email: 'operator@example.com', name: 'Olive Operator', role: 'operator', what: 'operator (refurbishers, audit log, reveals, flags)' },
];

/**
 * Creates an organisation for every refurbisher that has none, then the demo users, once:
 * only into a database without any user, so a restart or real accounts are never touched.
 * Runs inside the caller's transaction (main.ts holds an advisory lock around it, so processes
 * starting together seed once).
 */
/**
 * The refurbishers' links to their organisations: the refurbishers module's rows, which accounts
 * cannot import (refurbishers imports accounts); the composition root passes its door's functions.
 */
interface OrganisationLinks {
  list(db: Executor): Promise<{ id: string; name: string; organizationId: string | null }[]>;
  link(db: Executor, refurbisherId: string, organizationId: string): Promise<void>;
}

export async function seedDemoAccounts(
  db: Executor,
  opts: { keyring: Keyring; authSecret: string; now: Date; organisations: OrganisationLinks },
): Promise<{ seeded: boolean }> {
  const { now, keyring } = opts;
  const anyUser = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { seeded: false };
  const auth = await createSeedAuth(db, opts.authSecret).$context;

  const refurbishers = await opts.organisations.list(db);
  const slugByName = new Map(DEMO_REFURBISHERS.map((r) => [r.name, r.slug]));
  const orgByRefurbisher = new Map<string, string>();
  for (const r of refurbishers) {
    let orgId = r.organizationId;
    if (!orgId) {
      const slug = slugByName.get(r.name) ?? `${r.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${r.id.slice(-6)}`;
      const org = await auth.adapter.create<{ name: string; slug: string; createdAt: Date }, { id: string }>({
        model: 'organization',
        data: { name: r.name, slug, createdAt: now },
      });
      orgId = org.id;
      await opts.organisations.link(db, r.id, orgId);
    }
    orgByRefurbisher.set(r.name, orgId);
  }

  // One argon2id hash for the one shared, published password: five would cost five times the start-up.
  const passwordHash = await auth.password.hash(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    const user = await auth.internalAdapter.createUser({ email: login.email, name: login.name, emailVerified: true, role: login.role }, { method: 'email-password' });
    ids.set(login.email, user.id);
    await auth.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: passwordHash });
  }

  const firstOrg = orgByRefurbisher.get(DEMO_REFURBISHERS[0]!.name);
  if (firstOrg) {
    for (const login of DEMO_LOGINS) {
      if (!login.memberRole) continue;
      await auth.adapter.create({
        model: 'member',
        data: { organizationId: firstOrg, userId: ids.get(login.email)!, role: login.memberRole, createdAt: now },
      });
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
