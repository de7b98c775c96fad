import { z } from 'zod';
import { GRADES } from '../grade.ts';

export const ZMoney = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
});

export const ZGrade = z.enum(GRADES);
