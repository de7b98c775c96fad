import type { CategoryId } from '../../../../shared/catalog-types.ts';

export interface CategorySeed {
  id: CategoryId;
  name: string;
  /** A @tabler/icons-react icon name, e.g. 'IconDeviceMobile'. */
  icon: string;
  sort: number;
}

export interface VariantAxisOption {
  label: string;
  /** Multiplies the model's reference value, e.g. 1.0, 1.12. */
  factor: number;
}

export interface VariantAxis {
  /** 'Storage', 'Connectivity', 'Carrier', 'Size', 'Memory', 'Processor', 'Edition', 'Configuration'… */
  name: string;
  options: VariantAxisOption[];
}

export interface ModelSeed {
  /** Globally unique, kebab-case: 'iphone-15-pro'. */
  slug: string;
  category: CategoryId;
  /** 'Apple' */
  brand: string;
  /** 'iPhone 15 Pro' */
  name: string;
  releaseYear: number;
  /** What a refurbisher pays, in US cents, for the base variant in Flawless condition today. Believable 2026 used-market value. */
  referenceValueMinor: number;
  /** Accessories that MUST be in the box, e.g. consoles: ['Power cable', 'One controller']; laptops: ['Charger']; phones usually []. */
  mandatoryAccessories: string[];
  /** The attributes that change the price; variants are the cartesian product, in axis order. */
  axes: VariantAxis[];
}
