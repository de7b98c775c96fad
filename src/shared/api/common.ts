import { z } from 'zod';
import { GRADES } from '../grade.ts';

export const ZMoney = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
});

export const ZGrade = z.enum(GRADES);

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
