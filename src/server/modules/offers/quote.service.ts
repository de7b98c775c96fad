import type { TCreateAssessment, TQuote } from '../../../shared/api/quotes.ts';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import { SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';
import { GRADES } from '../../../shared/grade.ts';
import { gradeAnswers, validateAnswers } from '../../../shared/grading.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { VariantCache } from '../catalog/index.ts';
import { insertQuote } from './matching.repository.ts';
import { findRefurbisherDisplays } from '../refurbishers/index.ts';
import { deviceOf, findAssessmentOfOffer, findQuoteByAssessment, findQuoteByOffer, type QuoteLookups, type QuoteRow } from './offers.repository.ts';

const DAY_MS = 86_400_000;

export interface QuoteDeps {
  database: Database;
  clock: Clock;
  variants: VariantCache;
}

/**
 * Grades the answers, finds the best price at every grade and stores the assessment with the
 * offer it produced (price locked) in one transaction. No entry for the grade is an answer
 * ("no offer today"), not an error.
 */
export async function createQuote({ database, clock, variants }: QuoteDeps, input: TCreateAssessment): Promise<TQuote> {
  const variant = await variants.get(input.variantId);
  if (!variant) throw new AppError('not_found', `No device variant with id ${input.variantId}`);
  const category = variant.categoryId as CategoryId;

  const checked = validateAnswers(category, input.answers);
  if (!checked.ok) throw new AppError('validation_failed', 'Some answers need fixing', { fields: checked.fields });
  const { grade, reasons } = gradeAnswers(category, checked.answers);

  const now = clock.now();
  const assessmentId = newId('assessment', now.getTime());
  const shipBy = new Date(now.getTime() + SHIP_WITHIN_DAYS * DAY_MS);
  const offerId = newId('offer', now.getTime());
  const { ladder, offer: match } = await insertQuote(database, {
    assessmentId,
    offerId,
    variantId: variant.id,
    grade,
    answersJson: JSON.stringify(checked.answers),
    reasonsJson: JSON.stringify(reasons),
    now,
    shipBy,
    currency: 'USD',
  });
  return present(now, {
    assessmentId,
    grade,
    gradeReasons: reasons,
    ladder,
    createdAt: now,
    ...deviceOf(variant),
    offer: match
      ? {
          id: offerId,
          priceMinor: match.priceMinor,
          currency: match.currency,
          refurbisherId: match.refurbisherId,
          refurbisherName: match.refurbisherName,
          createdAt: now,
          shipBy,
          acceptedAt: null,
        }
      : null,
  });
}

/** The quote page's device from the catalogue's cache (no query), its refurbisher from the refurbishers module. */
function lookupsFor(db: Db, variants: VariantCache): QuoteLookups {
  return { variants: (ids) => variants.getMany(ids), refurbishers: (ids) => findRefurbisherDisplays(db, ids) };
}

export async function getQuoteByOffer(db: Db, clock: Clock, variants: VariantCache, offerId: string): Promise<TQuote> {
  const row = await findQuoteByOffer(db, lookupsFor(db, variants), offerId);
  if (!row) throw notFound('Offer');
  return present(clock.now(), row);
}

export async function getQuoteByAssessment(db: Db, clock: Clock, variants: VariantCache, assessmentId: string): Promise<TQuote> {
  const row = await findQuoteByAssessment(db, lookupsFor(db, variants), assessmentId);
  if (!row) throw notFound('Assessment');
  return present(clock.now(), row);
}

/** `now` is the application clock's: under the demo clock an offer expires when the demo says so. */
function present(now: Date, row: QuoteRow): TQuote {
  return {
    assessmentId: row.assessmentId,
    grade: row.grade,
    gradeReasons: row.gradeReasons,
    device: {
      variantId: row.variantId,
      variantLabel: row.variantLabel,
      modelId: row.modelId,
      modelName: row.modelName,
      brand: row.brand,
      categoryId: row.categoryId,
      mandatoryAccessories: row.mandatoryAccessories,
    },
    offer: row.offer
      ? {
          id: row.offer.id,
          price: { amountMinor: row.offer.priceMinor, currency: row.offer.currency },
          grade: row.grade,
          refurbisher: { id: row.offer.refurbisherId, name: row.offer.refurbisherName },
          createdAt: row.offer.createdAt.toISOString(),
          shipBy: row.offer.shipBy.toISOString(),
          expired: now.getTime() >= row.offer.shipBy.getTime(),
          accepted: row.offer.acceptedAt !== null,
        }
      : null,
    ladder: row.ladder.map((r) => ({
      grade: r.grade,
      price: r.priceMinor === null ? null : { amountMinor: r.priceMinor, currency: r.currency },
    })),
  };
}

/** A fresh quote for the device and answers of an earlier offer; undefined if there is no such offer. */
export async function quoteAgain(deps: QuoteDeps, offerId: string): Promise<TQuote | undefined> {
  const old = await findAssessmentOfOffer(deps.database.db, offerId);
  if (!old) return undefined;
  return createQuote(deps, { variantId: old.variant_id, answers: old.answers });
}
