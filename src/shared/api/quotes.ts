import { z } from 'zod';
import { ZGrade, ZMoney } from './common.ts';

// `answers` is checked against the variant's questionnaire in the service, so every wrong
// answer is named in one response; here only the outer shape is enforced.
export const ZCreateAssessment = z.object({
  variantId: z.string().min(1, 'Choose a device variant').max(200),
  answers: z.record(z.string(), z.unknown(), 'Send answers as an object of {questionId: optionId}'),
});
export type TCreateAssessment = z.infer<typeof ZCreateAssessment>;

export const ZGradeReason = z.object({
  questionId: z.string(),
  question: z.string(),
  answer: z.string(),
  cap: ZGrade,
  reason: z.string(),
});

export const ZLadderRung = z.object({
  grade: ZGrade,
  price: ZMoney.nullable(),
});

export const ZOffer = z.object({
  id: z.string(),
  price: ZMoney,
  grade: ZGrade,
  refurbisher: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  shipBy: z.string(),
  /** Past its ship-by date by the server's clock (the demo clock included): it can no longer be accepted. */
  expired: z.boolean(),
  /** A trade-in was made from it: it cannot be accepted again (its seller finds the trade-in under "My trade-ins"). */
  accepted: z.boolean(),
});

export const ZQuote = z.object({
  assessmentId: z.string(),
  grade: ZGrade,
  gradeReasons: z.array(ZGradeReason),
  device: z.object({
    variantId: z.string(),
    variantLabel: z.string(),
    modelId: z.string(),
    modelName: z.string(),
    brand: z.string(),
    categoryId: z.string(),
    mandatoryAccessories: z.array(z.string()),
  }),
  offer: ZOffer.nullable(),
  ladder: z.array(ZLadderRung),
});
export type TQuote = z.infer<typeof ZQuote>;
