import type { z } from 'zod';
import { ERASURE_METHOD_LABEL, type TErasureCertificate, type ZRecordErasure } from '../../../shared/api/inspection.ts';
import { localDateOf } from '../../../shared/market-time.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { renderErasureCertificatePdf } from '../../platform/pdf/erasure-certificate.ts';
import type { VariantInfo } from '../catalog/index.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import { findRefurbisherDisplays } from '../refurbishers/index.ts';
import { findTradeIn, insertEvent, lockTradeIn } from '../trade-ins/index.ts';
import { newErasureCode } from './erasure-code.ts';
import {
  erasureCodeTaken,
  findErasureCertificate,
  insertErasureCertificate,
  latestInspectedIdentity,
  type ErasureCertificateRow,
} from './erasure.repository.ts';

/** After approval: the device is the refurbisher's to wipe and resell. */
const ERASABLE: ReadonlySet<TradeInStatus> = new Set(['approved', 'payout_on_hold', 'paid']);

export interface ErasureDeps {
  db: Db;
  clock: Clock;
  variants: { get(id: string): Promise<VariantInfo | undefined> };
  /** Enqueues the seller's e-mail with the certificate, in the recording transaction. */
  notify: (executor: Executor, mail: { template: 'erasure_certificate'; tradeInId: string }) => Promise<void>;
  /** Where the public verification page lives (PUBLIC_URL). */
  publicBase: string;
}

export const certificatePdfUrl = (tradeInId: string) => `/api/trade-ins/${tradeInId}/erasure-certificate.pdf`;
const verifyUrl = (base: string, code: string) => `${base.replace(/\/+$/, '')}/verify/${code}`;

function present(row: ErasureCertificateRow, opts: { masked: boolean }): TErasureCertificate {
  const value = row.identity_value;
  return {
    code: row.code,
    method: row.method,
    tool: row.tool,
    erasedOn: row.erased_on,
    erasedBy: row.erased_by_name,
    refurbisherName: row.refurbisher_name,
    device: { modelName: row.model_name, variantLabel: row.variant_label },
    identity:
      row.identity_kind && value
        ? { kind: row.identity_kind, value: opts.masked ? `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}` : value }
        : null,
    issuedAt: row.created_at.toISOString(),
    pdfUrl: opts.masked ? null : certificatePdfUrl(row.trade_in_id),
  };
}

const refuseDate = (message: string) => new AppError('unprocessable', message, { fields: { erasedOn: message } });

function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * The inspector records how the device's data was erased; the certificate is issued once, with
 * what it certifies written into it (device, identity, refurbisher, who), so that later changes
 * elsewhere never alter a certificate already handed out.
 */
export async function recordErasure(deps: ErasureDeps, actor: RefurbisherActor, tradeInId: string, input: z.infer<typeof ZRecordErasure>): Promise<TErasureCertificate> {
  const found = await findTradeIn(deps.db, tradeInId);
  if (!found || found.refurbisher_id !== actor.refurbisherId) throw new AppError('not_found', 'Trade-in not found');
  if (!isCalendarDate(input.erasedOn)) throw refuseDate('This date does not exist');
  const now = deps.clock.now();
  if (input.erasedOn > localDateOf(now)) throw refuseDate('The erasure date cannot be in the future');
  if (found.delivered_at && input.erasedOn < localDateOf(found.delivered_at)) {
    throw refuseDate(`The erasure date cannot be before the device was delivered (${localDateOf(found.delivered_at)})`);
  }
  const variant = await deps.variants.get(found.variant_id);
  const refurbisher = (await findRefurbisherDisplays(deps.db, [found.refurbisher_id])).get(found.refurbisher_id);
  if (!variant || !refurbisher) throw new Error(`trade-in ${found.id}: its variant or refurbisher is missing`);

  return deps.db.transaction().execute(async (trx) => {
    // Locked: a second recording waits for the first and then finds its certificate (409).
    const t = (await lockTradeIn(trx, tradeInId))!;
    if (!ERASABLE.has(t.status)) {
      throw new AppError('conflict', `The data erasure is recorded once the trade-in is approved; it is ${t.status.replaceAll('_', ' ')}`);
    }
    if (await findErasureCertificate(trx, t.id)) throw new AppError('conflict', 'The data erasure of this device is already recorded');
    const inspected = await latestInspectedIdentity(trx, t.id);
    const identity = inspected?.identity_kind && inspected.identity_value
      ? { kind: inspected.identity_kind, value: inspected.identity_value }
      : t.device_id_kind && t.device_id_value
        ? { kind: t.device_id_kind, value: t.device_id_value }
        : null;
    let code = newErasureCode();
    while (await erasureCodeTaken(trx, code)) code = newErasureCode();
    await insertErasureCertificate(trx, {
      id: newId('certificate', now.getTime()),
      trade_in_id: t.id,
      refurbisher_id: t.refurbisher_id,
      refurbisher_name: refurbisher.name,
      code,
      method: input.method,
      tool: input.tool,
      erased_on: input.erasedOn,
      erased_by_user_id: actor.actorId,
      erased_by_name: actor.label,
      model_name: variant.modelName,
      variant_label: variant.label,
      identity_kind: identity?.kind ?? null,
      identity_value: identity?.value ?? null,
      created_at: now,
    });
    await insertEvent(trx, { tradeInId: t.id, type: 'erasure_recorded', from: null, to: null, data: { code, method: input.method }, occurredAt: now, recordedAt: now });
    await deps.notify(trx, { template: 'erasure_certificate', tradeInId: t.id });
    return present((await findErasureCertificate(trx, t.id))!, { masked: false });
  });
}

/** The certificate as the seller, the organisation and operators see it; null before it is recorded. */
export async function erasureCertificateOf(db: Executor, tradeInId: string): Promise<TErasureCertificate | null> {
  const row = await findErasureCertificate(db, tradeInId);
  return row ? present(row, { masked: false }) : null;
}

/** The certificate as anyone checking a code sees it: the identity masked but for its last 4 characters, no PDF. */
export function publicCertificate(row: ErasureCertificateRow): TErasureCertificate {
  return present(row, { masked: true });
}

const DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const displayDate = (d: string) => DAY.format(new Date(`${d}T12:00:00Z`));

/** The certificate's PDF and its file name, or undefined before it is recorded. */
export async function erasureCertificatePdf(db: Executor, publicBase: string, tradeInId: string): Promise<{ pdf: Buffer; filename: string; code: string } | undefined> {
  const row = await findErasureCertificate(db, tradeInId);
  if (!row) return undefined;
  const pdf = await renderErasureCertificatePdf({
    code: row.code,
    deviceName: `${row.model_name} (${row.variant_label})`,
    identity: row.identity_kind && row.identity_value ? `${row.identity_kind === 'imei' ? 'IMEI' : 'Serial'} ${row.identity_value}` : null,
    method: ERASURE_METHOD_LABEL[row.method],
    tool: row.tool,
    erasedOn: displayDate(row.erased_on),
    erasedBy: row.erased_by_name,
    refurbisherName: row.refurbisher_name,
    issuedOn: displayDate(localDateOf(row.created_at)),
    verifyUrl: verifyUrl(publicBase, row.code),
  });
  return { pdf, filename: `tradeloop-erasure-certificate-${row.code}.pdf`, code: row.code };
}

export { verifyUrl };
