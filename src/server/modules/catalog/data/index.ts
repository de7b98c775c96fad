/** The built-in catalogue: product data synced into the database at every start. */
import { CATEGORIES } from './categories.ts';
import { CONSOLES } from './consoles.ts';
import { HEADPHONES } from './headphones.ts';
import { kebab } from './helpers.ts';
import { LAPTOPS } from './laptops.ts';
import { SMARTPHONES } from './smartphones.ts';
import { SMARTWATCHES } from './smartwatches.ts';
import { TABLETS } from './tablets.ts';
import type { ModelSeed, VariantAxisOption } from './types.ts';

export type { ModelSeed } from './types.ts';
export { CATEGORIES };

export const CATALOG_MODELS: ModelSeed[] = [...SMARTPHONES, ...TABLETS, ...LAPTOPS, ...CONSOLES, ...SMARTWATCHES, ...HEADPHONES];

export interface VariantSeed {
  /** model slug + '-' + kebab of the option labels, e.g. 'iphone-15-pro-256gb'. */
  slug: string;
  /** '256 GB' or '256 GB · Wi-Fi + Cellular'. */
  label: string;
  /** axis name → option label, e.g. { Storage: '256 GB', Connectivity: 'Wi-Fi' }. */
  attributes: Record<string, string>;
  /** Product of the option factors; multiplies the model's reference value. */
  factor: number;
}

/**
 * Every variant of a model: the cartesian product of its axes, first axis varying slowest, options
 * in the order listed. A model without axes has one 'Standard' variant.
 */
export function expandVariants(model: ModelSeed): VariantSeed[] {
  let combos: { axis: string; option: VariantAxisOption }[][] = [[]];
  for (const axis of model.axes) {
    combos = combos.flatMap((combo) => axis.options.map((option) => [...combo, { axis: axis.name, option }]));
  }
  return combos.map((combo) => {
    if (combo.length === 0) return { slug: `${model.slug}-standard`, label: 'Standard', attributes: {}, factor: 1 };
    const attributes: Record<string, string> = {};
    for (const { axis, option } of combo) attributes[axis] = option.label;
    const factor = combo.reduce((f, { option }) => f * option.factor, 1);
    return {
      slug: `${model.slug}-${combo.map(({ option }) => kebab(option.label)).join('-')}`,
      label: combo.map(({ option }) => option.label).join(' · '),
      attributes,
      factor: Math.round(factor * 10_000) / 10_000,
    };
  });
}
