/**
 * References to another module's table that are allowed for now, each with the reason. An entry
 * that no longer matches anything fails the test (delete it when its reason is gone), unless it
 * names in `until` the change being made elsewhere that removes the reference: such an entry may
 * already be unneeded when both changes meet, and is deleted once that change has landed.
 */
export interface OwnershipException {
  /** Path from the repository root. */
  file: string;
  table: string;
  reason: string;
  /** The parallel change that removes the reference. */
  until?: string;
}

const WISHLIST_CATALOGUE =
  "The wishlist module's reads of the catalogue (variant names and ids on the portal, the CSV, the bulk change) are being moved behind the catalogue's door in a parallel change to the wishlist module; remove these entries with it.";
const WISHLIST_CHANGE = 'the wishlist keeping its own copy of the catalogue (issue 9)';
const DEMO_SEED_CHANGE = 'the rewrite of accounts/demo-accounts.ts';
const DEMO_SEED =
  "The demo seed of accounts is being rewritten in a parallel change (it will create organisations and members through the refurbishers module's door); remove these entries with it.";
const QUOTE_STATEMENT =
  'The quote is one prepared statement (docs/product.md §2 matching rule: the best live wishlist entry per grade, ties to the refurbisher with the better score) that also stores the assessment and its offer: one round trip at one snapshot on the hot path (bench/README.md). Split across doors it would take several round trips and could price from two snapshots.';
const RESERVATION =
  "Reserving a wishlist unit is one conditional UPDATE in the accept transaction (a re-match ranks like the quote, by the refurbisher's score). It belongs behind the wishlist module's door, which is being reworked in a parallel change; move it there with that change.";
const WISHLIST_COUNT =
  "The operator's list of refurbishers counts each one's wishlist entries. The wishlist module imports refurbishers, so the count must come through a port wired in runtime.ts from a function the wishlist's door exports; the wishlist module is not this change's to edit (a parallel change reworks it), so the count moves when that change lands.";

export const EXCEPTIONS: readonly OwnershipException[] = [
  { file: 'src/server/modules/wishlist/wishlist.repository.ts', table: 'variants', reason: WISHLIST_CATALOGUE, until: WISHLIST_CHANGE },
  { file: 'src/server/modules/wishlist/wishlist.repository.ts', table: 'models', reason: WISHLIST_CATALOGUE, until: WISHLIST_CHANGE },
  { file: 'src/server/modules/wishlist/wishlist.routes.ts', table: 'variants', reason: WISHLIST_CATALOGUE, until: WISHLIST_CHANGE },
  { file: 'src/server/modules/wishlist/wishlist.repository.ts', table: 'refurbishers', reason: "The portal's rank of an entry against other refurbishers' entries is computed at read time in the wishlist's query, like the quote; it moves with the parallel change to the wishlist module." },
  { file: 'src/server/modules/accounts/demo-accounts.ts', table: 'refurbishers', reason: DEMO_SEED, until: DEMO_SEED_CHANGE },
  { file: 'src/server/modules/accounts/demo-accounts.ts', table: 'organization', reason: DEMO_SEED, until: DEMO_SEED_CHANGE },
  { file: 'src/server/modules/accounts/demo-accounts.ts', table: 'member', reason: DEMO_SEED, until: DEMO_SEED_CHANGE },
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'wishlist_entries', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'refurbishers', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/offers/reservation.repository.ts', table: 'wishlist_entries', reason: RESERVATION },
  { file: 'src/server/modules/offers/reservation.repository.ts', table: 'refurbishers', reason: RESERVATION },
  { file: 'src/server/modules/refurbishers/refurbishers.repository.ts', table: 'wishlist_entries', reason: WISHLIST_COUNT },
];
