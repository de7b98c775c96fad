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

const DEADLINE_ORDER =
  "The operator console's trade-ins list (GET /api/admin/trade-ins) is ordered and paged on the server by the deadline each status runs on; the counteroffer's and lock hold's expiry (inspection) and the return's ship-by (shipping) are read read-only in the same statement, because a list sorted across three modules' doors could not be paged.";

export const EXCEPTIONS: readonly OwnershipException[] = [
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'wishlist_entries', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/offers/matching.repository.ts', table: 'refurbishers', reason: QUOTE_STATEMENT },
  { file: 'src/server/modules/wishlist/reservation.repository.ts', table: 'refurbishers', reason: SCORE_TIE_BREAK },
  { file: 'src/server/modules/wishlist/wishlist.repository.ts', table: 'refurbishers', reason: SCORE_TIE_BREAK },
  { file: 'src/server/modules/trade-ins/trade-ins-admin.repository.ts', table: 'counteroffers', reason: DEADLINE_ORDER },
  { file: 'src/server/modules/trade-ins/trade-ins-admin.repository.ts', table: 'lock_holds', reason: DEADLINE_ORDER },
  { file: 'src/server/modules/trade-ins/trade-ins-admin.repository.ts', table: 'return_shipments', reason: DEADLINE_ORDER },
];
