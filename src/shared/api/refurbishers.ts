import { z } from 'zod';
import { statesOfZip } from '../zip-prefixes.ts';

/** Contracts of the refurbisher organisation: members, invitations, API keys, operator creation. */

export const MEMBER_ROLES = ['admin', 'buyer', 'inspector'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const ZMemberRole = z.enum(MEMBER_ROLES, { error: `Role must be one of ${MEMBER_ROLES.join(', ')}` });

export const MEMBER_ROLE_MEANING: Record<MemberRole, string> = {
  admin: 'Members, API keys, wishlist and settings',
  buyer: 'The wishlist',
  inspector: 'Incoming devices',
};

const trimmed = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is at most ${max} characters`);

export const ZReceivingAddress = z.object({
  name: trimmed(100, 'Name'),
  line1: trimmed(100, 'Address'),
  line2: z.string().trim().max(100).optional(),
  city: trimmed(60, 'City'),
  state: z.string().trim().regex(/^[A-Z]{2}$/, 'State is a two-letter code, e.g. OH'),
  zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'ZIP code is 5 digits (or ZIP+4)'),
}).superRefine((a, ctx) => {
  if (!/^[A-Z]{2}$/.test(a.state) || !/^\d{5}(-\d{4})?$/.test(a.zip)) return;
  const states = statesOfZip(a.zip);
  if (!states.includes(a.state)) {
    ctx.addIssue({ code: 'custom', path: ['zip'], message: `ZIP code ${a.zip.slice(0, 5)} ${states.length ? `is in ${states.join(' or ')}` : 'is in no US state'}, not ${a.state}` });
  }
});
export type TReceivingAddress = z.infer<typeof ZReceivingAddress>;

export const ZEmail = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'E-mail address is not valid' }));

export const ZCreateRefurbisher = z.object({
  name: trimmed(100, 'Name'),
  receivingAddress: ZReceivingAddress,
  adminEmail: ZEmail,
});
export type TCreateRefurbisher = z.infer<typeof ZCreateRefurbisher>;

export const ZRefurbisherSummary = z.object({
  id: z.string(),
  name: z.string(),
  receivingAddress: ZReceivingAddress,
  members: z.number().int(),
  pendingInvitations: z.number().int(),
  wishlistEntries: z.number().int(),
  /** The platform's commission on its approvals, in basis points (1000 = 10 %), set by operators. */
  commissionBps: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type TRefurbisherSummary = z.infer<typeof ZRefurbisherSummary>;

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZMemberRole,
  status: z.enum(['pending', 'accepted', 'rejected', 'canceled']),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZCreatedRefurbisher = z.object({ refurbisher: ZRefurbisherSummary, invitation: ZInvitation });

/** What the invitation page shows to whoever holds the link. */
export const ZInvitationView = z.object({
  id: z.string(),
  refurbisherName: z.string(),
  email: z.string(),
  role: ZMemberRole,
  status: z.enum(['pending', 'accepted', 'rejected', 'canceled', 'expired']),
  expiresAt: z.iso.datetime(),
});
export type TInvitationView = z.infer<typeof ZInvitationView>;

export const ZMember = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZMemberRole,
  joinedAt: z.iso.datetime(),
});
export type TMember = z.infer<typeof ZMember>;

export const ZOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  receivingAddress: ZReceivingAddress,
  /** The caller's role: a member's, or the API key's. */
  role: ZMemberRole,
  can: z.object({ manageMembers: z.boolean(), manageKeys: z.boolean(), editWishlist: z.boolean(), viewWishlist: z.boolean(), editSettings: z.boolean(), inspect: z.boolean(), viewStatement: z.boolean() }),
});
export type TOrganisation = z.infer<typeof ZOrganisation>;

export const ZMembersPage = z.object({ members: z.array(ZMember), invitations: z.array(ZInvitation) });
export type TMembersPage = z.infer<typeof ZMembersPage>;

export const ZInvite = z.object({ email: ZEmail, role: ZMemberRole });
export type TInvite = z.infer<typeof ZInvite>;
export const ZChangeRole = z.object({ role: ZMemberRole });

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  role: ZMemberRole,
  /** The first characters of the secret, e.g. "tlk_3fQ9…". */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;
export const ZCreateApiKey = z.object({ name: trimmed(60, 'Name'), role: ZMemberRole });
export type TCreateApiKey = z.infer<typeof ZCreateApiKey>;
/** The only answer that ever carries the secret. */
export const ZCreatedApiKey = z.object({ key: ZApiKey, secret: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;
