import type { Migration } from 'kysely/migration';
import * as m0001 from './2026-11-26T0001_catalog_and_quotes.ts';
import * as m0002 from './2026-11-26T0002_accounts.ts';
import * as m0003 from './2026-11-26T0003_trade_ins.ts';
import * as m0004 from './2026-11-26T0004_shipping.ts';
import * as m0005 from './2026-11-26T0005_jobs.ts';
import * as m0006 from './2026-11-26T0006_demo_clock.ts';
import * as m1101 from './2026-11-27T1101_demo_secrets.ts';
import * as m1301 from './2026-11-27T1301_sign_in_throttle.ts';
import * as m1401 from './2026-11-27T1401_carrier_event_decisions.ts';
import * as m1302 from './2026-11-27T1302_quote_limits.ts';
import * as m1201 from './2026-11-28T1201_offer_accepted_at.ts';
import * as m1501 from './2026-11-27T1501_operator_flags.ts';
import * as m1701 from './2026-11-27T1701_refurbisher_portal.ts';
import * as m1702 from './2026-11-27T1702_wishlist_trigger_plans.ts';
import * as m1801 from './2026-11-27T1801_blocked_mail_flags.ts';
import * as m1901 from './2026-11-27T1901_carrier_event_flag_clearing.ts';
import * as m281301 from './2026-11-28T1301_one_operator_flags_table.ts';
import * as m281401 from './2026-11-28T1401_wishlist_catalogue_copy.ts';
import * as m281402 from './2026-11-28T1402_price_history_windows.ts';
import * as m291101 from './2026-11-29T1101_inspection.ts';
import * as m291301 from './2026-11-29T1301_message_refurbisher.ts';
import * as m291401 from './2026-11-29T1401_return_shipment_progress.ts';
import * as m301301 from './2026-11-30T1301_catalog_trigram_search.ts';
import * as m301101 from './2026-11-30T1101_payouts.ts';

/** Every migration, in order. Listed explicitly so the same code runs under Node, Vitest and a bundler. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26T0001_catalog_and_quotes': m0001,
  '2026-11-26T0002_accounts': m0002,
  '2026-11-26T0003_trade_ins': m0003,
  '2026-11-26T0004_shipping': m0004,
  '2026-11-26T0005_jobs': m0005,
  '2026-11-26T0006_demo_clock': m0006,
  '2026-11-27T1101_demo_secrets': m1101,
  '2026-11-27T1301_sign_in_throttle': m1301,
  '2026-11-27T1302_quote_limits': m1302,
  '2026-11-27T1401_carrier_event_decisions': m1401,
  '2026-11-27T1501_operator_flags': m1501,
  '2026-11-27T1701_refurbisher_portal': m1701,
  '2026-11-27T1702_wishlist_trigger_plans': m1702,
  '2026-11-27T1801_blocked_mail_flags': m1801,
  '2026-11-27T1901_carrier_event_flag_clearing': m1901,
  '2026-11-28T1301_one_operator_flags_table': m281301,
  '2026-11-28T1201_offer_accepted_at': m1201,
  '2026-11-28T1401_wishlist_catalogue_copy': m281401,
  '2026-11-28T1402_price_history_windows': m281402,
  '2026-11-29T1101_inspection': m291101,
  '2026-11-29T1301_message_refurbisher': m291301,
  '2026-11-29T1401_return_shipment_progress': m291401,
  '2026-11-30T1301_catalog_trigram_search': m301301,
  '2026-11-30T1101_payouts': m301101,
};
