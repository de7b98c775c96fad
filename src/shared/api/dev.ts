import { z } from 'zod';
import { CARRIER_EVENT_TYPES } from '../carrier-events.ts';

/** Demo-only endpoints (`/api/dev/…`): absent in production mode. */

export const ZAdvanceClock = z.object({ advance: z.string().max(40) });
export const ZClockAdvanced = z.object({ now: z.string(), completed: z.number(), failed: z.number() });
export type TClockAdvanced = z.infer<typeof ZClockAdvanced>;

export const ZSendCarrierEvent = z.object({ tradeInId: z.string().max(100), type: z.enum(CARRIER_EVENT_TYPES) });
export type TSendCarrierEvent = z.infer<typeof ZSendCarrierEvent>;
export const ZCarrierEventSent = z.object({ outcome: z.string(), trackingNumber: z.string() });
export type TCarrierEventSent = z.infer<typeof ZCarrierEventSent>;

export const ZMailSummary = z.object({ id: z.string(), to: z.string(), subject: z.string(), date: z.string() });
export type TMailSummary = z.infer<typeof ZMailSummary>;
export const ZMailMessage = ZMailSummary.extend({
  text: z.string(),
  html: z.string(),
  /** Each part that is not the text: a download at `url` (an inline image is shown in `html` already). */
  attachments: z.array(z.object({ filename: z.string().nullable(), contentType: z.string(), size: z.number(), inline: z.boolean(), url: z.string() })),
});
export type TMailMessage = z.infer<typeof ZMailMessage>;
