import type { Grade } from '../../../shared/grade.ts';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';

/**
 * The offers module's tables (joined into DB in db/schema.ts): what a quote stores (the
 * assessment and its offer). The demand side it matches against (refurbishers and their
 * wishlist entries) belongs to the refurbishers and wishlist modules; the quote reads it in its
 * one prepared statement.
 */

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
  /** Set by the accept flow (markOfferAccepted): an accepted quote is kept for good. */
  accepted_at: NullableTimestamp;
}

export interface QuoteRateBucketsTable {
  key: string;
  tokens: number;
  refilled_at: Timestamp;
}

export interface OffersTables {
  assessments: AssessmentsTable;
  offers: OffersTable;
  quote_rate_buckets: QuoteRateBucketsTable;
}
