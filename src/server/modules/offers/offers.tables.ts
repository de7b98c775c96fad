import type { ColumnType } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

/**
 * The offers module's tables (joined into DB in db/schema.ts): the demand side (refurbishers
 * and their wishlists) and what a quote stores (the assessment and its offer).
 */

export interface ReceivingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface RefurbishersTable {
  id: string;
  name: string;
  score: ColumnType<number, number | undefined, number>;
  receiving_address: Json<ReceivingAddress>;
  created_at: Timestamp;
  /** The better-auth organisation whose members act for this refurbisher (accounts migration). */
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WishlistEntriesTable {
  id: string;
  refurbisher_id: string;
  variant_id: string;
  grade: Grade;
  price_minor: ColumnType<number, number, number>;
  currency: ColumnType<string, string | undefined, string>;
  quantity_wanted: number;
  quantity_remaining: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  active_from: Timestamp;
  active_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface LadderRung {
  grade: Grade;
  priceMinor: number | null;
  currency: string;
}

export interface AssessmentsTable {
  id: string;
  variant_id: string;
  answers: Json<Record<string, string>>;
  grade: Grade;
  grade_reasons: Json<unknown[]>;
  ladder: Json<LadderRung[]>;
  created_at: Timestamp;
}

export interface OffersTable {
  id: string;
  assessment_id: string;
  wishlist_entry_id: string;
  refurbisher_id: string;
  variant_id: string;
  grade: Grade;
  price_minor: number;
  currency: string;
  created_at: Timestamp;
  ship_by: Timestamp;
}

export interface OffersTables {
  refurbishers: RefurbishersTable;
  wishlist_entries: WishlistEntriesTable;
  assessments: AssessmentsTable;
  offers: OffersTable;
}
