export { layoutEmail, type EmailBlock, type EmailBody, type EmailLayout } from './layout.ts';
export {
  createMailer,
  type MailAttachment,
  type Mailer,
  type MailerOptions,
  type OutboxAttachment,
  type OutboxMessage,
  type OutboxSummary,
  type OutgoingMail,
  type SentMail,
} from './mailer.ts';
export { headerText, leafParts, parseMime, textPart, type MimePart } from './mime-reader.ts';
export { mailAlreadySent, sendMailOnce } from './send-once.ts';
export { assertNoProtectedData, escapeHtml, MIN_GUARDED_LENGTH, ProtectedDataError, type MessageText } from './protected.ts';
