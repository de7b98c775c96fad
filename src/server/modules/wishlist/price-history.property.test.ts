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
import { releaseUnit, reserveUnit } from './reservation.repository.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import { recordWindowBoundaries } from './price-windows.job.ts';
import { bulkChange, patchEntry, upsertWishlist } from './wishlist.service.ts';

/**
 * The price history is kept by a trigger as the wishlist changes. Property: whatever the
 * sequence of upserts, edits, bulk changes, reservations, releases and windows that open late or
 * lapse (with or without a write or a sweep after them), the history equals the one computed by
 * replaying the append-only change log at every change and every window boundary — as the step
 * line sellers see (one value per instant, no repeated value).
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
  | { kind: 'release'; who: number; key: number }
  /** Sets an entry's window (as a writer outside the wishlist service would): it lapses, or opens, `inMs` from now. */
  | { kind: 'window'; who: number; key: number; edge: 'until' | 'from' | 'clear'; inMs: number }
  /** The periodic job runs. */
  | { kind: 'sweep' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), who: fc.nat(2), key: fc.nat(3), price: fc.integer({ min: 1, max: 50 }).map((d) => d * 100), quantity: fc.integer({ min: 0, max: 3 }), active: fc.boolean() }),
  fc.record({ kind: fc.constant('patch' as const), who: fc.nat(2), key: fc.nat(3), price: fc.option(fc.integer({ min: 1, max: 50 }).map((d) => d * 100), { nil: undefined }), active: fc.option(fc.boolean(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('bulk' as const), who: fc.nat(2), percent: fc.constantFrom(-10, 5, 20) }),
  fc.record({ kind: fc.constant('reserve' as const), who: fc.nat(2), key: fc.nat(3) }),
  fc.record({ kind: fc.constant('release' as const), who: fc.nat(2), key: fc.nat(3) }),
  // Weighted: a lapse is what this property is most easily wrong about.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('window' as const), who: fc.nat(2), key: fc.nat(3), edge: fc.constantFrom('until' as const, 'until' as const, 'from' as const, 'clear' as const), inMs: fc.integer({ min: 1, max: 5 }).map((n) => n * 700) }) },
  fc.constant({ kind: 'sweep' as const }),
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
          const actor = actors['who' in op ? op.who : 0]!;
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
            } else if (op.kind === 'sweep') {
              await recordWindowBoundaries(db, clock.now());
            } else if (op.kind === 'window') {
              const e = await entryOf(op.who, op.key);
              if (e) {
                const at = new Date(clock.now().getTime() + op.inMs);
                // Only windows the table allows (from before until): a later opening drops an earlier close,
                // and a close at or before the opening is not written (the random ops would otherwise trip the check).
                const set =
                  op.edge === 'until'
                    ? { active_until: at }
                    : op.edge === 'from'
                      ? { active_from: at, active_until: sql<Date | null>`case when active_until <= ${at} then null else active_until end` }
                      : { active_until: null };
                await db.transaction().execute(async (trx) => {
                  await sql`select set_config('tradeloop.now', ${clock.now().toISOString()}, true)`.execute(trx);
                  let update = trx.updateTable('wishlist_entries').set(set).where('id', '=', e.id);
                  if (op.edge === 'until') update = update.where('active_from', '<', at);
                  await update.execute();
                });
              }
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

        // Later, with no write: the job records what lapsed meanwhile.
        clock.advance(10_000);
        const end = clock.now().getTime();
        await recordWindowBoundaries(db, clock.now());

        // Replay the change log at every change and every window boundary up to the end.
        const changes = await db.selectFrom('wishlist_entry_changes').selectAll().where('variant_id', 'in', variants).orderBy('id').execute();
        const instants = new Set<number>();
        for (const c of changes) {
          instants.add(c.changed_at.getTime());
          for (const edge of [c.new_active_from, c.new_active_until]) if (edge && edge.getTime() <= end) instants.add(edge.getTime());
        }
        const replayed: Point[] = [];
        for (const t of [...instants].sort((a, b) => a - b)) {
          const state = new Map<string, (typeof changes)[number]>();
          for (const c of changes) if (c.changed_at.getTime() <= t) state.set(c.entry_id, c);
          const keys = [...new Set([...state.values()].map((c) => `${c.variant_id}|${c.grade}`))].sort();
          for (const key of keys) {
            const live = [...state.values()].filter(
              (c) =>
                `${c.variant_id}|${c.grade}` === key &&
                c.new_active &&
                c.new_quantity_remaining > 0 &&
                (!c.new_active_from || c.new_active_from.getTime() <= t) &&
                (!c.new_active_until || c.new_active_until.getTime() > t),
            );
            replayed.push({ key, at: t, best: live.length ? Math.max(...live.map((c) => c.new_price_minor)) : null, n: live.length });
          }
        }
        const history = await db.selectFrom('price_history').selectAll().where('variant_id', 'in', variants).orderBy('recorded_at').orderBy('id').execute();
        const recorded: Point[] = history.map((h) => ({ key: `${h.variant_id}|${h.grade}`, at: h.recorded_at.getTime(), best: h.best_price_minor, n: h.live_entries }));
        expect(stepLine(recorded)).toEqual(stepLine(replayed));
        // The trigger records changes only: no two consecutive rows of a key say the same thing.
        expect(recorded.length).toBeLessThanOrEqual(replayed.length);
        // A second run of the job records nothing more.
        const rows = history.length;
        await recordWindowBoundaries(db, clock.now());
        expect(await db.selectFrom('price_history').select((eb) => eb.fn.countAll<number>().as('n')).where('variant_id', 'in', variants).executeTakeFirstOrThrow()).toEqual({ n: rows });
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
