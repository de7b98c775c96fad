import type { MemberRole } from '../../../shared/api/refurbishers.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who acts on a refurbisher's behalf: a signed-in member, or one of its API keys. Everything a
 * refurbisher route reads or writes is scoped to `refurbisherId`: a row of another refurbisher
 * is simply not found (404), never "forbidden".
 */
export interface RefurbisherActor {
  kind: 'member' | 'key';
  refurbisherId: string;
  organizationId: string;
  role: MemberRole;
  /** The user id or the API key id. */
  actorId: string;
  /** How the change history names them: the member's name, or `API key "…"`. */
  label: string;
}

// One rule per action.
export const canViewMembers = (_a: RefurbisherActor) => true;
export const canManageMembers = (a: RefurbisherActor) => a.role === 'admin' && a.kind === 'member';
export const canManageKeys = (a: RefurbisherActor) => a.role === 'admin' && a.kind === 'member';
export const canEditSettings = (a: RefurbisherActor) => a.role === 'admin';
export const canViewWishlist = (a: RefurbisherActor) => a.role === 'admin' || a.role === 'buyer';
export const canEditWishlist = (a: RefurbisherActor) => a.role === 'admin' || a.role === 'buyer';
/** Incoming devices: the list, the detail, the inspection (members and API keys alike). */
export const canInspect = (a: RefurbisherActor) => a.role === 'admin' || a.role === 'inspector';

/** The statement (what the refurbisher owes for its approvals): money, so admins and buyers, not inspectors. */
export const canViewStatement = (a: RefurbisherActor) => a.role === 'admin' || a.role === 'buyer';

/** 403 when the actor's role may not do this in its own organisation. */
export function allow(actor: RefurbisherActor, rule: (a: RefurbisherActor) => boolean, what: string): RefurbisherActor {
  if (!rule(actor)) {
    const who = actor.kind === 'key' ? `An API key with the ${actor.role} role` : `The ${actor.role} role`;
    throw new AppError('forbidden', `${who} cannot ${what}`);
  }
  return actor;
}

export function permissionsOf(a: RefurbisherActor) {
  return {
    manageMembers: canManageMembers(a),
    manageKeys: canManageKeys(a),
    editWishlist: canEditWishlist(a),
    viewWishlist: canViewWishlist(a),
    editSettings: canEditSettings(a),
    inspect: canInspect(a),
    viewStatement: canViewStatement(a),
  };
}
