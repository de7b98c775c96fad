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

const QUOTE_STATEMENT =
  'The quote is one prepared statement (docs/product.md §2 matching rule: the best live wishlist entry per grade, ties to the refurbisher with the better score) that also stores the assessment and its offer: one round trip at one snapshot on the hot path (bench/README.md). Split across doors it would take several round trips and could price from two snapshots.';
const SCORE_TIE_BREAK =
  "Ties between equal prices go to the refurbisher with the better score (docs/product.md §2). The wishlist's re-match at accept and the portal's \"you win this\" rank entries exactly as the quote does, in the same statement, reading `refurbishers.score` read-only; a second round trip per accept or page would split one ranking across two snapshots.";
const WISHLIST_COUNT =
  "The operator's list of refurbishers counts each one's wishlist entries. The wishlist module imports refurbishers, so the count has to come through a port wired in runtime.ts from a function the wishlist's door exports; not done yet.";
const DEMO_SEED_LINK =
  "The demo seed (accounts) links each demo refurbisher to the organisation it creates through better-auth's adapter, inside the start-up transaction. The refurbishers module imports accounts, so the link would need a port from main.ts; not done yet.";

export const EXCEPTIONS: readonly OwnershipException[] = [
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'wishlist_entries', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'refurbishers', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/wishlist/reservation.repository.ts', table: 'refurbishers', reason: SCORE_TIE_BREAK },
  { file: 'src/server/modules/wishlist/wishlist.repository.ts', table: 'refurbishers', reason: SCORE_TIE_BREAK },
  { file: 'src/server/modules/refurbishers/refurbishers.repository.ts', table: 'wishlist_entries', reason: WISHLIST_COUNT },
  { file: 'src/server/modules/accounts/demo-accounts.ts', table: 'refurbishers', reason: DEMO_SEED_LINK },
];
