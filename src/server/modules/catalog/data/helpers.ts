/** Small builders that keep the catalogue data files readable. */
import type { CategoryId } from '../../../../shared/catalog-types.ts';
import type { ModelSeed, VariantAxis } from './types.ts';

/** 'Galaxy S24+' → 'galaxy-s24-plus', '256 GB' → '256gb', 'Wi-Fi + Cellular' → 'wi-fi-plus-cellular'. */
export function kebab(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d)\s+(gb|tb|mm)\b/g, '$1$2')
    .replace(/\+/g, ' plus ')
    .replace(/&/g, ' and ')
    .replace(/\./g, '-')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** An axis whose options get factors 1, 1+step, 1+2·step… in the order given (cheapest first). */
export function ladder(name: string, labels: string[], step: number): VariantAxis {
  return { name, options: labels.map((label, i) => ({ label, factor: round2(1 + i * step) })) };
}

/** An axis with explicit factors. */
export function axis(name: string, options: [label: string, factor: number][]): VariantAxis {
  return { name, options: options.map(([label, factor]) => ({ label, factor })) };
}

/** Storage tiers, each about 10% more than the one below. */
export const storage = (...labels: string[]): VariantAxis => ladder('Storage', labels, 0.1);
/** Laptop storage tiers (bigger price steps than phones). */
export const ssd = (...labels: string[]): VariantAxis => ladder('Storage', labels, 0.12);
/** Unified memory / RAM tiers. */
export const memory = (...labels: string[]): VariantAxis => ladder('Memory', labels, 0.15);
/** Case or screen sizes, smallest first. */
export const size = (...labels: string[]): VariantAxis => ladder('Size', labels, 0.07);

export const WIFI_CELLULAR: VariantAxis = axis('Connectivity', [
  ['Wi-Fi', 1],
  ['Wi-Fi + Cellular', 1.12],
]);
export const WIFI_ONLY: VariantAxis = axis('Connectivity', [['Wi-Fi', 1]]);
export const GPS_CELLULAR: VariantAxis = axis('Connectivity', [
  ['GPS', 1],
  ['GPS + Cellular', 1.15],
]);
export const CELLULAR_ONLY: VariantAxis = axis('Connectivity', [['GPS + Cellular', 1]]);
export const BT_LTE: VariantAxis = axis('Connectivity', [
  ['Bluetooth', 1],
  ['LTE', 1.12],
]);

/** A single 'Configuration' axis for laptops sold as fixed processor · memory · storage SKUs. */
export const configs = (...options: [label: string, factor: number][]): VariantAxis => axis('Configuration', options);

export interface ModelRow {
  name: string;
  year: number;
  /** Reference value in whole US dollars (converted to cents). */
  usd: number;
  axes: VariantAxis[];
  accessories?: string[];
  slug?: string;
}

/** Rows → ModelSeeds for one brand in one category. The slug defaults to the kebab-cased name. */
export function models(category: CategoryId, brand: string, defaultAccessories: string[], rows: ModelRow[]): ModelSeed[] {
  return rows.map((r) => ({
    slug: r.slug ?? kebab(r.name),
    category,
    brand,
    name: r.name,
    releaseYear: r.year,
    referenceValueMinor: Math.round(r.usd * 100),
    mandatoryAccessories: r.accessories ?? defaultAccessories,
    axes: r.axes,
  }));
}
