/** The messages module's public face: other modules import only from here. */
export { messagesRoutes } from './messages.routes.ts';
export { listAwaitingReply, tradeInsAwaitingReply } from './messages.service.ts';
export { registerMessageMail } from './message-mail.job.ts';
