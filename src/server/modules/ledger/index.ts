/** The ledger module's public face (double-entry journal, statements): other modules import only from here. */
export { balanceOf, findPayoutEntryId } from './journal.repository.ts';
export { commissionOf, refurbisherReceivable, sellerPayable } from './ledger-accounts.ts';
export { postApproval, postPayoutReturned, postPayoutSent } from './postings.ts';
export { accountBalances, accountEntries, balanceBefore, ledgerTotals } from './ledger-reads.repository.ts';
export { statementRoutes } from './statement.routes.ts';
export { postPayoutsSentInBulk } from './bulk-postings.ts';
