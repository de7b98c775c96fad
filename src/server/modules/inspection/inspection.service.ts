import type { Answers, CategoryId } from '../../../shared/catalog-types.ts';
import {
  ZInspectionRequest,
  type InspectionOutcome,
  type RefusalReason,
  type TDeviceIdentity,
  type TIncomingDetail,
  type TInspectionRequest,
} from '../../../shared/api/inspection.ts';
import { gradeAnswers, validateAnswers } from '../../../shared/grading.ts';
import { gradeRank } from '../../../shared/grade.ts';
import { GRADING_RULES } from '../../../shared/questionnaires.ts';
import { parseDeviceIdentity } from '../../../shared/device-identity.ts';
import { formatMoney } from '../../../shared/money.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isBlocklisted } from '../blocklist/index.ts';
import { findAssessmentOfOffer } from '../offers/index.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import { lockTradeIn, transition, type TradeInDetailRow } from '../trade-ins/index.ts';
import { marketBestPrice, ownLivePricesByGrade } from '../wishlist/index.ts';
import { counterofferDueAt, lockHoldDueAt, scheduleCounteroffer, scheduleLockHold } from './deadlines.jobs.ts';
import { getIncoming, INSPECTABLE, ownTradeIn } from './incoming.service.ts';
import { ACCESSORY_SUBJECT } from './inspection.presenter.ts';
import { findOpenLockHold, insertCounteroffer, insertInspection, insertLockHold, resolveLockHold } from './inspection.repository.ts';
import { claimPhotos } from './photos.service.ts';
import type { EnqueueFn, NotifySeller, RequestReturn, StartPayout } from './ports.ts';

type Request = ReturnType<typeof ZInspectionRequest.parse>;

export interface InspectionDeps {
  db: Db;
  clock: Clock;
  enqueue: EnqueueFn;
  notifySeller: NotifySeller;
  requestReturn: RequestReturn;
  startPayout: StartPayout;
}

/** A rule of the inspection broken: 422 naming the field(s) to fix; nothing is stored. */
const broken = (fields: Record<string, string>) =>
  new AppError('unprocessable', `The inspection cannot be filed: ${Object.values(fields)[0]}`, { fields });

interface Checked {
  outcome: InspectionOutcome;
  answers: Answers;
  verifiedGrade: TradeInDetailRow['grade'];
  identity: TDeviceIdentity | null;
}

/**
 * Checks the inspection against the rules of docs/product.md §5 and issue 10, and derives its
 * outcome (the inspector does not choose it): a refusal → refused; still linked → lock hold; the
 * same grade or a better one with every mandatory accessory → match; anything else → counteroffer. Every broken
 * rule is reported at once.
 */
function check(t: TradeInDetailRow, declaredAnswers: Answers, body: Request): Checked {
  const fields: Record<string, string> = {};
  const category = t.categoryId as CategoryId;

  const validated = validateAnswers(category, body.answers);
  if (!validated.ok) throw broken(validated.fields);
  const { grade: verifiedGrade } = gradeAnswers(category, validated.answers);

  let identity: TDeviceIdentity | null = null;
  if (body.identity) {
    const parsed = parseDeviceIdentity(body.identity);
    if (!parsed.ok) fields.identity = parsed.message;
    else identity = parsed.identity;
  }
  const declared = t.device_id_kind && t.device_id_value ? { kind: t.device_id_kind, value: t.device_id_value } : null;
  if (declared && !body.refusal) {
    if (!body.identity) fields.identity = `The seller gave the device's ${declared.kind === 'imei' ? 'IMEI' : 'serial number'}: read it on the device`;
    else if (identity && identity.kind === declared.kind && identity.value !== declared.value) {
      fields.identity = `This ${declared.kind === 'imei' ? 'IMEI' : 'serial number'} is not the one the seller gave: refuse the device as not the declared one if it is another device`;
    }
  }

  const answered = new Map(body.accessories.map((a) => [a.name, a.present]));
  for (const name of t.mandatoryAccessories) {
    if (!answered.has(name)) fields[`accessories.${name}`] = `Say whether the ${name} is in the box`;
  }
  for (const a of body.accessories) {
    if (!t.mandatoryAccessories.includes(a.name)) fields[`accessories.${a.name}`] = `${a.name} is not a mandatory accessory of this model`;
  }
  const missing = t.mandatoryAccessories.filter((name) => answered.get(name) === false);

  const outcome: InspectionOutcome = body.refusal
    ? 'refused'
    : body.stillLinked
      ? 'lock_hold'
      : // A device in better condition than declared keeps the offer price (docs/product.md §2): a match.
        gradeRank(verifiedGrade) <= gradeRank(t.grade) && missing.length === 0
        ? 'match'
        : 'counteroffer';

  if (outcome !== 'match' && body.photoIds.length === 0) fields.photoIds = 'Add at least one photo of the device';
  if (outcome !== 'counteroffer' && body.counteroffer) {
    fields.counteroffer =
      outcome === 'match'
        ? 'The device matches the assessment (same grade, accessories present): approve it, no counteroffer'
        : `A ${outcome === 'refused' ? 'refused device' : 'device on lock hold'} gets no counteroffer`;
  }
  if (outcome === 'counteroffer') {
    if (!body.counteroffer) fields.counteroffer = 'The condition differs from the assessment: make a counteroffer (a price and a reason per defect)';
    else {
      const subjects = new Set(body.counteroffer.defects.map((d) => d.subject));
      const known = new Set([...Object.keys(validated.answers), ...t.mandatoryAccessories.map((n) => `${ACCESSORY_SUBJECT}${n}`)]);
      body.counteroffer.defects.forEach((d, i) => {
        if (!known.has(d.subject)) fields[`counteroffer.defects.${i}.subject`] = `Unknown defect subject '${d.subject}': a question id or ${ACCESSORY_SUBJECT}<name>`;
      });
      const needReason = [...worseAnswers(category, declaredAnswers, validated.answers), ...missing.map((n) => `${ACCESSORY_SUBJECT}${n}`)];
      const unexplained = needReason.filter((subject) => !subjects.has(subject));
      if (unexplained.length > 0) fields['counteroffer.defects'] = `Give a reason for each defect: ${unexplained.join(', ')} has none`;
    }
  }
  if (Object.keys(fields).length > 0) throw broken(fields);
  return { outcome, answers: validated.answers, verifiedGrade, identity };
}

/**
 * The operator-managed blocklist decides "reported lost or stolen", not the inspector: an IMEI read
 * on the device that is on it can only be refused as blocklisted (no approval, no counteroffer, no
 * lock hold for a stolen phone), and a refusal as blocklisted needs an IMEI that is on it.
 */
async function checkBlocklist(db: Executor, identity: TDeviceIdentity | null, refusal: RefusalReason | undefined): Promise<void> {
  const listed = identity?.kind === 'imei' ? await isBlocklisted(db, identity.value) : null;
  if (listed && refusal !== 'blocklisted') {
    throw broken({ refusal: `This IMEI is on the blocklist (${listed.reason}): refuse the device as blocklisted` });
  }
  if (!listed && refusal === 'blocklisted') {
    throw broken({ refusal: 'Refusing as blocklisted needs the IMEI read on the device, and it must be on the blocklist; otherwise choose another reason' });
  }
}

/** The questions whose verified answer caps the grade lower than the seller's answer did: each is a defect needing a reason. */
function worseAnswers(category: CategoryId, declared: Answers, verified: Answers): string[] {
  const rules = GRADING_RULES[category];
  const cap = (q: string, option: string | undefined) => (option ? rules[q]?.[option]?.cap : undefined);
  return Object.keys(verified).filter((q) => {
    const before = cap(q, declared[q]);
    const after = cap(q, verified[q]);
    return after !== undefined && (before === undefined || gradeRank(after) > gradeRank(before));
  });
}

/** The counteroffer's price rules: the seller's currency, not above the offer, not below this refurbisher's own live price for the verified grade. */
async function checkPrice(trx: Trx, t: TradeInDetailRow, price: { amountMinor: number; currency: string }, verifiedGrade: Checked['verifiedGrade'], now: Date) {
  const currency = t.currency.trim();
  if (price.currency !== currency) throw broken({ 'counteroffer.price.currency': `The price is in ${currency}, the offer's currency` });
  if (price.amountMinor <= 0) throw broken({ 'counteroffer.price': 'The price must be more than zero' });
  if (price.amountMinor > t.price_minor) {
    throw broken({ 'counteroffer.price': `A counteroffer is below the offer (${formatMoney({ amountMinor: t.price_minor, currency })}); to pay the offer, approve the device` });
  }
  const floor = (await ownLivePricesByGrade(trx, { refurbisherId: t.refurbisher_id, variantId: t.variant_id, currency, now })).get(verifiedGrade);
  if (floor !== undefined && price.amountMinor < floor) {
    throw broken({
      'counteroffer.price': `At least ${formatMoney({ amountMinor: floor, currency })}: your own wishlist pays that for ${verifiedGrade} (no counteroffer below your own price)`,
    });
  }
}

/**
 * Files an inspection: the row, its photos, its outcome's row (counteroffer or lock hold) and
 * the status change, in one transaction. The trade-in is locked first, so of two inspections
 * filed at once the second finds the status moved and gets 409 (an inspection is final).
 * A device on lock hold is first moved back to delivered ("lock cleared") in the same transaction.
 */
export async function fileInspection(deps: InspectionDeps, actor: RefurbisherActor, tradeInId: string, input: TInspectionRequest): Promise<TIncomingDetail> {
  const body = ZInspectionRequest.parse(input);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await ownTradeIn(trx, actor, tradeInId);
    const locked = await lockTradeIn(trx, tradeInId);
    const status = locked?.status ?? t.status;
    if (!INSPECTABLE.has(status)) {
      throw new AppError('invalid_transition', `A trade-in that is ${status.replaceAll('_', ' ')} cannot be inspected (an inspection is final)`, { details: { status } });
    }
    const c = check(t, (await findAssessmentOfOffer(trx, t.offer_id))?.answers ?? {}, body);
    if (c.outcome === 'counteroffer') await checkPrice(trx, t, body.counteroffer!.price, c.verifiedGrade, now);
    await checkBlocklist(trx, c.identity, body.refusal);

    if (status === 'account_locked') {
      const hold = await findOpenLockHold(trx, t.id);
      if (hold) await resolveLockHold(trx, hold.id, 'rechecked', now);
      await transition(trx, t.id, { event: 'lock_cleared', now, data: { by: 'inspection' } });
    }

    const inspectionId = newId('inspection');
    await insertInspection(trx, {
      id: inspectionId,
      trade_in_id: t.id,
      refurbisher_id: t.refurbisher_id,
      inspector_user_id: actor.actorId,
      inspector_name: actor.label,
      outcome: c.outcome,
      declared_grade: t.grade,
      verified_grade: c.verifiedGrade,
      answers: JSON.stringify(c.answers),
      identity_kind: c.identity?.kind ?? null,
      identity_value: c.identity?.value ?? null,
      accessories: JSON.stringify(body.accessories),
      still_linked: body.stillLinked,
      refusal_reason: body.refusal ?? null,
      notes: body.notes,
      delivered_at: t.delivered_at ?? now,
      due_at: t.inspection_due_at ?? now,
      created_at: now,
    });
    if (body.photoIds.length > 0) {
      await claimPhotos(trx, { tradeInId: t.id, refurbisherId: t.refurbisher_id, inspectionId, photoIds: body.photoIds });
    }
    const data = { inspectionId, verifiedGrade: c.verifiedGrade };

    switch (c.outcome) {
      case 'match':
        await transition(trx, t.id, { event: 'approve', now, data });
        await deps.startPayout(trx, t.id);
        await deps.notifySeller(trx, { template: 'approved', tradeInId: t.id });
        break;
      case 'counteroffer': {
        const co = body.counteroffer!;
        const currency = t.currency.trim();
        const id = newId('counteroffer');
        const dueAt = counterofferDueAt(now);
        await insertCounteroffer(trx, {
          id,
          trade_in_id: t.id,
          inspection_id: inspectionId,
          refurbisher_id: t.refurbisher_id,
          declared_grade: t.grade,
          verified_grade: c.verifiedGrade,
          defects: JSON.stringify(co.defects),
          original_price_minor: t.price_minor,
          price_minor: co.price.amountMinor,
          currency,
          market_best_minor: await marketBestPrice(trx, { variantId: t.variant_id, grade: c.verifiedGrade, currency, now }),
          due_at: dueAt,
          created_at: now,
        });
        await transition(trx, t.id, { event: 'counteroffer', now, data: { ...data, price: co.price, dueAt: dueAt.toISOString() } });
        await scheduleCounteroffer(deps.enqueue, trx, { id, createdAt: now, dueAt });
        await deps.notifySeller(trx, { template: 'counteroffer', tradeInId: t.id });
        break;
      }
      case 'lock_hold': {
        const id = newId('lockHold');
        const dueAt = lockHoldDueAt(now);
        await insertLockHold(trx, { id, trade_in_id: t.id, inspection_id: inspectionId, due_at: dueAt, created_at: now });
        await transition(trx, t.id, { event: 'lock_hold', now, data: { ...data, dueAt: dueAt.toISOString() } });
        await scheduleLockHold(deps.enqueue, trx, { id, dueAt });
        await deps.notifySeller(trx, { template: 'lock_hold', tradeInId: t.id, ref: id });
        break;
      }
      case 'refused':
        await transition(trx, t.id, { event: 'refuse', now, data: { ...data, reason: body.refusal } });
        await deps.requestReturn(trx, t.id, 'refused');
        await deps.notifySeller(trx, { template: 'refused', tradeInId: t.id });
        break;
    }
  });
  return getIncoming(deps, actor, tradeInId);
}
