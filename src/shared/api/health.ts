import { z } from 'zod';

/** `GET /api/health`: the web app reads `mode` to decide whether to show the demo tools. */
export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  mode: z.enum(['demo', 'production']),
});
export type THealth = z.infer<typeof ZHealth>;
