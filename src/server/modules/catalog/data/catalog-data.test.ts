import { describe, it, expect } from 'vitest';
import { CATEGORY_IDS } from '../../../../shared/catalog-types.ts';
import { CATALOG_MODELS, CATEGORIES, expandVariants } from './index.ts';
import type { ModelSeed } from './index.ts';

const ALL_VARIANTS = CATALOG_MODELS.flatMap((m) => expandVariants(m).map((v) => ({ model: m, ...v })));
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function model(slug: string): ModelSeed {
  const m = CATALOG_MODELS.find((x) => x.slug === slug);
  if (!m) throw new Error(`no model ${slug}`);
  return m;
}

describe('built-in catalogue', () => {
  it('has the six categories, each with a name, an icon and a distinct sort', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(6);
    expect(CATEGORIES.map((c) => c.id).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const c of CATEGORIES) {
      expect(c.name.trim()).not.toBe('');
      expect(c.icon).toMatch(/^Icon[A-Z]/);
    }
    expect(new Set(CATEGORIES.map((c) => c.sort)).size).toBe(CATEGORIES.length);
  });

  it('has at least 150 models and every category has models', () => {
    expect(CATALOG_MODELS.length).toBeGreaterThanOrEqual(150);
    for (const id of CATEGORY_IDS) {
      expect(CATALOG_MODELS.filter((m) => m.category === id).length, id).toBeGreaterThanOrEqual(10);
    }
    for (const m of CATALOG_MODELS) expect(CATEGORY_IDS, m.slug).toContain(m.category);
  });

  it('model slugs are unique kebab-case', () => {
    const slugs = CATALOG_MODELS.map((m) => m.slug);
    const dupes = slugs.filter((s, i) => slugs.indexOf(s) !== i);
    expect(dupes).toEqual([]);
    for (const s of slugs) expect(s).toMatch(KEBAB);
  });

  it('variant slugs are unique kebab-case across the whole catalogue', () => {
    const slugs = ALL_VARIANTS.map((v) => v.slug);
    const dupes = slugs.filter((s, i) => slugs.indexOf(s) !== i);
    expect(dupes).toEqual([]);
    for (const s of slugs) expect(s).toMatch(KEBAB);
    const modelSlugs = new Set(CATALOG_MODELS.map((m) => m.slug));
    for (const s of slugs) expect(modelSlugs.has(s), s).toBe(false);
  });

  it('model names are unique within a brand', () => {
    const keys = CATALOG_MODELS.map((m) => `${m.brand}/${m.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('every model has at least one variant and a realistic release year', () => {
    for (const m of CATALOG_MODELS) {
      expect(expandVariants(m).length, m.slug).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(m.releaseYear), m.slug).toBe(true);
      expect(m.releaseYear, m.slug).toBeGreaterThanOrEqual(2015);
      expect(m.releaseYear, m.slug).toBeLessThanOrEqual(2026);
      expect(m.brand.trim(), m.slug).not.toBe('');
      expect(m.name.trim(), m.slug).not.toBe('');
    }
  });

  it('every reference value is a positive integer number of cents within a believable range', () => {
    for (const m of CATALOG_MODELS) {
      expect(Number.isSafeInteger(m.referenceValueMinor), m.slug).toBe(true);
      expect(m.referenceValueMinor, m.slug).toBeGreaterThan(0);
      expect(m.referenceValueMinor, m.slug).toBeGreaterThanOrEqual(10_00);
      expect(m.referenceValueMinor, m.slug).toBeLessThanOrEqual(5_000_00);
    }
  });

  it('consoles and laptops list their mandatory accessories', () => {
    for (const m of CATALOG_MODELS.filter((x) => x.category === 'consoles' || x.category === 'laptops')) {
      expect(m.mandatoryAccessories.length, m.slug).toBeGreaterThan(0);
      for (const a of m.mandatoryAccessories) expect(a.trim(), m.slug).not.toBe('');
    }
    expect(model('playstation-5').mandatoryAccessories).toContain('Power cable');
    expect(model('macbook-air-m1-2020').mandatoryAccessories).toEqual(['Charger']);
  });

  it('every factor is positive, axes have options, and the base variant has factor 1', () => {
    for (const m of CATALOG_MODELS) {
      const axisNames = m.axes.map((a) => a.name);
      expect(new Set(axisNames).size, m.slug).toBe(axisNames.length);
      for (const a of m.axes) {
        expect(a.options.length, `${m.slug} ${a.name}`).toBeGreaterThan(0);
        const labels = a.options.map((o) => o.label);
        expect(new Set(labels).size, `${m.slug} ${a.name}`).toBe(labels.length);
        for (const o of a.options) {
          expect(Number.isFinite(o.factor) && o.factor > 0, `${m.slug} ${o.label}`).toBe(true);
        }
      }
      const variants = expandVariants(m);
      expect(variants[0]!.factor, m.slug).toBe(1);
      for (const v of variants) expect(v.factor, v.slug).toBeGreaterThan(0);
    }
  });

  it('has the flagship models people trade in', () => {
    for (const slug of [
      'iphone-11',
      'iphone-15-pro',
      'iphone-16-pro-max',
      'iphone-16e',
      'galaxy-s24-ultra',
      'galaxy-z-fold6',
      'pixel-9-pro',
      'ipad-pro-13-inch-m4',
      'macbook-air-13-inch-m3-2024',
      'playstation-5-slim',
      'xbox-series-x',
      'nintendo-switch-oled',
      'steam-deck-oled',
      'apple-watch-ultra-2',
      'airpods-pro-2nd-generation',
      'sony-wh-1000xm5',
    ]) {
      expect(CATALOG_MODELS.some((m) => m.slug === slug), slug).toBe(true);
    }
  });
});

describe('expandVariants', () => {
  it('names variants from the model slug and option labels', () => {
    const variants = expandVariants(model('iphone-15-pro'));
    expect(variants.map((v) => v.slug)).toEqual([
      'iphone-15-pro-128gb',
      'iphone-15-pro-256gb',
      'iphone-15-pro-512gb',
      'iphone-15-pro-1tb',
    ]);
    expect(variants[1]).toEqual({ slug: 'iphone-15-pro-256gb', label: '256 GB', attributes: { Storage: '256 GB' }, factor: 1.1 });
  });

  it('is the cartesian product of the axes, first axis slowest, factors multiplied', () => {
    const variants = expandVariants(model('ipad-10th-generation'));
    expect(variants.map((v) => v.label)).toEqual([
      '64 GB · Wi-Fi',
      '64 GB · Wi-Fi + Cellular',
      '256 GB · Wi-Fi',
      '256 GB · Wi-Fi + Cellular',
    ]);
    expect(variants[3]).toEqual({
      slug: 'ipad-10th-generation-256gb-wi-fi-plus-cellular',
      label: '256 GB · Wi-Fi + Cellular',
      attributes: { Storage: '256 GB', Connectivity: 'Wi-Fi + Cellular' },
      factor: 1.232,
    });
    const macbook = model('macbook-pro-14-inch-m3-pro-2023');
    const expected = macbook.axes.reduce((n, a) => n * a.options.length, 1);
    expect(expandVariants(macbook)).toHaveLength(expected);
  });

  it('is deterministic', () => {
    for (const m of CATALOG_MODELS.slice(0, 20)) expect(expandVariants(m)).toEqual(expandVariants(m));
  });

  it('gives a model without axes one Standard variant', () => {
    const m: ModelSeed = { ...model('iphone-11'), slug: 'test-device', axes: [] };
    expect(expandVariants(m)).toEqual([{ slug: 'test-device-standard', label: 'Standard', attributes: {}, factor: 1 }]);
  });
});
