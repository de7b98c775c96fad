/** The notifications module's public face (what each e-mail says, and the job that sends it). */
export { enqueueTradeInMail, JOB_TRADE_IN_MAIL, runTradeInMail, type TradeInMailJob } from './trade-in-mail.job.ts';
export { findSellerContact, type SellerContact } from './seller-contact.repository.ts';
