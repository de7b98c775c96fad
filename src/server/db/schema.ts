import type { AccountsTables } from '../modules/accounts/accounts.tables.ts';
import type { CatalogTables } from '../modules/catalog/catalog.tables.ts';
import type { DevTables } from '../modules/dev/dev.tables.ts';
import type { OffersTables } from '../modules/offers/offers.tables.ts';
import type { ShippingTables } from '../modules/shipping/shipping.tables.ts';
import type { TradeInsTables } from '../modules/trade-ins/trade-ins.tables.ts';
import type { JobsTables } from '../platform/jobs/jobs.tables.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { RefurbishersTables } from '../modules/refurbishers/refurbishers.tables.ts';
import type { BlocklistTables } from '../modules/blocklist/blocklist.tables.ts';
import type { InspectionTables } from '../modules/inspection/inspection.tables.ts';
import type { MessagesTables } from '../modules/messages/messages.tables.ts';
import type { LedgerTables } from '../modules/ledger/ledger.tables.ts';
import type { PayoutsTables } from '../modules/payouts/payouts.tables.ts';
import type { WishlistTables } from '../modules/wishlist/wishlist.tables.ts';

/**
 * Kysely's view of the whole database. Each module declares its own tables in
 * `<module>.tables.ts` (the platform in `platform/*.tables.ts`); this interface joins them.
 * Only the owner of a table reads or writes it: others ask the owner through its index.ts.
 */
export interface DB extends PlatformTables, JobsTables, AccountsTables, CatalogTables, OffersTables, TradeInsTables, ShippingTables, RefurbishersTables, WishlistTables, DevTables, BlocklistTables, InspectionTables, MessagesTables, LedgerTables, PayoutsTables {}
