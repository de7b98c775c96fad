/**
 * Laptops. Macs are built to order, so memory × storage combinations are all real configs; Windows
 * laptops are sold as fixed SKUs, so they use one 'Configuration' axis listing the real configs.
 * Every laptop must ship with its charger.
 */
import { configs, memory, models, ssd } from './helpers.ts';
import type { ModelRow } from './helpers.ts';
import type { ModelSeed } from './types.ts';

const CHARGER = ['Charger'];

const mac = (name: string, year: number, usd: number, memories: string[], storages: string[]): ModelRow => ({
  name,
  year,
  usd,
  axes: [memory(...memories), ssd(...storages)],
});

const AIR_SSD = ['256 GB', '512 GB', '1 TB', '2 TB'];
const M1_PRO_SSD = ['512 GB', '1 TB', '2 TB', '4 TB', '8 TB'];
const MAX_SSD = ['1 TB', '2 TB', '4 TB', '8 TB'];
const PRO_SSD = ['512 GB', '1 TB', '2 TB', '4 TB'];

const APPLE = models('laptops', 'Apple', CHARGER, [
  mac('MacBook Air (M1, 2020)', 2020, 300, ['8 GB', '16 GB'], AIR_SSD),
  mac('MacBook Air 13-inch (M2, 2022)', 2022, 450, ['8 GB', '16 GB', '24 GB'], AIR_SSD),
  mac('MacBook Air 15-inch (M2, 2023)', 2023, 550, ['8 GB', '16 GB', '24 GB'], AIR_SSD),
  mac('MacBook Air 13-inch (M3, 2024)', 2024, 580, ['8 GB', '16 GB', '24 GB'], AIR_SSD),
  mac('MacBook Air 15-inch (M3, 2024)', 2024, 680, ['8 GB', '16 GB', '24 GB'], AIR_SSD),
  mac('MacBook Air 13-inch (M4, 2025)', 2025, 720, ['16 GB', '24 GB', '32 GB'], AIR_SSD),
  mac('MacBook Air 15-inch (M4, 2025)', 2025, 820, ['16 GB', '24 GB', '32 GB'], AIR_SSD),
  {
    name: 'MacBook Pro 16-inch (Intel, 2019)',
    year: 2019,
    usd: 280,
    axes: [
      { name: 'Processor', options: [{ label: 'Core i7', factor: 1 }, { label: 'Core i9', factor: 1.12 }] },
      memory('16 GB', '32 GB', '64 GB'),
      ssd('512 GB', '1 TB', '2 TB', '4 TB'),
    ],
  },
  mac('MacBook Pro 13-inch (M1, 2020)', 2020, 360, ['8 GB', '16 GB'], AIR_SSD),
  mac('MacBook Pro 13-inch (M2, 2022)', 2022, 480, ['8 GB', '16 GB', '24 GB'], AIR_SSD),
  mac('MacBook Pro 14-inch (M1 Pro, 2021)', 2021, 650, ['16 GB', '32 GB'], M1_PRO_SSD),
  mac('MacBook Pro 14-inch (M1 Max, 2021)', 2021, 850, ['32 GB', '64 GB'], MAX_SSD),
  mac('MacBook Pro 16-inch (M1 Pro, 2021)', 2021, 780, ['16 GB', '32 GB'], M1_PRO_SSD),
  mac('MacBook Pro 16-inch (M1 Max, 2021)', 2021, 950, ['32 GB', '64 GB'], MAX_SSD),
  mac('MacBook Pro 14-inch (M2 Pro, 2023)', 2023, 900, ['16 GB', '32 GB'], M1_PRO_SSD),
  mac('MacBook Pro 14-inch (M2 Max, 2023)', 2023, 1150, ['32 GB', '64 GB', '96 GB'], MAX_SSD),
  mac('MacBook Pro 16-inch (M2 Pro, 2023)', 2023, 1050, ['16 GB', '32 GB'], M1_PRO_SSD),
  mac('MacBook Pro 16-inch (M2 Max, 2023)', 2023, 1300, ['32 GB', '64 GB', '96 GB'], MAX_SSD),
  mac('MacBook Pro 14-inch (M3, 2023)', 2023, 850, ['8 GB', '16 GB', '24 GB'], ['512 GB', '1 TB', '2 TB']),
  mac('MacBook Pro 14-inch (M3 Pro, 2023)', 2023, 1100, ['18 GB', '36 GB'], PRO_SSD),
  mac('MacBook Pro 14-inch (M3 Max, 2023)', 2023, 1450, ['36 GB', '48 GB', '64 GB', '128 GB'], MAX_SSD),
  mac('MacBook Pro 16-inch (M3 Pro, 2023)', 2023, 1250, ['18 GB', '36 GB'], PRO_SSD),
  mac('MacBook Pro 16-inch (M3 Max, 2023)', 2023, 1650, ['36 GB', '48 GB', '64 GB', '128 GB'], MAX_SSD),
  mac('MacBook Pro 14-inch (M4, 2024)', 2024, 1100, ['16 GB', '24 GB', '32 GB'], ['512 GB', '1 TB', '2 TB']),
  mac('MacBook Pro 14-inch (M4 Pro, 2024)', 2024, 1400, ['24 GB', '48 GB'], PRO_SSD),
  mac('MacBook Pro 14-inch (M4 Max, 2024)', 2024, 1900, ['36 GB', '48 GB', '64 GB', '128 GB'], MAX_SSD),
  mac('MacBook Pro 16-inch (M4 Pro, 2024)', 2024, 1650, ['24 GB', '48 GB'], PRO_SSD),
  mac('MacBook Pro 16-inch (M4 Max, 2024)', 2024, 2200, ['36 GB', '48 GB', '64 GB', '128 GB'], MAX_SSD),
]);

const MICROSOFT = models('laptops', 'Microsoft', CHARGER, [
  {
    name: 'Surface Laptop 3 13.5-inch',
    year: 2019,
    usd: 150,
    axes: [
      configs(
        ['Core i5 · 8 GB · 128 GB', 1],
        ['Core i5 · 8 GB · 256 GB', 1.1],
        ['Core i7 · 16 GB · 256 GB', 1.35],
        ['Core i7 · 16 GB · 512 GB', 1.5],
      ),
    ],
  },
  {
    name: 'Surface Laptop 4 13.5-inch',
    year: 2021,
    usd: 220,
    axes: [
      configs(
        ['Ryzen 5 · 8 GB · 256 GB', 1],
        ['Core i5 · 8 GB · 512 GB', 1.1],
        ['Core i5 · 16 GB · 512 GB', 1.22],
        ['Core i7 · 16 GB · 512 GB', 1.4],
        ['Core i7 · 32 GB · 1 TB', 1.7],
      ),
    ],
  },
  {
    name: 'Surface Laptop 5 13.5-inch',
    year: 2022,
    usd: 340,
    axes: [
      configs(
        ['Core i5 · 8 GB · 256 GB', 1],
        ['Core i5 · 8 GB · 512 GB', 1.1],
        ['Core i5 · 16 GB · 512 GB', 1.2],
        ['Core i7 · 16 GB · 512 GB', 1.35],
        ['Core i7 · 16 GB · 1 TB', 1.5],
      ),
    ],
  },
  {
    name: 'Surface Laptop (7th Edition) 13.8-inch',
    year: 2024,
    usd: 550,
    axes: [
      configs(
        ['Snapdragon X Plus · 16 GB · 256 GB', 1],
        ['Snapdragon X Plus · 16 GB · 512 GB', 1.1],
        ['Snapdragon X Elite · 16 GB · 512 GB', 1.22],
        ['Snapdragon X Elite · 16 GB · 1 TB', 1.35],
        ['Snapdragon X Elite · 32 GB · 1 TB', 1.55],
      ),
    ],
  },
  {
    name: 'Surface Laptop (7th Edition) 15-inch',
    year: 2024,
    usd: 650,
    axes: [
      configs(
        ['Snapdragon X Elite · 16 GB · 256 GB', 1],
        ['Snapdragon X Elite · 16 GB · 512 GB', 1.1],
        ['Snapdragon X Elite · 16 GB · 1 TB', 1.22],
        ['Snapdragon X Elite · 32 GB · 1 TB', 1.4],
      ),
    ],
  },
]);

const DELL = models('laptops', 'Dell', CHARGER, [
  {
    name: 'XPS 13 (9300)',
    year: 2020,
    usd: 180,
    axes: [
      configs(
        ['Core i5-1035G1 · 8 GB · 256 GB', 1],
        ['Core i7-1065G7 · 16 GB · 512 GB', 1.3],
        ['Core i7-1065G7 · 32 GB · 1 TB', 1.55],
      ),
    ],
  },
  {
    name: 'XPS 13 (9310)',
    year: 2020,
    usd: 220,
    axes: [
      configs(
        ['Core i5-1135G7 · 8 GB · 256 GB', 1],
        ['Core i7-1165G7 · 16 GB · 512 GB', 1.3],
        ['Core i7-1185G7 · 32 GB · 1 TB', 1.55],
      ),
    ],
  },
  {
    name: 'XPS 13 Plus (9320)',
    year: 2022,
    usd: 350,
    axes: [
      configs(
        ['Core i5-1240P · 8 GB · 512 GB', 1],
        ['Core i7-1260P · 16 GB · 512 GB', 1.25],
        ['Core i7-1280P · 32 GB · 1 TB', 1.5],
      ),
    ],
  },
  {
    name: 'XPS 13 (9340)',
    year: 2024,
    usd: 550,
    axes: [
      configs(
        ['Core Ultra 5 125H · 16 GB · 512 GB', 1],
        ['Core Ultra 7 155H · 16 GB · 512 GB', 1.15],
        ['Core Ultra 7 155H · 32 GB · 1 TB', 1.4],
      ),
    ],
  },
  {
    name: 'XPS 15 (9500)',
    year: 2020,
    usd: 250,
    axes: [
      configs(
        ['Core i5-10300H · 8 GB · 256 GB', 1],
        ['Core i7-10750H · 16 GB · 512 GB', 1.3],
        ['Core i7-10875H · 32 GB · 1 TB', 1.55],
        ['Core i9-10885H · 32 GB · 1 TB', 1.65],
      ),
    ],
  },
  {
    name: 'XPS 15 (9520)',
    year: 2022,
    usd: 380,
    axes: [
      configs(
        ['Core i5-12500H · 8 GB · 512 GB', 1],
        ['Core i7-12700H · 16 GB · 512 GB', 1.25],
        ['Core i7-12700H · 32 GB · 1 TB', 1.45],
        ['Core i9-12900HK · 32 GB · 1 TB', 1.6],
      ),
    ],
  },
  {
    name: 'XPS 15 (9530)',
    year: 2023,
    usd: 550,
    axes: [
      configs(
        ['Core i7-13620H · 16 GB · 512 GB', 1],
        ['Core i7-13700H · 16 GB · 1 TB', 1.12],
        ['Core i7-13700H · 32 GB · 1 TB', 1.25],
        ['Core i9-13900H · 32 GB · 1 TB', 1.4],
      ),
    ],
  },
]);

const LENOVO = models('laptops', 'Lenovo', CHARGER, [
  {
    name: 'ThinkPad X1 Carbon Gen 8',
    year: 2020,
    usd: 180,
    axes: [
      configs(
        ['Core i5-10210U · 8 GB · 256 GB', 1],
        ['Core i5-10310U · 16 GB · 512 GB', 1.2],
        ['Core i7-10510U · 16 GB · 512 GB', 1.3],
        ['Core i7-10610U · 16 GB · 1 TB', 1.4],
      ),
    ],
  },
  {
    name: 'ThinkPad X1 Carbon Gen 9',
    year: 2021,
    usd: 240,
    axes: [
      configs(
        ['Core i5-1135G7 · 8 GB · 256 GB', 1],
        ['Core i5-1145G7 · 16 GB · 512 GB', 1.2],
        ['Core i7-1165G7 · 16 GB · 512 GB', 1.3],
        ['Core i7-1185G7 · 32 GB · 1 TB', 1.5],
      ),
    ],
  },
  {
    name: 'ThinkPad X1 Carbon Gen 10',
    year: 2022,
    usd: 320,
    axes: [
      configs(
        ['Core i5-1240P · 16 GB · 256 GB', 1],
        ['Core i5-1250P · 16 GB · 512 GB', 1.1],
        ['Core i7-1260P · 16 GB · 512 GB', 1.2],
        ['Core i7-1270P · 32 GB · 1 TB', 1.45],
      ),
    ],
  },
  {
    name: 'ThinkPad X1 Carbon Gen 11',
    year: 2023,
    usd: 420,
    axes: [
      configs(
        ['Core i5-1335U · 16 GB · 256 GB', 1],
        ['Core i5-1345U · 16 GB · 512 GB', 1.1],
        ['Core i7-1355U · 16 GB · 512 GB', 1.2],
        ['Core i7-1365U · 32 GB · 1 TB', 1.45],
      ),
    ],
  },
  {
    name: 'ThinkPad X1 Carbon Gen 12',
    year: 2024,
    usd: 580,
    axes: [
      configs(
        ['Core Ultra 5 125U · 16 GB · 512 GB', 1],
        ['Core Ultra 7 155U · 32 GB · 1 TB', 1.25],
        ['Core Ultra 7 165U · 32 GB · 1 TB', 1.35],
        ['Core Ultra 7 165U · 64 GB · 2 TB', 1.6],
      ),
    ],
  },
]);

export const LAPTOPS: ModelSeed[] = [...APPLE, ...MICROSOFT, ...DELL, ...LENOVO];
