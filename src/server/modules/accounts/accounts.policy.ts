import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { UserRole } from './auth.ts';

/** Who is signed in, as every route sees it (`request.user`, set by the auth plugin). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The refurbisher this member acts for (active, else first, organisation); null for other roles. */
  refurbisherId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** 401 unless someone is signed in. */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('unauthenticated', 'Sign in to continue');
  return req.user;
}

/**
 * 401 if nobody is signed in, 403 if the account's role may not use this whole area
 * (convention 8: a *resource* that is not yours is a 404, decided by the resource's own policy).
 */
export function requireRole(req: FastifyRequest, role: UserRole | readonly UserRole[]): SessionUser {
  const user = requireUser(req);
  const roles: readonly UserRole[] = typeof role === 'string' ? [role] : role;
  if (!roles.includes(user.role)) throw new AppError('forbidden', `This needs a ${roles.join(' or ')} account`);
  return user;
}

// One rule per action.

/** Sellers keep their own profile, identity and payout method; nobody edits another's. */
export const canEditOwnSellerDetails = (user: SessionUser) => user.role === 'seller';
/** Only operators may see a protected value in full, and only with a reason (audited). */
export const canRevealSellerField = (user: SessionUser) => user.role === 'operator';
export const canReadAuditLog = (user: SessionUser) => user.role === 'operator';
/** Operators look at the flags (things the system could not settle alone)… */
export const canReadOperatorFlags = (user: SessionUser) => user.role === 'operator';
/** …and clear one once it needs nothing more: the same people, a rule of its own so it can change alone. */
export const canClearOperatorFlags = (user: SessionUser) => user.role === 'operator';

export function authorize(req: FastifyRequest, rule: (user: SessionUser) => boolean, what: string): SessionUser {
  const user = requireUser(req);
  if (!rule(user)) throw new AppError('forbidden', `Your account cannot ${what}`);
  return user;
}
