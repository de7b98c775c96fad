import type { GradeReason } from '../../../shared/catalog-types.ts';
import type { Grade } from '../../../shared/grade.ts';
import type { LadderRung } from './offers.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { VariantInfo } from '../catalog/index.ts';
import type { RefurbisherDisplay } from '../refurbishers/index.ts';

export interface QuoteRow {
  assessmentId: string;
  grade: Grade;
  gradeReasons: GradeReason[];
  ladder: LadderRung[];
  createdAt: Date;
  variantId: string;
  variantLabel: string;
  modelId: string;
  modelName: string;
  brand: string;
  categoryId: string;
  mandatoryAccessories: string[];
  offer: {
    id: string;
    priceMinor: number;
    currency: string;
    refurbisherId: string;
    refurbisherName: string;
    createdAt: Date;
    shipBy: Date;
    acceptedAt: Date | null;
  } | null;
}

/** The assessment and its offer (offers' own tables); the device and the refurbisher come from their owners. */
function baseQuery(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .leftJoin('offers as o', 'o.assessment_id', 'a.id')
    .select([
      'a.id as assessmentId',
      'a.grade',
      'a.grade_reasons as gradeReasons',
      'a.ladder',
      'a.created_at as createdAt',
      'a.variant_id as variantId',
      'o.id as offerId',
      'o.price_minor as priceMinor',
      'o.currency',
      'o.refurbisher_id as refurbisherId',
      'o.created_at as offerCreatedAt',
      'o.ship_by as shipBy',
      'o.accepted_at as acceptedAt',
    ]);
}

type Raw = NonNullable<Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirst']>>>;

/** What the quote page needs from the catalogue and the refurbishers module, asked through their doors. */
export interface QuoteLookups {
  variants: (ids: readonly string[]) => Promise<Map<string, VariantInfo>>;
  refurbishers: (ids: readonly string[]) => Promise<Map<string, RefurbisherDisplay>>;
}

async function toRow(raw: Raw | undefined, lookups: QuoteLookups): Promise<QuoteRow | undefined> {
  if (!raw) return undefined;
  const variant = (await lookups.variants([raw.variantId])).get(raw.variantId);
  const refurbisher = raw.refurbisherId ? (await lookups.refurbishers([raw.refurbisherId])).get(raw.refurbisherId) : undefined;
  // The delete guards of the quote migration keep the variant and the refurbisher; a miss is a broken database.
  if (!variant || (raw.refurbisherId && !refurbisher)) throw new Error(`assessment ${raw.assessmentId}: its variant or refurbisher is missing`);
  return {
    assessmentId: raw.assessmentId,
    grade: raw.grade,
    gradeReasons: raw.gradeReasons as GradeReason[],
    ladder: raw.ladder,
    createdAt: raw.createdAt,
    ...deviceOf(variant),
    offer:
      raw.offerId && raw.priceMinor !== null && raw.currency && refurbisher && raw.offerCreatedAt && raw.shipBy
        ? {
            id: raw.offerId,
            priceMinor: raw.priceMinor,
            currency: raw.currency.trim(),
            refurbisherId: refurbisher.id,
            refurbisherName: refurbisher.name,
            createdAt: raw.offerCreatedAt,
            shipBy: raw.shipBy,
            acceptedAt: raw.acceptedAt ?? null,
          }
        : null,
  };
}

export async function findQuoteByOffer(db: Executor, lookups: QuoteLookups, offerId: string): Promise<QuoteRow | undefined> {
  return toRow(await baseQuery(db).where('o.id', '=', offerId).executeTakeFirst(), lookups);
}

export async function findQuoteByAssessment(db: Executor, lookups: QuoteLookups, assessmentId: string): Promise<QuoteRow | undefined> {
  return toRow(await baseQuery(db).where('a.id', '=', assessmentId).executeTakeFirst(), lookups);
}

/** Locks the offer for the accept transaction: concurrent accepts of one offer queue here instead of racing. */
export async function lockOffer(trx: Executor, offerId: string) {
  return trx.selectFrom('offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
}
export type LockedOffer = NonNullable<Awaited<ReturnType<typeof lockOffer>>>;

/** The accept flow's step: the offer became a trade-in (in the accept transaction), so retention keeps its quote. */
export async function markOfferAccepted(trx: Executor, offerId: string, now: Date): Promise<void> {
  await trx.updateTable('offers').set({ accepted_at: now }).where('id', '=', offerId).execute();
}

/** The device and answers an offer was quoted for, to quote them again. */
export async function findAssessmentOfOffer(db: Executor, offerId: string) {
  return db
    .selectFrom('offers as o')
    .innerJoin('assessments as a', 'a.id', 'o.assessment_id')
    .select(['a.variant_id', 'a.answers'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
}

/** What a quote says about its device, from the catalogue's answer (a stored quote and a new one alike). */
export function deviceOf<C, A>(variant: { id: string; label: string; modelId: string; modelName: string; brand: string; categoryId: C; mandatoryAccessories: A }) {
  return {
    variantId: variant.id,
    variantLabel: variant.label,
    modelId: variant.modelId,
    modelName: variant.modelName,
    brand: variant.brand,
    categoryId: variant.categoryId,
    mandatoryAccessories: variant.mandatoryAccessories,
  };
}
