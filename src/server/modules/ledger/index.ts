/** The ledger module's public face (double-entry journal, statements): other modules import only from here. */
export { balanceOf, findPayoutEntryId, postEntry, type JournalLine, type NewJournalEntry } from './journal.repository.ts';
export { ACH_CLEARING, commissionOf, PLATFORM_COMMISSION, refurbisherReceivable, sellerPayable, type LedgerAccount } from './ledger-accounts.ts';
export { postApproval, postPayoutReturned, postPayoutSent, type ApprovalPosting, type PayoutPosting } from './postings.ts';
export { postPayoutsSentInBulk } from './bulk-postings.ts';
