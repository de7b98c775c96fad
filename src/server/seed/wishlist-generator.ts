import type { Grade } from '../../shared/grade.ts';
import { GRADES } from '../../shared/grade.ts';
import type { CategoryId } from '../../shared/catalog-types.ts';
import { CATALOG_MODELS, expandVariants, variantId } from '../modules/catalog/index.ts';

/**
 * Deterministic demo wishlists: believable prices derived from each model's reference value.
 * The same seed gives the same entries on every machine, so demo screenshots and tests agree.
 */

// What a grade is worth relative to Flawless on the used market.
const GRADE_FACTOR: Record<Grade, number> = { Flawless: 1, Good: 0.86, Fair: 0.7, Broken: 0.32 };

export interface DemoRefurbisher {
  slug: string;
  name: string;
  score: number;
  /** How generously this refurbisher prices, around 1.0. */
  appetite: number;
  /** Share of (variant, grade) pairs it bids on. */
  coverage: number;
  city: string;
  state: string;
  zip: string;
  line1: string;
}

export const DEMO_REFURBISHERS: DemoRefurbisher[] = [
  { slug: 'renewed-circuit', name: 'Renewed Circuit', score: 92, appetite: 1.0, coverage: 0.85, line1: '1200 Commerce Dr', city: 'Louisville', state: 'KY', zip: '40209' },
  { slug: 'second-life-tech', name: 'Second Life Tech', score: 88, appetite: 0.98, coverage: 0.8, line1: '455 Industrial Pkwy', city: 'Columbus', state: 'OH', zip: '43207' },
  { slug: 'gadget-revival', name: 'Gadget Revival', score: 85, appetite: 1.02, coverage: 0.6, line1: '78 Harbor Blvd', city: 'Newark', state: 'NJ', zip: '07114' },
  { slug: 'refurb-republic', name: 'Refurb Republic', score: 80, appetite: 0.95, coverage: 0.75, line1: '3100 Logistics Way', city: 'Memphis', state: 'TN', zip: '38118' },
  { slug: 'mint-condition-labs', name: 'Mint Condition Labs', score: 95, appetite: 0.97, coverage: 0.5, line1: '900 Innovation Ave', city: 'Austin', state: 'TX', zip: '78744' },
  { slug: 'backtrack-electronics', name: 'BackTrack Electronics', score: 76, appetite: 1.04, coverage: 0.45, line1: '22 Depot St', city: 'Reno', state: 'NV', zip: '89502' },
  { slug: 'loop-works', name: 'LoopWorks Refurbishing', score: 83, appetite: 0.93, coverage: 0.7, line1: '610 Enterprise Rd', city: 'Atlanta', state: 'GA', zip: '30336' },
  { slug: 'green-cycle-devices', name: 'GreenCycle Devices', score: 70, appetite: 0.9, coverage: 0.9, line1: '5 Recycling Ln', city: 'Phoenix', state: 'AZ', zip: '85043' },
];

/** Mulberry32: small, fast, deterministic. Not for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedEntry {
  refurbisherIndex: number;
  variantId: string;
  grade: Grade;
  priceMinor: number;
  quantityWanted: number;
  quantityRemaining: number;
  active: boolean;
}

/** Every variant id with its category and its price before grade and appetite (integer cents). */
export function variantReferenceValues(): { variantId: string; category: CategoryId; valueMinor: number }[] {
  return CATALOG_MODELS.flatMap((m) =>
    expandVariants(m).map((v) => ({ variantId: variantId(v.slug), category: m.category, valueMinor: Math.round(m.referenceValueMinor * v.factor) })),
  );
}

/**
 * Prices are rounded to whole dollars: that is how refurbishers quote. Some pairs get no bid
 * (coverage), a few entries are paused or already filled, so the demo shows every case.
 */
export function generateWishlists(seed = 2026, refurbishers = DEMO_REFURBISHERS): GeneratedEntry[] {
  const rand = prng(seed);
  const out: GeneratedEntry[] = [];
  for (const { variantId, valueMinor } of variantReferenceValues()) {
    for (const grade of GRADES) {
      refurbishers.forEach((r, refurbisherIndex) => {
        if (rand() > r.coverage) return;
        const jitter = 0.9 + rand() * 0.16;
        const dollars = Math.max(1, Math.round((valueMinor * GRADE_FACTOR[grade] * r.appetite * jitter) / 100));
        const quantityWanted = 1 + Math.floor(rand() * 40);
        const roll = rand();
        out.push({
          refurbisherIndex,
          variantId,
          grade,
          priceMinor: dollars * 100,
          quantityWanted,
          quantityRemaining: roll < 0.03 ? 0 : quantityWanted,
          active: !(roll >= 0.03 && roll < 0.06),
        });
      });
    }
  }
  return out;
}
