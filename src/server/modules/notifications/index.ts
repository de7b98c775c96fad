/** The notifications module's public face (what each e-mail says, and the job that sends it). */
export { createNotifications, type Notifications } from './notifications.wiring.ts';
