import type { TReadiness as SellerReadiness } from '../../../shared/api/accounts.ts';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import { createQuote, reserveBestAtLeast, reserveUnit, type ReservedUnit } from '../offers/index.ts';
import type { VariantCache } from '../catalog/index.ts';
import { presentTradeIn } from './trade-in.presenter.ts';
import { findLiveInboundLabel, findTradeInByOffer, findTradeInDetail, insertEvent, insertTradeIn, listEvents } from './trade-ins.repository.ts';

export type { TReadiness as SellerReadiness } from '../../../shared/api/accounts.ts';

export interface AcceptDeps {
  /** The pool, for the quote of a changed offer (its hot path talks to the pool directly). */
  database: Database;
  db: Db;
  clock: Clock;
  variants: VariantCache;
  sellerReadiness: (db: Db | Trx, sellerId: string, now: Date) => Promise<SellerReadiness>;
  /** Side effects of an acceptance (label, e-mail, deadlines), enqueued inside the transaction. */
  onAccepted?: (trx: Trx, tradeInId: string, now: Date) => Promise<void>;
}

export interface AcceptInput {
  offerId: string;
  sellerId: string;
  idempotencyKey: string;
  body: unknown;
}

/**
 * PRODUCT.md §2–3: accepting creates the trade-in and reserves one wishlist unit in one
 * transaction. If the matched entry ran out since the quote, another entry paying at least as
 * much honours the offer; otherwise nothing changes and the seller gets the new best offer.
 */
export async function acceptOffer(deps: AcceptDeps, input: AcceptInput): Promise<{ status: number; body: TTradeIn; replayed: boolean }> {
  const now = deps.clock.now();
  const hash = requestHash({ method: 'POST', path: `/api/offers/${input.offerId}/accept`, body: input.body ?? null });
  try {
    return await deps.db.transaction().execute((trx) =>
      withIdempotency(trx, { scope: `accept:${input.sellerId}`, key: input.idempotencyKey, hash, now }, async () => {
        const tradeIn = await acceptInTransaction(deps, trx, input, now);
        return { status: 201, body: tradeIn };
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'trade_ins_offer_id_key')) {
      throw new AppError('offer_already_accepted', 'This offer has already been accepted');
    }
    if (err instanceof AppError && err.code === 'offer_changed') throw await withNewOffer(deps, input.offerId, err);
    throw err;
  }
}

async function acceptInTransaction(deps: AcceptDeps, trx: Trx, input: AcceptInput, now: Date): Promise<TTradeIn> {
  // Lock the offer row: concurrent accepts of one offer queue here instead of racing.
  const offer = await trx.selectFrom('offers').selectAll().where('id', '=', input.offerId).forUpdate().executeTakeFirst();
  if (!offer) throw new AppError('not_found', 'Offer not found');
  if (await findTradeInByOffer(trx, offer.id)) throw new AppError('offer_already_accepted', 'This offer has already been accepted');
  if (now.getTime() >= offer.ship_by.getTime()) {
    throw new AppError('offer_expired', `This offer has expired: its ${SHIP_WITHIN_DAYS}-day window has passed. Run the assessment again for a new offer.`);
  }

  const readiness = await deps.sellerReadiness(trx, input.sellerId, now);
  if (!readiness.profileComplete) {
    throw new AppError('profile_incomplete', 'Complete your profile (legal name, date of birth, address, phone) and identity before accepting', {
      details: { readiness },
    });
  }
  if (!readiness.isAdult) throw new AppError('seller_underage', 'You must be 18 or older to trade in a device');
  if (!readiness.identityComplete) {
    throw new AppError('profile_incomplete', 'Add your driver’s licence number or the last 4 digits of your SSN before accepting', {
      details: { readiness },
    });
  }

  const currency = offer.currency.trim();
  const unit: ReservedUnit | undefined =
    (await reserveUnit(trx, offer.wishlist_entry_id, now)) ??
    (await reserveBestAtLeast(trx, { variantId: offer.variant_id, grade: offer.grade, minPriceMinor: offer.price_minor, currency, now }));
  if (!unit) {
    throw new AppError('offer_changed', 'The refurbisher’s wishlist changed since your quote and no one else pays as much today');
  }

  const tradeInId = newId('tradeIn', now.getTime());
  // The seller never gets less than the offer; a re-matched entry that pays more pays more.
  const priceMinor = Math.max(unit.priceMinor, offer.price_minor);
  await insertTradeIn(trx, {
    id: tradeInId,
    offer_id: offer.id,
    seller_id: input.sellerId,
    refurbisher_id: unit.refurbisherId,
    wishlist_entry_id: unit.entryId,
    variant_id: offer.variant_id,
    grade: offer.grade,
    price_minor: priceMinor,
    currency,
    status: 'awaiting_shipment',
    ship_by: offer.ship_by,
    accepted_at: now,
    updated_at: now,
  });
  await insertEvent(trx, {
    tradeInId,
    type: 'accepted',
    from: null,
    to: 'awaiting_shipment',
    data: {
      priceMinor,
      currency,
      ...(unit.entryId !== offer.wishlist_entry_id ? { rematched: true } : {}),
    },
    occurredAt: now,
    recordedAt: now,
  });
  await deps.onAccepted?.(trx, tradeInId, now);

  const detail = await findTradeInDetail(trx, tradeInId);
  return presentTradeIn(detail!, await listEvents(trx, tradeInId), { payoutMethodComplete: readiness.payoutComplete, label: await findLiveInboundLabel(trx, tradeInId) });
}

/** The 409 for a changed wishlist carries a fresh quote for the same device and answers. */
async function withNewOffer(deps: AcceptDeps, offerId: string, err: AppError): Promise<AppError> {
  const old = await deps.db
    .selectFrom('offers as o')
    .innerJoin('assessments as a', 'a.id', 'o.assessment_id')
    .select(['a.variant_id', 'a.answers'])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
  if (!old) return err;
  const quote = await createQuote({ database: deps.database, clock: deps.clock, variants: deps.variants }, { variantId: old.variant_id, answers: old.answers });
  return new AppError('offer_changed', err.message, { details: { newQuote: quote } });
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && e.constraint === constraint;
}
