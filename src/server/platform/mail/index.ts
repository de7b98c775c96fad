export { layoutEmail, type EmailBlock } from './layout.ts';
export {
  createMailer,
  type MailAttachment,
  type Mailer,
} from './mailer.ts';
export { readMessage } from './read-message.ts';
export { mailAlreadySent, sendMailOnce } from './send-once.ts';
export { ProtectedDataError } from './protected.ts';
