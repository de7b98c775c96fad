/** Headphones and earbuds. Earbuds can't be used without their charging case, so it is mandatory. */
import { axis, models } from './helpers.ts';
import type { ModelRow } from './helpers.ts';
import type { ModelSeed } from './types.ts';

const CASE = ['Charging case'];
const standard = [axis('Edition', [['Standard', 1]])];

const buds = (name: string, year: number, usd: number, axes = standard): ModelRow => ({ name, year, usd, axes, accessories: CASE });
const overEar = (name: string, year: number, usd: number, axes = standard): ModelRow => ({ name, year, usd, axes, accessories: [] });

const APPLE = models('headphones', 'Apple', [], [
  buds('AirPods Pro (1st generation)', 2019, 35),
  buds('AirPods Pro (2nd generation)', 2022, 90, [axis('Charging case', [['Lightning', 1], ['USB-C', 1.08]])]),
  buds('AirPods Pro 3', 2025, 170),
  buds('AirPods (3rd generation)', 2021, 45, [axis('Charging case', [['Lightning', 1], ['MagSafe', 1.05]])]),
  buds('AirPods 4', 2024, 70, [axis('Edition', [['Standard', 1], ['Active Noise Cancellation', 1.3]])]),
  overEar('AirPods Max', 2020, 180),
  overEar('AirPods Max (USB-C)', 2024, 270),
]);

const SONY = models('headphones', 'Sony', [], [
  overEar('WH-1000XM4', 2020, 70),
  overEar('WH-1000XM5', 2022, 130),
  overEar('WH-1000XM6', 2025, 250),
  buds('WF-1000XM4', 2021, 40),
  buds('WF-1000XM5', 2023, 90),
]).map((m) => ({ ...m, slug: `sony-${m.slug}` }));

const BOSE = models('headphones', 'Bose', [], [
  overEar('Noise Cancelling Headphones 700', 2019, 80),
  overEar('QuietComfort 45', 2021, 70),
  overEar('QuietComfort Headphones', 2023, 90),
  overEar('QuietComfort Ultra Headphones', 2023, 150),
  buds('QuietComfort Earbuds II', 2022, 60),
  buds('QuietComfort Ultra Earbuds', 2023, 90),
]).map((m) => ({ ...m, slug: `bose-${m.slug}` }));

const SAMSUNG = models('headphones', 'Samsung', [], [
  buds('Galaxy Buds2 Pro', 2022, 45),
  buds('Galaxy Buds3 Pro', 2024, 80),
]);

const GOOGLE = models('headphones', 'Google', [], [
  buds('Pixel Buds Pro', 2022, 40),
  buds('Pixel Buds Pro 2', 2024, 90),
]);

const BEATS = models('headphones', 'Beats', [], [
  overEar('Beats Studio Pro', 2023, 90),
  buds('Beats Fit Pro', 2021, 45),
]);

const SENNHEISER = models('headphones', 'Sennheiser', [], [
  overEar('Momentum 4 Wireless', 2022, 100),
]).map((m) => ({ ...m, slug: `sennheiser-${m.slug}` }));

export const HEADPHONES: ModelSeed[] = [...APPLE, ...SONY, ...BOSE, ...SAMSUNG, ...GOOGLE, ...BEATS, ...SENNHEISER];
