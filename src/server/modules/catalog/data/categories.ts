import type { CategorySeed } from './types.ts';

export const CATEGORIES: CategorySeed[] = [
  { id: 'smartphones', name: 'Smartphones', icon: 'IconDeviceMobile', sort: 10 },
  { id: 'tablets', name: 'Tablets', icon: 'IconDeviceTablet', sort: 20 },
  { id: 'laptops', name: 'Laptops', icon: 'IconDeviceLaptop', sort: 30 },
  { id: 'consoles', name: 'Game consoles', icon: 'IconDeviceGamepad2', sort: 40 },
  { id: 'smartwatches', name: 'Smartwatches', icon: 'IconDeviceWatch', sort: 50 },
  { id: 'headphones', name: 'Headphones', icon: 'IconHeadphones', sort: 60 },
];
