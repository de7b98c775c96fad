import type { TReadiness as SellerReadiness } from '../../../shared/api/accounts.ts';
import type { TDeviceIdentity } from '../../../shared/api/inspection.ts';
import type { TAcceptOffer, TTradeIn } from '../../../shared/api/trade-ins.ts';
import { hasImei, parseDeviceIdentity } from '../../../shared/device-identity.ts';
import { SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { isBlocklisted } from '../blocklist/index.ts';
import { lockOffer, markOfferAccepted, quoteAgain, type LockedOffer } from '../offers/index.ts';
import { reserveBestAtLeast, reserveUnit, type ReservedUnit } from '../wishlist/index.ts';
import type { VariantCache } from '../catalog/index.ts';
import type { TradeInShipping } from './shipping.port.ts';
import { presentTradeIn } from './trade-in.presenter.ts';
import { findTradeInByOffer, findTradeInDetail, insertEvent, insertTradeIn, listEvents } from './trade-ins.repository.ts';

export type { TReadiness as SellerReadiness } from '../../../shared/api/accounts.ts';

export interface AcceptDeps {
  /** The pool, for the quote of a changed offer (its hot path talks to the pool directly). */
  database: Database;
  db: Db;
  clock: Clock;
  /** Dates the operator flag of a refused blocklisted IMEI (flags are security time). */
  securityClock: Clock;
  variants: VariantCache;
  sellerReadiness: (db: Db | Trx, sellerId: string, now: Date) => Promise<SellerReadiness>;
  /** The label and the shipping window (steps 5 and 6), enqueued inside the transaction. */
  shipping: TradeInShipping;
}

export interface AcceptInput {
  offerId: string;
  sellerId: string;
  idempotencyKey: string;
  body: TAcceptOffer | null;
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
    if (err instanceof WishlistChanged) throw await withNewOffer(deps, input.offerId);
    if (err instanceof DeviceBlocklisted) throw await refuseBlocklisted(deps, input, err);
    throw err;
  }
}

/**
 * The accept flow, step by step, in one transaction:
 *  1. lock the offer (offers) and check it is still open;
 *  2. check the seller may accept (accounts' readiness: details, age, a confirmed e-mail address),
 *     and the device's IMEI or serial number if they gave one (check digit, category, blocklist);
 *  3. reserve a wishlist unit, the matched entry's or one paying at least as much (offers);
 *  4. create the trade-in and its first timeline entry, and mark the offer accepted (offers);
 *  5. ask shipping for the inbound label (a job: the carrier is called after the commit,
 *     and the accepted e-mail follows the label);
 *  6. open the 21-day shipping window (reminder and expiry jobs).
 */
async function acceptInTransaction(deps: AcceptDeps, trx: Trx, input: AcceptInput, now: Date): Promise<TTradeIn> {
  const offer = await lockOpenOffer(trx, input.offerId, now);
  const readiness = await checkSellerMayAccept(deps, trx, input.sellerId, now);
  const deviceId = await checkDeviceId(deps, trx, offer, input.body?.deviceId);
  const unit = await reserveUnitFor(trx, offer, now);
  const tradeInId = await createTradeIn(trx, offer, unit, input.sellerId, deviceId, now);
  await markOfferAccepted(trx, offer.id, now);
  await deps.shipping.requestInboundLabel(trx, tradeInId);
  await deps.shipping.openShippingWindow(trx, tradeInId, offer.ship_by, now);

  const detail = await findTradeInDetail(trx, tradeInId);
  return presentTradeIn(detail!, await listEvents(trx, tradeInId), {
    payoutMethodComplete: readiness.payoutComplete,
    label: await deps.shipping.labelOf(trx, tradeInId),
    now,
  });
}

async function lockOpenOffer(trx: Trx, offerId: string, now: Date): Promise<LockedOffer> {
  const offer = await lockOffer(trx, offerId);
  if (!offer) throw new AppError('not_found', 'Offer not found');
  if (await findTradeInByOffer(trx, offer.id)) throw new AppError('offer_already_accepted', 'This offer has already been accepted');
  if (now.getTime() >= offer.ship_by.getTime()) {
    throw new AppError('offer_expired', `This offer has expired: its ${SHIP_WITHIN_DAYS}-day window has passed. Run the assessment again for a new offer.`);
  }
  return offer;
}

async function checkSellerMayAccept(deps: AcceptDeps, trx: Trx, sellerId: string, now: Date): Promise<SellerReadiness> {
  const readiness = await deps.sellerReadiness(trx, sellerId, now);
  if (!readiness.profileComplete) {
    throw new AppError('profile_incomplete', 'Complete your profile (legal name, date of birth, address, phone) and identity before accepting', {
      details: { readiness },
    });
  }
  if (!readiness.isAdult) throw new AppError('seller_underage', 'You must be 18 or older to trade in a device');
  if (!readiness.identityComplete) {
    throw new AppError('profile_incomplete', 'Add your driver’s license number or the last 4 digits of your SSN before accepting', {
      details: { readiness },
    });
  }
  // Last, so a seller walking through the details is told about them first; the link is in their mailbox since sign-up.
  if (!readiness.emailVerified) {
    throw new AppError('email_unverified', 'Confirm your e-mail address with the link we sent you before accepting', { details: { readiness } });
  }
  return readiness;
}

/**
 * docs/product.md §9, the pre-label check: an IMEI must pass its check digit and belong to a
 * device that has one; an IMEI reported lost or stolen gets no label (the whole accept rolls back).
 */
async function checkDeviceId(deps: AcceptDeps, trx: Trx, offer: LockedOffer, given: TDeviceIdentity | undefined): Promise<TDeviceIdentity | null> {
  if (!given) return null;
  const parsed = parseDeviceIdentity(given);
  if (!parsed.ok) throw new AppError('device_id_invalid', parsed.message, { fields: { deviceId: parsed.message } });
  const { identity } = parsed;
  if (identity.kind === 'imei') {
    const variant = await deps.variants.get(offer.variant_id);
    if (variant && !hasImei({ categoryId: variant.categoryId, variantLabel: variant.label })) {
      const message = `This ${variant.modelName} (${variant.label}) has no IMEI: give its serial number instead`;
      throw new AppError('device_id_invalid', message, { fields: { deviceId: message } });
    }
    const listed = await isBlocklisted(trx, identity.value);
    if (listed) throw new DeviceBlocklisted(identity.value, listed.reason);
  }
  return identity;
}

async function reserveUnitFor(trx: Trx, offer: LockedOffer, now: Date): Promise<ReservedUnit> {
  const unit =
    (await reserveUnit(trx, offer.wishlist_entry_id, now)) ??
    (await reserveBestAtLeast(trx, { variantId: offer.variant_id, grade: offer.grade, minPriceMinor: offer.price_minor, currency: offer.currency.trim(), now }));
  if (!unit) throw new WishlistChanged();
  return unit;
}

async function createTradeIn(trx: Trx, offer: LockedOffer, unit: ReservedUnit, sellerId: string, deviceId: TDeviceIdentity | null, now: Date): Promise<string> {
  const currency = offer.currency.trim();
  const tradeInId = newId('tradeIn', now.getTime());
  // The seller never gets less than the offer; a re-matched entry that pays more pays more.
  const priceMinor = Math.max(unit.priceMinor, offer.price_minor);
  await insertTradeIn(trx, {
    id: tradeInId,
    offer_id: offer.id,
    seller_id: sellerId,
    refurbisher_id: unit.refurbisherId,
    wishlist_entry_id: unit.entryId,
    variant_id: offer.variant_id,
    grade: offer.grade,
    price_minor: priceMinor,
    currency,
    status: 'awaiting_shipment',
    ship_by: offer.ship_by,
    accepted_at: now,
    device_id_kind: deviceId?.kind ?? null,
    device_id_value: deviceId?.value ?? null,
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
  return tradeInId;
}

/** The IMEI is on the blocklist; rolls the accept back, then becomes the flag and the 422 below. */
class DeviceBlocklisted extends Error {
  readonly imei: string;
  readonly reason: string;
  constructor(imei: string, reason: string) {
    super('device blocklisted');
    this.imei = imei;
    this.reason = reason;
  }
}

/**
 * Operators are told after the rollback (a flag raised inside the accept's transaction would go
 * with it). Once per offer and IMEI: a replay with the same key, or another attempt, finds the
 * same flag. The seller learns only that the IMEI is reported lost or stolen, not the report.
 */
async function refuseBlocklisted(deps: AcceptDeps, input: AcceptInput, err: DeviceBlocklisted): Promise<AppError> {
  await raiseOperatorFlag(deps.db, deps.securityClock, {
    kind: 'blocklisted_device',
    dedupeKey: `blocklisted_device:${input.offerId}:${err.imei}`,
    userIds: [input.sellerId],
    details: { imeiLast4: err.imei.slice(-4), offerId: input.offerId, reason: err.reason },
  });
  return new AppError(
    'device_blocklisted',
    'This IMEI is reported lost or stolen, so we cannot issue a shipping label for it. If you believe this is a mistake, contact the carrier or the police department that reported it.',
    { fields: { deviceId: 'Reported lost or stolen' } },
  );
}

/** No wishlist unit pays the offer any more; rolls the accept back, then becomes the 409 below. */
class WishlistChanged extends Error {}

/**
 * The 409 for a changed wishlist carries a fresh quote for the same device and answers, made
 * after the accept's transaction ended (the quote is its own transaction on the pool).
 */
async function withNewOffer(deps: AcceptDeps, offerId: string): Promise<AppError> {
  const quote = await quoteAgain({ database: deps.database, clock: deps.clock, variants: deps.variants }, offerId);
  if (!quote) return new AppError('not_found', 'Offer not found');
  return new AppError('offer_changed', 'The refurbisher’s wishlist changed since your quote and no one else pays as much today', {
    details: { newQuote: quote },
  });
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && e.constraint === constraint;
}
