export { layoutEmail, type EmailBlock } from './layout.ts';
export {
  createMailer,
  type MailAttachment,
  type Mailer,
} from './mailer.ts';
export { headerText, leafParts, parseMime, textPart } from './mime-reader.ts';
export { mailAlreadySent, sendMailOnce } from './send-once.ts';
export { ProtectedDataError } from './protected.ts';
