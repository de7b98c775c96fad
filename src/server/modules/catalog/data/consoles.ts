/**
 * Game consoles and handhelds. A home console must ship with its power cable and one working
 * controller; handhelds with their charger; Switch with its dock, AC adapter and Joy-Con.
 */
import { axis, models, storage } from './helpers.ts';
import type { ModelSeed } from './types.ts';

const PLAYSTATION_BOX = ['Power cable', 'One DualSense controller'];
const XBOX_BOX = ['Power cable', 'One controller'];

const SONY = models('consoles', 'Sony', PLAYSTATION_BOX, [
  { name: 'PlayStation 4 Slim', year: 2016, usd: 60, axes: [storage('500 GB', '1 TB')], accessories: ['Power cable', 'One DualShock 4 controller'] },
  { name: 'PlayStation 4 Pro', year: 2016, usd: 90, axes: [storage('1 TB')], accessories: ['Power cable', 'One DualShock 4 controller'] },
  {
    name: 'PlayStation 5',
    year: 2020,
    usd: 250,
    axes: [axis('Edition', [['Disc Edition', 1], ['Digital Edition', 0.85]])],
  },
  {
    name: 'PlayStation 5 Slim',
    year: 2023,
    usd: 300,
    axes: [axis('Edition', [['Disc Edition', 1], ['Digital Edition', 0.87]])],
  },
  { name: 'PlayStation 5 Pro', year: 2024, usd: 500, axes: [storage('2 TB')] },
  { name: 'PlayStation Portal', year: 2023, usd: 100, axes: [axis('Edition', [['Remote Player', 1]])], accessories: ['USB-C cable'] },
]);

const MICROSOFT = models('consoles', 'Microsoft', XBOX_BOX, [
  { name: 'Xbox One S', year: 2016, usd: 50, axes: [storage('500 GB', '1 TB')] },
  { name: 'Xbox One X', year: 2017, usd: 90, axes: [storage('1 TB')] },
  {
    name: 'Xbox Series S',
    year: 2020,
    usd: 150,
    axes: [axis('Storage', [['512 GB', 1], ['1 TB', 1.15]])],
  },
  {
    name: 'Xbox Series X',
    year: 2020,
    usd: 250,
    axes: [
      axis('Edition', [
        ['1 TB Disc', 1],
        ['1 TB Digital', 0.9],
        ['2 TB Galaxy Black', 1.2],
      ]),
    ],
  },
]);

const SWITCH_BOX = ['Dock', 'AC adapter', 'Joy-Con (L) and (R)'];

const NINTENDO = models('consoles', 'Nintendo', SWITCH_BOX, [
  { name: 'Nintendo Switch (2017)', year: 2017, usd: 70, axes: [storage('32 GB')] },
  { name: 'Nintendo Switch (2019, longer battery)', year: 2019, usd: 100, axes: [storage('32 GB')], slug: 'nintendo-switch-2019' },
  { name: 'Nintendo Switch Lite', year: 2019, usd: 70, axes: [storage('32 GB')], accessories: ['AC adapter'] },
  { name: 'Nintendo Switch – OLED Model', year: 2021, usd: 150, axes: [storage('64 GB')], slug: 'nintendo-switch-oled' },
  {
    name: 'Nintendo Switch 2',
    year: 2025,
    usd: 300,
    axes: [storage('256 GB')],
    accessories: ['Dock', 'AC adapter', 'Joy-Con 2 (L) and (R)'],
  },
]);

const VALVE = models('consoles', 'Valve', ['Charger'], [
  { name: 'Steam Deck LCD', year: 2022, usd: 140, axes: [storage('64 GB', '256 GB', '512 GB')] },
  { name: 'Steam Deck OLED', year: 2023, usd: 280, axes: [storage('512 GB', '1 TB')] },
]);

const ASUS = models('consoles', 'ASUS', ['Charger'], [
  { name: 'ROG Ally (Z1 Extreme)', year: 2023, usd: 250, axes: [storage('512 GB')] },
  { name: 'ROG Ally X', year: 2024, usd: 400, axes: [storage('1 TB')] },
]);

export const CONSOLES: ModelSeed[] = [...SONY, ...MICROSOFT, ...NINTENDO, ...VALVE, ...ASUS];
