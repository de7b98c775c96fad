/** The notifications module's public face (what each e-mail says, and the job that sends it). */
export { createNotifications } from './notifications.wiring.ts';
