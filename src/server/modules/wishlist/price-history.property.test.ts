import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRefurbisher } from '../../../../test/factories.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { syntheticVariants } from '../../../../test/refurbishers.ts';
import type { Grade } from '../../../shared/grade.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import { releaseUnit, reserveUnit } from '../offers/index.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import { bulkChange, patchEntry, upsertWishlist } from './wishlist.service.ts';

/**
 * The price history is kept by a trigger as the wishlist changes. Property: whatever the
 * sequence of upserts, edits, bulk changes, reservations and releases, the history equals the
 * one computed by replaying the append-only change log — as the step line sellers see (one value
 * per instant, no repeated value).
 */
let database: Database;
const clock = new AdjustableClock({ frozenAt: new Date('2026-06-01T00:00:00Z') });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const GRADES_USED: Grade[] = ['Good', 'Fair'];

type Op =
  | { kind: 'upsert'; who: number; key: number; price: number; quantity: number; active: boolean }
  | { kind: 'patch'; who: number; key: number; price?: number; active?: boolean }
  | { kind: 'bulk'; who: number; percent: number }
  | { kind: 'reserve'; who: number; key: number }
  | { kind: 'release'; who: number; key: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), who: fc.nat(2), key: fc.nat(3), price: fc.integer({ min: 1, max: 50 }).map((d) => d * 100), quantity: fc.integer({ min: 0, max: 3 }), active: fc.boolean() }),
  fc.record({ kind: fc.constant('patch' as const), who: fc.nat(2), key: fc.nat(3), price: fc.option(fc.integer({ min: 1, max: 50 }).map((d) => d * 100), { nil: undefined }), active: fc.option(fc.boolean(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('bulk' as const), who: fc.nat(2), percent: fc.constantFrom(-10, 5, 20) }),
  fc.record({ kind: fc.constant('reserve' as const), who: fc.nat(2), key: fc.nat(3) }),
  fc.record({ kind: fc.constant('release' as const), who: fc.nat(2), key: fc.nat(3) }),
);

interface Point {
  key: string;
  at: number;
  best: number | null;
  n: number;
}

/** One value per instant (the last), and no point that repeats the one before it. */
function stepLine(points: Point[]): Point[] {
  const byKey = new Map<string, Point[]>();
  for (const p of points) {
    const line = byKey.get(p.key) ?? [];
    if (line.length && line.at(-1)!.at === p.at) line[line.length - 1] = p;
    else line.push(p);
    byKey.set(p.key, line);
  }
  const out: Point[] = [];
  for (const [, line] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    let last: Point | undefined;
    for (const p of line) {
      if (!last ? p.n > 0 : last.best !== p.best || last.n !== p.n) out.push(p);
      last = p;
    }
  }
  return out;
}

describe('price history', () => {
  it('equals the history replayed from the change log, after any sequence of changes', async () => {
    const db = database.db;
    const refurbishers = await Promise.all([0, 1, 2].map((i) => buildRefurbisher(db, { score: 10 * i })));
    const actors: RefurbisherActor[] = refurbishers.map((r, i) => ({ kind: 'member', refurbisherId: r.id, organizationId: `org-${i}`, role: 'admin', actorId: `usr-${i}`, label: `Tester ${i}` }));
    const deps = { db, clock };

    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const variants = await syntheticVariants(db, 2);
        const keyOf = (k: number) => ({ variantId: variants[k % 2]!, grade: GRADES_USED[Math.floor(k / 2)]! });
        const entryOf = async (who: number, k: number) =>
          db
            .selectFrom('wishlist_entries')
            .select('id')
            .where('refurbisher_id', '=', actors[who]!.refurbisherId)
            .where('variant_id', '=', keyOf(k).variantId)
            .where('grade', '=', keyOf(k).grade)
            .executeTakeFirst();

        for (const op of ops) {
          clock.advance(1_000);
          const actor = actors[op.who]!;
          try {
            if (op.kind === 'upsert') {
              await upsertWishlist(deps, actor, [{ row: 0, ...keyOf(op.key), priceMinor: op.price, quantity: op.quantity, active: op.active }], {
                source: 'api', what: 'entries', variantColumn: 'variantId', gradeColumn: 'grade', quantityColumn: 'quantity',
              });
            } else if (op.kind === 'patch') {
              const e = await entryOf(op.who, op.key);
              if (e && (op.price !== undefined || op.active !== undefined)) {
                await patchEntry(deps, actor, e.id, { ...(op.price !== undefined ? { price: { amountMinor: op.price, currency: 'USD' as const } } : {}), ...(op.active !== undefined ? { active: op.active } : {}) }, 'portal');
              }
            } else if (op.kind === 'bulk') {
              const ids = (await db.selectFrom('wishlist_entries').select('id').where('refurbisher_id', '=', actor.refurbisherId).where('variant_id', 'in', variants).execute()).map((r) => r.id);
              if (ids.length) await bulkChange(deps, actor, { entryIds: ids, change: { kind: 'percent', percent: op.percent } }, 'portal');
            } else {
              const e = await entryOf(op.who, op.key);
              if (e) {
                // The trade-in flow's own statements, at the test clock's time.
                await db.transaction().execute(async (trx) => {
                  await sql`select set_config('tradeloop.now', ${clock.now().toISOString()}, true)`.execute(trx);
                  if (op.kind === 'reserve') await reserveUnit(trx, e.id, clock.now());
                  else await releaseUnit(trx, e.id);
                });
              }
            }
          } catch (err) {
            // Refusals (quantity below reserved, a price under a cent after a bulk change) are part of
            // the sequence; they must change nothing, which the replay below checks. The refusal's
            // reason is in its fields, so the code is what says it was a refusal.
            if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
          }
        }

        // Replay the change log.
        const changes = await db.selectFrom('wishlist_entry_changes').selectAll().where('variant_id', 'in', variants).orderBy('id').execute();
        const state = new Map<string, { key: string; price: number; remaining: number; active: boolean }>();
        const replayed: Point[] = [];
        for (const c of changes) {
          const key = `${c.variant_id}|${c.grade}`;
          state.set(c.entry_id, { key, price: c.new_price_minor, remaining: c.new_quantity_remaining, active: c.new_active });
          const live = [...state.values()].filter((s) => s.key === key && s.active && s.remaining > 0);
          replayed.push({ key, at: c.changed_at.getTime(), best: live.length ? Math.max(...live.map((s) => s.price)) : null, n: live.length });
        }
        const history = await db.selectFrom('price_history').selectAll().where('variant_id', 'in', variants).orderBy('recorded_at').orderBy('id').execute();
        const recorded: Point[] = history.map((h) => ({ key: `${h.variant_id}|${h.grade}`, at: h.recorded_at.getTime(), best: h.best_price_minor, n: h.live_entries }));
        expect(stepLine(recorded)).toEqual(stepLine(replayed));
        // The trigger records changes only: no two consecutive rows of a key say the same thing.
        expect(recorded.length).toBeLessThanOrEqual(replayed.length);
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
