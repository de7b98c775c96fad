import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as } from '../../../../test/accounts.ts';
import { buildWishlistEntry } from '../../../../test/factories.ts';
import { openRefurbisher, operator, syntheticVariants } from '../../../../test/refurbishers.ts';
import { refreshCatalogueCopy } from './index.ts';

const ctx = useTestApp();
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe("the wishlist's copy of the catalogue", () => {
  it('orders the portal by brand, model, variant order and grade, both ways, for entries however written, and follows a renamed model', async () => {
    const db = ctx.database.db;
    const r = await openRefurbisher(ctx.app, db, ctx.runtime, await operator(ctx.app, db));
    // Letters only: the search below looks for "edition 2", and a digit in the tag could match it.
    const tag = Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    // Two models of one brand: "Synthetic Phone a…" before "Synthetic Phone b…".
    const a = await syntheticVariants(db, 1, `a${tag}`);
    const b = await syntheticVariants(db, 11, `b${tag}`);
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/refurbisher/wishlist',
      headers: as(r.admin),
      payload: {
        entries: [
          { variantId: b[10], grade: 'Good', price: usd(1_000), quantity: 1 },
          { variantId: a[0], grade: 'Broken', price: usd(1_000), quantity: 1 },
          { variantId: b[2], grade: 'Fair', price: usd(1_000), quantity: 1 },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    // Written around the wishlist module (as the seed does): it has no sort key until the list is read.
    await buildWishlistEntry(db, { refurbisherId: r.id, variantId: b[2]!, grade: 'Flawless' });

    const order = async (query: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/wishlist?${query}`, headers: as(r.admin) });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { entries: { modelName: string; variantLabel: string; grade: string }[] }).entries.map((e) => `${e.modelName.slice(-6)} ${e.variantLabel} ${e.grade}`);
    };
    const asc = [`a${tag} Edition 0 Broken`, `b${tag} Edition 2 Flawless`, `b${tag} Edition 2 Fair`, `b${tag} Edition 10 Good`];
    expect(await order('sort=model&order=asc')).toEqual(asc);
    expect(await order('sort=model&order=desc')).toEqual([...asc].reverse());
    expect(await order('sort=model&page=2&pageSize=3')).toEqual(asc.slice(3));
    expect(await order(`q=b${tag}%20edition%202`)).toEqual(asc.slice(1, 3));

    // The catalogue renames model a; at the next start the copy and the order follow.
    await db.updateTable('models').set({ name: `Zz Phone a${tag}` }).where('id', '=', `mdl_synthetic-a${tag}`).execute();
    expect(await refreshCatalogueCopy(db)).toEqual({ changed: 1 });
    expect(await order('sort=model&order=asc')).toEqual([...asc.slice(1), `a${tag} Edition 0 Broken`]);
    expect(await refreshCatalogueCopy(db)).toEqual({ changed: 0 });
  });

  it('is how the wishlist module knows the catalogue: its code names no catalogue table', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const offenders = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /\b(from|join|into|update)\s+(variants|models|categories)\b|(selectFrom|insertInto|updateTable|innerJoin|leftJoin)\(\s*'(variants|models|categories)\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
