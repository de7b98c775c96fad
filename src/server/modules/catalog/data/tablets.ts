/** Tablets: storage × connectivity (Wi-Fi vs Wi-Fi + Cellular) where both were sold. */
import { configs, models, storage, WIFI_CELLULAR, WIFI_ONLY } from './helpers.ts';
import type { ModelRow } from './helpers.ts';
import type { ModelSeed } from './types.ts';

/** A tablet sold in Wi-Fi and Wi-Fi + Cellular versions. */
const cell = (name: string, year: number, usd: number, ...storages: string[]): ModelRow => ({
  name,
  year,
  usd,
  axes: [storage(...storages), WIFI_CELLULAR],
});
/** A Wi-Fi-only tablet. */
const wifi = (name: string, year: number, usd: number, ...storages: string[]): ModelRow => ({
  name,
  year,
  usd,
  axes: [storage(...storages), WIFI_ONLY],
});

const APPLE = models('tablets', 'Apple', [], [
  cell('iPad (8th generation)', 2020, 80, '32 GB', '128 GB'),
  cell('iPad (9th generation)', 2021, 110, '64 GB', '256 GB'),
  cell('iPad (10th generation)', 2022, 170, '64 GB', '256 GB'),
  cell('iPad (A16)', 2025, 230, '128 GB', '256 GB', '512 GB'),
  cell('iPad Air (4th generation)', 2020, 140, '64 GB', '256 GB'),
  cell('iPad Air (5th generation, M1)', 2022, 220, '64 GB', '256 GB'),
  cell('iPad Air 11-inch (M2)', 2024, 320, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad Air 13-inch (M2)', 2024, 400, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad Air 11-inch (M3)', 2025, 380, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad Air 13-inch (M3)', 2025, 470, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad mini (6th generation)', 2021, 170, '64 GB', '256 GB'),
  cell('iPad mini (A17 Pro)', 2024, 280, '128 GB', '256 GB', '512 GB'),
  cell('iPad Pro 11-inch (2nd generation)', 2020, 200, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad Pro 12.9-inch (4th generation)', 2020, 240, '128 GB', '256 GB', '512 GB', '1 TB'),
  cell('iPad Pro 11-inch (3rd generation, M1)', 2021, 300, '128 GB', '256 GB', '512 GB', '1 TB', '2 TB'),
  cell('iPad Pro 12.9-inch (5th generation, M1)', 2021, 360, '128 GB', '256 GB', '512 GB', '1 TB', '2 TB'),
  cell('iPad Pro 11-inch (4th generation, M2)', 2022, 400, '128 GB', '256 GB', '512 GB', '1 TB', '2 TB'),
  cell('iPad Pro 12.9-inch (6th generation, M2)', 2022, 480, '128 GB', '256 GB', '512 GB', '1 TB', '2 TB'),
  cell('iPad Pro 11-inch (M4)', 2024, 600, '256 GB', '512 GB', '1 TB', '2 TB'),
  cell('iPad Pro 13-inch (M4)', 2024, 750, '256 GB', '512 GB', '1 TB', '2 TB'),
]);

const SAMSUNG = models('tablets', 'Samsung', [], [
  wifi('Galaxy Tab S7', 2020, 120, '128 GB', '256 GB', '512 GB'),
  wifi('Galaxy Tab S7+', 2020, 150, '128 GB', '256 GB', '512 GB'),
  wifi('Galaxy Tab S8', 2022, 180, '128 GB', '256 GB'),
  wifi('Galaxy Tab S8+', 2022, 220, '128 GB', '256 GB'),
  wifi('Galaxy Tab S8 Ultra', 2022, 300, '128 GB', '256 GB', '512 GB'),
  wifi('Galaxy Tab S9', 2023, 260, '128 GB', '256 GB'),
  wifi('Galaxy Tab S9+', 2023, 320, '256 GB', '512 GB'),
  wifi('Galaxy Tab S9 Ultra', 2023, 420, '256 GB', '512 GB', '1 TB'),
  wifi('Galaxy Tab S9 FE', 2023, 150, '128 GB', '256 GB'),
  wifi('Galaxy Tab S10+', 2024, 430, '256 GB', '512 GB'),
  wifi('Galaxy Tab S10 Ultra', 2024, 560, '256 GB', '512 GB', '1 TB'),
]);

/** Surface Pro is sold as fixed processor · memory · storage configurations. */
const MICROSOFT = models('tablets', 'Microsoft', [], [
  {
    name: 'Surface Pro 7',
    year: 2019,
    usd: 110,
    axes: [
      configs(
        ['Core i3 · 4 GB · 128 GB', 1],
        ['Core i5 · 8 GB · 128 GB', 1.2],
        ['Core i5 · 8 GB · 256 GB', 1.3],
        ['Core i7 · 16 GB · 256 GB', 1.55],
        ['Core i7 · 16 GB · 512 GB', 1.7],
        ['Core i7 · 16 GB · 1 TB', 1.85],
      ),
    ],
  },
  {
    name: 'Surface Pro 8',
    year: 2021,
    usd: 230,
    axes: [
      configs(
        ['Core i5 · 8 GB · 128 GB', 1],
        ['Core i5 · 8 GB · 256 GB', 1.1],
        ['Core i5 · 16 GB · 256 GB', 1.2],
        ['Core i7 · 16 GB · 256 GB', 1.35],
        ['Core i7 · 16 GB · 512 GB', 1.5],
        ['Core i7 · 32 GB · 1 TB', 1.8],
      ),
    ],
  },
  {
    name: 'Surface Pro 9',
    year: 2022,
    usd: 320,
    axes: [
      configs(
        ['Core i5 · 8 GB · 128 GB', 1],
        ['Core i5 · 8 GB · 256 GB', 1.1],
        ['Core i5 · 16 GB · 256 GB', 1.2],
        ['Core i7 · 16 GB · 256 GB', 1.35],
        ['Core i7 · 16 GB · 512 GB', 1.5],
        ['Core i7 · 32 GB · 1 TB', 1.8],
      ),
    ],
  },
  {
    name: 'Surface Pro (11th Edition)',
    year: 2024,
    usd: 520,
    axes: [
      configs(
        ['Snapdragon X Plus · 16 GB · 256 GB', 1],
        ['Snapdragon X Plus · 16 GB · 512 GB', 1.1],
        ['Snapdragon X Elite · 16 GB · 512 GB', 1.25],
        ['Snapdragon X Elite · 16 GB · 1 TB', 1.4],
        ['Snapdragon X Elite · 32 GB · 1 TB', 1.6],
      ),
    ],
  },
]);

export const TABLETS: ModelSeed[] = [...APPLE, ...SAMSUNG, ...MICROSOFT];
