import type { GradeReason } from '../../../shared/catalog-types.ts';
import type { Grade } from '../../../shared/grade.ts';
import type { LadderRung } from './offers.tables.ts';
import type { Executor } from '../../platform/db/database.ts';

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
  } | null;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('variants as v', 'v.id', 'a.variant_id')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .leftJoin('offers as o', 'o.assessment_id', 'a.id')
    .leftJoin('refurbishers as r', 'r.id', 'o.refurbisher_id')
    .select([
      'a.id as assessmentId',
      'a.grade',
      'a.grade_reasons as gradeReasons',
      'a.ladder',
      'a.created_at as createdAt',
      'v.id as variantId',
      'v.label as variantLabel',
      'm.id as modelId',
      'm.name as modelName',
      'm.brand',
      'm.category_id as categoryId',
      'm.mandatory_accessories as mandatoryAccessories',
      'o.id as offerId',
      'o.price_minor as priceMinor',
      'o.currency',
      'o.refurbisher_id as refurbisherId',
      'r.name as refurbisherName',
      'o.created_at as offerCreatedAt',
      'o.ship_by as shipBy',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirst']>>;

function toRow(raw: Raw): QuoteRow | undefined {
  if (!raw) return undefined;
  return {
    assessmentId: raw.assessmentId,
    grade: raw.grade,
    gradeReasons: raw.gradeReasons as GradeReason[],
    ladder: raw.ladder,
    createdAt: raw.createdAt,
    variantId: raw.variantId,
    variantLabel: raw.variantLabel,
    modelId: raw.modelId,
    modelName: raw.modelName,
    brand: raw.brand,
    categoryId: raw.categoryId,
    mandatoryAccessories: raw.mandatoryAccessories,
    offer:
      raw.offerId && raw.priceMinor !== null && raw.currency && raw.refurbisherId && raw.refurbisherName && raw.offerCreatedAt && raw.shipBy
        ? {
            id: raw.offerId,
            priceMinor: raw.priceMinor,
            currency: raw.currency.trim(),
            refurbisherId: raw.refurbisherId,
            refurbisherName: raw.refurbisherName,
            createdAt: raw.offerCreatedAt,
            shipBy: raw.shipBy,
          }
        : null,
  };
}

export async function findQuoteByOffer(db: Executor, offerId: string): Promise<QuoteRow | undefined> {
  return toRow(await baseQuery(db).where('o.id', '=', offerId).executeTakeFirst());
}

export async function findQuoteByAssessment(db: Executor, assessmentId: string): Promise<QuoteRow | undefined> {
  return toRow(await baseQuery(db).where('a.id', '=', assessmentId).executeTakeFirst());
}

/** Locks the offer for the accept transaction: concurrent accepts of one offer queue here instead of racing. */
export async function lockOffer(trx: Executor, offerId: string) {
  return trx.selectFrom('offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
}
export type LockedOffer = NonNullable<Awaited<ReturnType<typeof lockOffer>>>;

/** The device and answers an offer was quoted for, to quote them again. */
export async function findAssessmentOfOffer(db: Executor, offerId: string) {
  return db
    .selectFrom('offers as o')
    .innerJoin('assessments as a', 'a.id', 'o.assessment_id')
    .select(['a.variant_id', 'a.answers'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
}
