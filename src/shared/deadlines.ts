/**
 * The product's deadlines (docs/product.md §4–5), one number each: the server computes dates from
 * them and every sentence the seller reads (pages, e-mails, labels) quotes the same number.
 */

/** The device must ship within this many days of receiving the offer. */
export const SHIP_WITHIN_DAYS = 21;

/** The refurbisher inspects within this many business days of delivery. */
export const INSPECTION_BUSINESS_DAYS = 2;

/** A missed inspection deadline: this many business days later the trade-in is approved at the offer price. */
export const INSPECTION_GRACE_BUSINESS_DAYS = 2;

/** A free return ships (first carrier scan) within this many business days of being owed. */
export const RETURN_SHIP_BUSINESS_DAYS = 2;

/** The seller answers a counteroffer within this many days; unanswered, it expires into a free return (no silent acceptance). */
export const COUNTEROFFER_ANSWER_DAYS = 7;

/** A reminder of an unanswered counteroffer goes out this many days after it was made. */
export const COUNTEROFFER_REMINDER_AFTER_DAYS = 5;

/** The seller has this many days to remove their account from a device on lock hold; then it is returned. */
export const LOCK_HOLD_DAYS = 7;
