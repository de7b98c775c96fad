/**
 * Smartphones. Unlocked phones are priced by storage only; values are for the base storage in
 * Flawless condition (what a refurbisher pays in 2026, US cents via `usd`).
 */
import { models, storage } from './helpers.ts';
import type { ModelRow } from './helpers.ts';
import type { ModelSeed } from './types.ts';

const phone = (name: string, year: number, usd: number, ...storages: string[]): ModelRow => ({
  name,
  year,
  usd,
  axes: [storage(...storages)],
});

const APPLE = models('smartphones', 'Apple', [], [
  phone('iPhone 11', 2019, 110, '64 GB', '128 GB', '256 GB'),
  phone('iPhone 11 Pro', 2019, 140, '64 GB', '256 GB', '512 GB'),
  phone('iPhone 11 Pro Max', 2019, 170, '64 GB', '256 GB', '512 GB'),
  phone('iPhone SE (2nd generation)', 2020, 60, '64 GB', '128 GB', '256 GB'),
  phone('iPhone 12 mini', 2020, 115, '64 GB', '128 GB', '256 GB'),
  phone('iPhone 12', 2020, 150, '64 GB', '128 GB', '256 GB'),
  phone('iPhone 12 Pro', 2020, 200, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 12 Pro Max', 2020, 240, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 13 mini', 2021, 170, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 13', 2021, 210, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 13 Pro', 2021, 280, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone 13 Pro Max', 2021, 330, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone SE (3rd generation)', 2022, 95, '64 GB', '128 GB', '256 GB'),
  phone('iPhone 14', 2022, 260, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 14 Plus', 2022, 290, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 14 Pro', 2022, 370, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone 14 Pro Max', 2022, 430, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone 15', 2023, 360, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 15 Plus', 2023, 400, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 15 Pro', 2023, 500, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone 15 Pro Max', 2023, 580, '256 GB', '512 GB', '1 TB'),
  phone('iPhone 16', 2024, 470, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 16 Plus', 2024, 520, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 16 Pro', 2024, 640, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('iPhone 16 Pro Max', 2024, 740, '256 GB', '512 GB', '1 TB'),
  phone('iPhone 16e', 2025, 370, '128 GB', '256 GB', '512 GB'),
  phone('iPhone 17', 2025, 600, '256 GB', '512 GB'),
  phone('iPhone Air', 2025, 680, '256 GB', '512 GB', '1 TB'),
  phone('iPhone 17 Pro', 2025, 800, '256 GB', '512 GB', '1 TB'),
  phone('iPhone 17 Pro Max', 2025, 900, '256 GB', '512 GB', '1 TB', '2 TB'),
]);

const SAMSUNG = models('smartphones', 'Samsung', [], [
  phone('Galaxy S20', 2020, 80, '128 GB'),
  phone('Galaxy S20+', 2020, 95, '128 GB', '512 GB'),
  phone('Galaxy S20 Ultra', 2020, 120, '128 GB', '512 GB'),
  phone('Galaxy S20 FE', 2020, 70, '128 GB', '256 GB'),
  phone('Galaxy S21', 2021, 110, '128 GB', '256 GB'),
  phone('Galaxy S21+', 2021, 130, '128 GB', '256 GB'),
  phone('Galaxy S21 Ultra', 2021, 170, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy S21 FE', 2022, 100, '128 GB', '256 GB'),
  phone('Galaxy S22', 2022, 150, '128 GB', '256 GB'),
  phone('Galaxy S22+', 2022, 180, '128 GB', '256 GB'),
  phone('Galaxy S22 Ultra', 2022, 240, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('Galaxy S23', 2023, 220, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy S23+', 2023, 260, '256 GB', '512 GB'),
  phone('Galaxy S23 Ultra', 2023, 340, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy S23 FE', 2023, 160, '128 GB', '256 GB'),
  phone('Galaxy S24', 2024, 320, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy S24+', 2024, 380, '256 GB', '512 GB'),
  phone('Galaxy S24 Ultra', 2024, 500, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy S24 FE', 2024, 240, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy S25', 2025, 420, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy S25+', 2025, 500, '256 GB', '512 GB'),
  phone('Galaxy S25 Ultra', 2025, 650, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy S25 Edge', 2025, 520, '256 GB', '512 GB'),
  phone('Galaxy Z Fold3', 2021, 200, '256 GB', '512 GB'),
  phone('Galaxy Z Flip3', 2021, 110, '128 GB', '256 GB'),
  phone('Galaxy Z Fold4', 2022, 300, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy Z Flip4', 2022, 170, '128 GB', '256 GB', '512 GB'),
  phone('Galaxy Z Fold5', 2023, 450, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy Z Flip5', 2023, 250, '256 GB', '512 GB'),
  phone('Galaxy Z Fold6', 2024, 650, '256 GB', '512 GB', '1 TB'),
  phone('Galaxy Z Flip6', 2024, 360, '256 GB', '512 GB'),
  phone('Galaxy A51', 2020, 35, '128 GB'),
  phone('Galaxy A52 5G', 2021, 50, '128 GB'),
  phone('Galaxy A53 5G', 2022, 65, '128 GB'),
  phone('Galaxy A54 5G', 2023, 90, '128 GB'),
]);

const GOOGLE = models('smartphones', 'Google', [], [
  phone('Pixel 5', 2020, 60, '128 GB'),
  phone('Pixel 5a', 2021, 55, '128 GB'),
  phone('Pixel 6', 2021, 90, '128 GB', '256 GB'),
  phone('Pixel 6 Pro', 2021, 120, '128 GB', '256 GB', '512 GB'),
  phone('Pixel 6a', 2022, 70, '128 GB'),
  phone('Pixel 7', 2022, 130, '128 GB', '256 GB'),
  phone('Pixel 7 Pro', 2022, 180, '128 GB', '256 GB', '512 GB'),
  phone('Pixel 7a', 2023, 110, '128 GB'),
  phone('Pixel Fold', 2023, 350, '256 GB', '512 GB'),
  phone('Pixel 8', 2023, 200, '128 GB', '256 GB'),
  phone('Pixel 8 Pro', 2023, 280, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('Pixel 8a', 2024, 180, '128 GB', '256 GB'),
  phone('Pixel 9', 2024, 300, '128 GB', '256 GB'),
  phone('Pixel 9 Pro', 2024, 400, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('Pixel 9 Pro XL', 2024, 450, '128 GB', '256 GB', '512 GB', '1 TB'),
  phone('Pixel 9 Pro Fold', 2024, 600, '256 GB', '512 GB'),
  phone('Pixel 9a', 2025, 280, '128 GB', '256 GB'),
]);

const ONEPLUS = models('smartphones', 'OnePlus', [], [
  phone('OnePlus 8 Pro', 2020, 60, '128 GB', '256 GB'),
  phone('OnePlus 9', 2021, 80, '128 GB', '256 GB'),
  phone('OnePlus 9 Pro', 2021, 110, '128 GB', '256 GB'),
  phone('OnePlus 10 Pro', 2022, 140, '128 GB', '256 GB'),
  phone('OnePlus 11', 2023, 190, '128 GB', '256 GB'),
  phone('OnePlus 12', 2024, 290, '256 GB', '512 GB'),
  phone('OnePlus 13', 2025, 420, '256 GB', '512 GB'),
]);

export const SMARTPHONES: ModelSeed[] = [...APPLE, ...SAMSUNG, ...GOOGLE, ...ONEPLUS];
