/** Smartwatches: case size × connectivity (GPS vs GPS + Cellular, Bluetooth vs LTE) where both exist. */
import { axis, BT_LTE, CELLULAR_ONLY, GPS_CELLULAR, models, size } from './helpers.ts';
import type { ModelRow } from './helpers.ts';
import type { VariantAxis, ModelSeed } from './types.ts';

const watch = (name: string, year: number, usd: number, connectivity: VariantAxis, ...sizes: string[]): ModelRow => ({
  name,
  year,
  usd,
  axes: [size(...sizes), connectivity],
});

const CHARGER = ['Charging cable'];

const APPLE = models('smartwatches', 'Apple', CHARGER, [
  watch('Apple Watch Series 5', 2019, 50, GPS_CELLULAR, '40 mm', '44 mm'),
  watch('Apple Watch Series 6', 2020, 70, GPS_CELLULAR, '40 mm', '44 mm'),
  watch('Apple Watch SE (1st generation)', 2020, 50, GPS_CELLULAR, '40 mm', '44 mm'),
  watch('Apple Watch Series 7', 2021, 90, GPS_CELLULAR, '41 mm', '45 mm'),
  watch('Apple Watch Series 8', 2022, 120, GPS_CELLULAR, '41 mm', '45 mm'),
  watch('Apple Watch SE (2nd generation)', 2022, 90, GPS_CELLULAR, '40 mm', '44 mm'),
  watch('Apple Watch Ultra', 2022, 250, CELLULAR_ONLY, '49 mm'),
  watch('Apple Watch Series 9', 2023, 160, GPS_CELLULAR, '41 mm', '45 mm'),
  watch('Apple Watch Ultra 2', 2023, 350, CELLULAR_ONLY, '49 mm'),
  watch('Apple Watch Series 10', 2024, 210, GPS_CELLULAR, '42 mm', '46 mm'),
  watch('Apple Watch SE (3rd generation)', 2025, 160, GPS_CELLULAR, '40 mm', '44 mm'),
  watch('Apple Watch Series 11', 2025, 260, GPS_CELLULAR, '42 mm', '46 mm'),
  watch('Apple Watch Ultra 3', 2025, 480, CELLULAR_ONLY, '49 mm'),
]);

const SAMSUNG = models('smartwatches', 'Samsung', CHARGER, [
  watch('Galaxy Watch3', 2020, 40, BT_LTE, '41 mm', '45 mm'),
  watch('Galaxy Watch4', 2021, 45, BT_LTE, '40 mm', '44 mm'),
  watch('Galaxy Watch4 Classic', 2021, 55, BT_LTE, '42 mm', '46 mm'),
  watch('Galaxy Watch5', 2022, 70, BT_LTE, '40 mm', '44 mm'),
  watch('Galaxy Watch5 Pro', 2022, 100, BT_LTE, '45 mm'),
  watch('Galaxy Watch6', 2023, 90, BT_LTE, '40 mm', '44 mm'),
  watch('Galaxy Watch6 Classic', 2023, 120, BT_LTE, '43 mm', '47 mm'),
  watch('Galaxy Watch7', 2024, 130, BT_LTE, '40 mm', '44 mm'),
  { name: 'Galaxy Watch Ultra', year: 2024, usd: 250, axes: [size('47 mm'), axis('Connectivity', [['LTE', 1]])] },
  watch('Galaxy Watch8', 2025, 180, BT_LTE, '40 mm', '44 mm'),
]);

const GOOGLE = models('smartwatches', 'Google', CHARGER, [
  watch('Pixel Watch', 2022, 60, axis('Connectivity', [['Wi-Fi', 1], ['LTE', 1.12]]), '41 mm'),
  watch('Pixel Watch 2', 2023, 90, axis('Connectivity', [['Wi-Fi', 1], ['LTE', 1.12]]), '41 mm'),
  watch('Pixel Watch 3', 2024, 150, axis('Connectivity', [['Wi-Fi', 1], ['LTE', 1.12]]), '41 mm', '45 mm'),
]);

/** Garmin sells sizes and editions as separate SKUs; one 'Edition' axis lists the real ones. */
const edition = (...options: [string, number][]) => [axis('Edition', options)];

const GARMIN = models('smartwatches', 'Garmin', CHARGER, [
  { name: 'fēnix 6 Pro', year: 2019, usd: 90, axes: edition(['47 mm', 1], ['47 mm Solar', 1.15]), slug: 'garmin-fenix-6-pro' },
  {
    name: 'fēnix 7',
    year: 2022,
    usd: 180,
    axes: edition(['47 mm Standard', 1], ['47 mm Solar', 1.1], ['47 mm Sapphire Solar', 1.25]),
    slug: 'garmin-fenix-7',
  },
  {
    name: 'fēnix 8',
    year: 2024,
    usd: 450,
    axes: edition(['43 mm AMOLED', 1], ['47 mm AMOLED', 1.07], ['47 mm Solar', 1.05], ['51 mm AMOLED', 1.15], ['51 mm Solar', 1.12]),
    slug: 'garmin-fenix-8',
  },
  { name: 'epix (Gen 2)', year: 2022, usd: 200, axes: edition(['47 mm', 1], ['47 mm Sapphire', 1.15]), slug: 'garmin-epix-gen-2' },
  { name: 'Forerunner 255', year: 2022, usd: 100, axes: edition(['41 mm (255S)', 1], ['46 mm', 1], ['41 mm Music (255S Music)', 1.12], ['46 mm Music', 1.12]), slug: 'garmin-forerunner-255' },
  { name: 'Forerunner 265', year: 2023, usd: 180, axes: edition(['42 mm (265S)', 1], ['46 mm', 1]), slug: 'garmin-forerunner-265' },
  { name: 'Forerunner 965', year: 2023, usd: 260, axes: edition(['47 mm', 1]), slug: 'garmin-forerunner-965' },
  { name: 'Venu 2', year: 2021, usd: 80, axes: edition(['40 mm (Venu 2S)', 1], ['45 mm', 1]), slug: 'garmin-venu-2' },
  { name: 'Venu 3', year: 2023, usd: 180, axes: edition(['41 mm (Venu 3S)', 1], ['45 mm', 1]), slug: 'garmin-venu-3' },
]);

export const SMARTWATCHES: ModelSeed[] = [...APPLE, ...SAMSUNG, ...GOOGLE, ...GARMIN];
