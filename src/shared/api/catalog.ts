import { z } from 'zod';
import { CATEGORY_IDS } from '../catalog-types.ts';

export const ZCategory = z.object({
  id: z.enum(CATEGORY_IDS),
  name: z.string(),
  icon: z.string(),
  modelCount: z.number().int(),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZModelsQuery = z.object({
  category: z.enum(CATEGORY_IDS).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const ZModelSummary = z.object({
  id: z.string(),
  categoryId: z.enum(CATEGORY_IDS),
  brand: z.string(),
  name: z.string(),
  releaseYear: z.number().int(),
});
export type TModelSummary = z.infer<typeof ZModelSummary>;

export const ZQuestion = z.object({
  id: z.string(),
  text: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const ZModelDetail = ZModelSummary.extend({
  mandatoryAccessories: z.array(z.string()),
  variants: z.array(z.object({ id: z.string(), label: z.string(), attributes: z.record(z.string(), z.string()) })),
  questionnaire: z.array(ZQuestion),
});
export type TModelDetail = z.infer<typeof ZModelDetail>;
