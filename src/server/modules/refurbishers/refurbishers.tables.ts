import type { Json, NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';
import type { ColumnType } from 'kysely';
import type { MemberRole } from '../../../shared/api/refurbishers.ts';

/** The refurbishers module's tables (joined into DB in db/schema.ts). */


export interface ReceivingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

/** A refurbisher: the demand side the quote matches against, acting through one organisation's members. */
export interface RefurbishersTable {
  id: string;
  name: string;
  score: ColumnType<number, number | undefined, number>;
  receiving_address: Json<ReceivingAddress>;
  created_at: Timestamp;
  /** The better-auth organisation whose members act for this refurbisher (accounts migration). */
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The platform's commission on each approval, in basis points (1000 = 10 %), set by operators. */
  commission_bps: ColumnType<number, number | undefined, number>;
}

/** better-auth organisation plugin's organisation: one per refurbisher (refurbishers.organization_id). */
export interface AuthOrganizationTable {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  createdAt: Timestamp;
  metadata: string | null;
}

/** better-auth organisation plugin's membership: who acts for the organisation's refurbisher, in which role. */
export interface AuthMemberTable {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  createdAt: Timestamp;
}

/** better-auth organisation plugin's invitation table (camelCase is its convention). */
export interface AuthInvitationTable {
  id: string;
  organizationId: string;
  email: string;
  role: MemberRole;
  status: 'pending' | 'accepted' | 'rejected' | 'canceled';
  expiresAt: Timestamp;
  inviterId: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RefurbisherApiKeysTable {
  id: string;
  refurbisher_id: string;
  name: string;
  role: MemberRole;
  display_prefix: string;
  secret_hash: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface RefurbishersTables {
  refurbishers: RefurbishersTable;
  organization: AuthOrganizationTable;
  member: AuthMemberTable;
  invitation: AuthInvitationTable;
  refurbisher_api_keys: RefurbisherApiKeysTable;
}
