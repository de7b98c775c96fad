import { z } from 'zod';
import { parseDeviceIdentity } from '../device-identity.ts';

/**
 * The IMEI blocklist (docs/product.md §9): devices reported lost or stolen, managed by operators
 * (GET/POST /api/admin/blocklist, DELETE /api/admin/blocklist/:imei). An IMEI on it gets no label
 * at accept and is refused at inspection. Operators see IMEIs in full; nobody else sees the list.
 */

/** An IMEI as an operator types it: spaces and dashes allowed, 15 digits with a valid check digit. */
export const ZImei = z.string().max(40).transform((s, ctx) => {
  const parsed = parseDeviceIdentity({ kind: 'imei', value: s });
  if (parsed.ok) return parsed.identity.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

export const ZBlocklistEntry = z.object({
  imei: z.string(),
  reason: z.string(),
  /** The operator who added it (a user id). */
  addedBy: z.string(),
  createdAt: z.string(),
});
export type TBlocklistEntry = z.infer<typeof ZBlocklistEntry>;

export const ZBlocklistQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** `csv`: the whole list as CSV. */
  format: z.enum(['json', 'csv']).default('json'),
});

export const ZBlocklistPage = z.object({
  /** Newest first. */
  entries: z.array(ZBlocklistEntry),
  total: z.number().int(),
});
export type TBlocklistPage = z.infer<typeof ZBlocklistPage>;

export const ZAddToBlocklist = z
  .object({
    imei: ZImei,
    reason: z
      .string({ error: 'Say why this IMEI is blocked (e.g. the police report or the carrier’s notice)' })
      .trim()
      .min(3, 'Write a reason of at least 3 characters')
      .max(500, 'Keep the reason under 500 characters')
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'The reason contains control characters that are not allowed'),
  })
  .strict();
export type TAddToBlocklist = z.input<typeof ZAddToBlocklist>;

export const ZBlocklistImeiParam = z.object({ imei: ZImei });
