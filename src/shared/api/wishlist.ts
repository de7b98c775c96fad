import { z } from 'zod';
import { CATEGORY_IDS } from '../catalog-types.ts';
import { ZGrade, ZMoney } from './common.ts';
import { ZRowProblem } from './errors.ts';

/** Contracts of the refurbisher's wishlist (portal, API, CSV) and of the public price history. */

export const WISHLIST_CURRENCY = 'USD';
/** $100,000 in cents: far above any device, low enough that a typo of extra zeros is caught. */
export const MAX_PRICE_MINOR = 10_000_000;
export const MAX_QUANTITY = 100_000;

export const ZPriceMinor = z
  .number({ error: 'Price must be a whole number of cents' })
  .int('Price must be a whole number of cents')
  .positive('Price must be more than 0')
  .max(MAX_PRICE_MINOR, `Price is at most ${MAX_PRICE_MINOR} cents`);
export const ZQuantity = z
  .number({ error: 'Quantity must be a whole number' })
  .int('Quantity must be a whole number')
  .min(0, 'Quantity cannot be negative')
  .max(MAX_QUANTITY, `Quantity is at most ${MAX_QUANTITY}`);
export const ZWishlistMoney = z.object({
  amountMinor: ZPriceMinor,
  currency: z.literal(WISHLIST_CURRENCY, { error: `Currency must be ${WISHLIST_CURRENCY}` }),
});
export type TWishlistUpsertItem = z.input<typeof ZWishlistUpsertItem>;

export const WISHLIST_SORTS = ['model', 'price', 'quantity', 'updated'] as const;
export const ZBoolString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZWishlistQuery = z.object({
  category: z.enum(CATEGORY_IDS).optional(),
  brand: z.string().trim().max(60).optional(),
  modelId: z.string().trim().max(100).optional(),
  grade: ZGrade.optional(),
  active: ZBoolString.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(WISHLIST_SORTS).default('model'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type TWishlistQuery = Omit<z.input<typeof ZWishlistQuery>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const ZMarket = z.object({
  /** This entry's place among the live prices of its variant and grade (1 = highest); null while it is not live. */
  rank: z.number().int().nullable(),
  /** How many live entries there are for the variant and grade, this one included when live. */
  of: z.number().int(),
  /** The best live price of anyone (never who offers it). */
  bestPrice: ZMoney.nullable(),
  /** The lowest price that would make this entry the one sellers see; null when it already is. */
  priceToWin: ZMoney.nullable(),
  /** This entry is the offer sellers get today. */
  youWin: z.boolean(),
});

export const ZWishlistEntry = z.object({
  id: z.string(),
  variantId: z.string(),
  modelId: z.string(),
  category: z.enum(CATEGORY_IDS),
  brand: z.string(),
  modelName: z.string(),
  variantLabel: z.string(),
  grade: ZGrade,
  price: ZMoney,
  /** Units wanted in all, reserved ones included. */
  quantity: z.number().int(),
  /** Units still open to new trade-ins. */
  remaining: z.number().int(),
  /** Units taken by accepted trade-ins: quantity can never go below this. */
  reserved: z.number().int(),
  active: z.boolean(),
  updatedAt: z.iso.datetime(),
  market: ZMarket,
});
export type TWishlistEntry = z.infer<typeof ZWishlistEntry>;

export const ZWishlistPage = z.object({
  entries: z.array(ZWishlistEntry),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type TWishlistPage = z.infer<typeof ZWishlistPage>;

export const ZWishlistUpsertItem = z.object({
  variantId: z.string().trim().min(1).max(100),
  grade: ZGrade,
  price: ZWishlistMoney,
  quantity: ZQuantity,
  active: z.boolean().default(true),
});
export const ZWishlistUpsert = z.object({ entries: z.array(ZWishlistUpsertItem).min(1).max(20_000) });
export const ZWishlistUpsertResult = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export type TWishlistUpsertResult = z.infer<typeof ZWishlistUpsertResult>;

export const ZWishlistPatch = z
  .object({ price: ZWishlistMoney.optional(), quantity: ZQuantity.optional(), active: z.boolean().optional() })
  .refine((p) => p.price !== undefined || p.quantity !== undefined || p.active !== undefined, 'Change the price, the quantity or active');
export type TWishlistPatch = z.infer<typeof ZWishlistPatch>;

export const ZBulkChange = z.object({
  entryIds: z.array(z.string().max(100)).min(1).max(20_000),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), percent: z.number().min(-90).max(500).refine((v) => v !== 0, 'A change of 0% changes nothing') }),
    z.object({
      kind: z.literal('amount'),
      amountMinor: z.number().int().min(-MAX_PRICE_MINOR).max(MAX_PRICE_MINOR).refine((v) => v !== 0, 'A change of 0 changes nothing'),
    }),
  ]),
});
export type TBulkChange = z.infer<typeof ZBulkChange>;
export const ZBulkChangeResult = z.object({ updated: z.number().int() });

export const ZEntryChange = z.object({
  at: z.iso.datetime(),
  kind: z.enum(['created', 'updated']),
  /** portal, api, csv, or system (a trade-in reserving or releasing a unit, the demo seed). */
  source: z.string(),
  /** A member's name or an API key's name; null for the system. */
  who: z.string().nullable(),
  old: z.object({ priceMinor: z.number().int().nullable(), quantity: z.number().int().nullable(), remaining: z.number().int().nullable(), active: z.boolean().nullable() }),
  new: z.object({ priceMinor: z.number().int(), quantity: z.number().int(), remaining: z.number().int(), active: z.boolean() }),
});
export type TEntryChange = z.infer<typeof ZEntryChange>;
export const ZEntryChanges = z.object({ entryId: z.string(), changes: z.array(ZEntryChange) });

export const ZPricePoint = z.object({ at: z.iso.datetime(), priceMinor: z.number().int().nullable() });
export type TPricePoint = z.infer<typeof ZPricePoint>;
export const ZPriceHistoryQuery = z.object({ grade: ZGrade, days: z.coerce.number().int().min(1).max(365).default(90) });
export const ZPriceHistory = z.object({
  variantId: z.string(),
  grade: ZGrade,
  currency: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** The best live price, as a step line: each point holds until the next. The first is the value at `from`. */
  points: z.array(ZPricePoint),
});
export type TPriceHistory = z.infer<typeof ZPriceHistory>;
export const ZEntryPriceHistory = z.object({ market: ZPriceHistory, yours: z.array(ZPricePoint) });
export type TEntryPriceHistory = z.infer<typeof ZEntryPriceHistory>;

/** CSV columns, in the order the export writes them. The informational ones are ignored on import. */
export const CSV_COLUMNS = ['variant_id', 'brand', 'model', 'variant', 'grade', 'price_cents', 'currency', 'quantity', 'active'] as const;
export const CSV_REQUIRED_COLUMNS = ['variant_id', 'grade', 'price_cents', 'quantity', 'active'] as const;

export const ZCsvProblem = ZRowProblem;
export type TCsvProblem = z.infer<typeof ZCsvProblem>;
export const ZCsvImportResult = ZWishlistUpsertResult.extend({ rows: z.number().int() });

