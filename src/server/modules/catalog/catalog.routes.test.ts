import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';

const ctx = useTestApp();

describe('catalogue API', () => {
  it('lists the six categories with their model counts', async () => {
    const cats = (await ctx.app.inject('/api/catalog/categories')).json();
    expect(cats.map((c: { id: string }) => c.id)).toEqual(['smartphones', 'tablets', 'laptops', 'consoles', 'smartwatches', 'headphones']);
    expect(cats.every((c: { modelCount: number }) => c.modelCount > 0)).toBe(true);
  });

  it.each([
    ['iphone 13', 'iPhone 13'],
    ['GALAXY s24', 'Galaxy S24'],
    ['ps5', 'PlayStation 5'],
    ['switch oled', 'Switch'],
    // Typos: a letter left out, swapped or doubled.
    ['ipone 13', 'iPhone 13'],
    ['iphnoe 15', 'iPhone 15'],
    ['galxy s23', 'Galaxy S23'],
    ['macbok air', 'MacBook Air'],
    ['playstaton 5', 'PlayStation 5'],
  ])('search "%s" finds %s', async (q, expected) => {
    const res = await ctx.app.inject({ url: '/api/catalog/models', query: { q } });
    expect(res.statusCode).toBe(200);
    expect(res.json().some((m: { name: string }) => m.name.includes(expected)), JSON.stringify(res.json().slice(0, 3))).toBe(true);
  });

  it('ranks the model typed exactly above near misses, and a typo does not blur the numbers', async () => {
    const res = (await ctx.app.inject({ url: '/api/catalog/models', query: { q: 'ipone 13', limit: '50' } })).json() as { name: string }[];
    expect(res[0]!.name).toMatch(/^iPhone 13/);
    expect(res.every((m) => m.name.includes('13')), JSON.stringify(res.map((m) => m.name))).toBe(true);
    expect((await ctx.app.inject({ url: '/api/catalog/models', query: { q: 'zzqx' } })).json()).toEqual([]);
  });

  it('filters by category and refuses an unknown one with the field named', async () => {
    const res = await ctx.app.inject({ url: '/api/catalog/models', query: { category: 'consoles' } });
    expect(res.json().every((m: { categoryId: string }) => m.categoryId === 'consoles')).toBe(true);
    const bad = await ctx.app.inject({ url: '/api/catalog/models', query: { category: 'toasters' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.category).toBeTruthy();
  });

  it('a model has variants, mandatory accessories and its category questionnaire; unknown → 404', async () => {
    const [ps5] = (await ctx.app.inject({ url: '/api/catalog/models', query: { q: 'playstation 5', category: 'consoles' } })).json();
    const detail = (await ctx.app.inject(`/api/catalog/models/${ps5.id}`)).json();
    expect(detail.variants.length).toBeGreaterThan(0);
    expect(detail.mandatoryAccessories.length).toBeGreaterThan(0);
    expect(detail.questionnaire.length).toBeGreaterThan(3);
    expect((await ctx.app.inject('/api/catalog/models/mdl_nope')).statusCode).toBe(404);
  });

  it('unknown API routes answer 404 in the error shape', async () => {
    const res = await ctx.app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
