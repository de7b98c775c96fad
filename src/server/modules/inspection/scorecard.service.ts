import type { TScorecard } from '../../../shared/api/inspection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findRefurbisherDisplays } from '../refurbishers/index.ts';
import { listInspectionDeadlines } from '../trade-ins/index.ts';
import { findInspectedTradeIns, listCounteroffers, listFirstInspections, type FirstInspection } from './scorecard.repository.ts';

/**
 * A refurbisher's public scorecard (docs/product.md §9), over the last 90 days of product time:
 * how fast and how punctually it inspects, how often it counteroffers and by how much, whether it
 * ships free returns on time. Shown to sellers beside an offer, charted in the portal, and the
 * source of the matching tie-break (`scoreOf`, written to `refurbishers.score` by a job).
 */
const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The shipping module's count of free returns (first carrier scan by the ship-by date), injected by the runtime. */
export type ReturnsShippedOnTime = (db: Executor, refurbisherId: string, since: Date) => Promise<{ total: number; onTime: number }>;

export interface ScorecardDeps {
  db: Executor;
  /** Product time: the window ends now on the clock the deadlines run on. */
  clock: Clock;
  returnsShippedOnTime: ReturnsShippedOnTime;
}

/** What a scorecard is computed from. */
interface ScorecardFacts {
  inspections: FirstInspection[];
  /** Delivered trade-ins whose deadline passed with no inspection at all (an automatic approval, or still waiting). */
  missed: { tradeInId: string; dueAt: Date }[];
  counteroffers: { originalMinor: number; priceMinor: number; createdAt: Date }[];
  returns: { total: number; onTime: number };
}

async function loadFacts(deps: ScorecardDeps, refurbisherId: string, now: Date): Promise<ScorecardFacts> {
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  const inspections = await listFirstInspections(deps.db, refurbisherId, since, now);
  const deadlines = await listInspectionDeadlines(deps.db, refurbisherId, since, now);
  const inspected = await findInspectedTradeIns(deps.db, deadlines.map((d) => d.id));
  const missed = deadlines.filter((d) => !inspected.has(d.id)).map((d) => ({ tradeInId: d.id, dueAt: d.inspectionDueAt }));
  const counteroffers = await listCounteroffers(deps.db, refurbisherId, since, now);
  const returns = await deps.returnsShippedOnTime(deps.db, refurbisherId, since);
  return { inspections, missed, counteroffers, returns };
}

/** 404 for a refurbisher that does not exist. */
export async function getScorecard(deps: ScorecardDeps, refurbisherId: string): Promise<TScorecard> {
  const display = (await findRefurbisherDisplays(deps.db, [refurbisherId])).get(refurbisherId);
  if (!display) throw notFound('Refurbisher');
  const now = deps.clock.now();
  return { refurbisherId, refurbisherName: display.name, ...summarise(await loadFacts(deps, refurbisherId, now), now) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const onTime = (i: FirstInspection) => i.inspectedAt.getTime() <= i.dueAt.getTime();
const downgrade = (c: { originalMinor: number; priceMinor: number }) => (c.originalMinor - c.priceMinor) / c.originalMinor;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Monday 00:00 UTC of the week holding `t`. */
function weekStartOf(t: Date): Date {
  const day = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

function summarise(f: ScorecardFacts, now: Date): Omit<TScorecard, 'refurbisherId' | 'refurbisherName'> {
  const due = f.inspections.length + f.missed.length;
  const weekly: TScorecard['weekly'] = [];
  for (let w = weekStartOf(new Date(now.getTime() - WINDOW_DAYS * DAY_MS)); w.getTime() <= now.getTime(); w = new Date(w.getTime() + 7 * DAY_MS)) {
    const end = w.getTime() + 7 * DAY_MS;
    const within = (t: Date) => t.getTime() >= w.getTime() && t.getTime() < end;
    const inspected = f.inspections.filter((i) => within(i.inspectedAt));
    const missed = f.missed.filter((m) => within(m.dueAt)).length;
    weekly.push({
      weekStart: w.toISOString().slice(0, 10),
      inspections: inspected.length,
      onTimeShare: share(inspected.filter(onTime).length, inspected.length + missed),
      counterofferRate: share(inspected.filter((i) => i.counteroffered).length, inspected.length),
    });
  }
  const hours = median(f.inspections.map((i) => (i.inspectedAt.getTime() - i.deliveredAt.getTime()) / HOUR_MS));
  const meanDowngrade = share(f.counteroffers.reduce((sum, c) => sum + downgrade(c), 0), f.counteroffers.length);
  return {
    windowDays: WINDOW_DAYS,
    inspections: f.inspections.length,
    medianInspectionHours: hours === null ? null : round1(hours),
    onTimeShare: share(f.inspections.filter(onTime).length, due),
    counterofferRate: share(f.inspections.filter((i) => i.counteroffered).length, f.inspections.length),
    averageDowngradePercent: meanDowngrade === null ? null : round1(meanDowngrade * 100),
    returnsOnTimeShare: share(f.returns.onTime, f.returns.total),
    weekly,
  };
}

/**
 * The matching tie-break, 0–100 (docs/product.md §2: equal prices go to the better scorecard).
 *
 *   score = 100 × (0.50 × punctuality + 0.35 × fairness + 0.15 × returns)
 *
 * - punctuality: the share of devices inspected by their deadline (a missed one counts late);
 * - fairness: 1 − the price taken back per inspected device (the downgrades of its
 *   counteroffers spread over every device it inspected), where 20 % or more per device is 0 —
 *   so a refurbisher that counteroffers often *and* deep ranks below one that does it rarely;
 * - returns: the share of free returns shipped by their ship-by date.
 *
 * Each part starts from a neutral prior of 0.5 worth `PRIOR_WEIGHT` devices, so a refurbisher with
 * no history scores 50 and a few devices move it a little: one unlucky inspection cannot sink a
 * newcomer, and a newcomer cannot jump ahead of an established refurbisher on a single good week.
 * Punctuality weighs most because a late inspection holds the seller's money; returns least,
 * because they are rare and partly in the carrier's hands.
 */
const PRIOR_WEIGHT = 5;
const WORST_DOWNGRADE_PER_DEVICE = 0.2;
const shrunk = (value: number, n: number) => (value * n + 0.5 * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT);

function scoreOf(f: ScorecardFacts): number {
  const due = f.inspections.length + f.missed.length;
  const punctuality = shrunk(due === 0 ? 0.5 : f.inspections.filter(onTime).length / due, due);
  const devices = Math.max(f.inspections.length, f.counteroffers.length);
  const takenBack = devices === 0 ? 0 : f.counteroffers.reduce((sum, c) => sum + downgrade(c), 0) / devices;
  const fairness = shrunk(1 - Math.min(1, takenBack / WORST_DOWNGRADE_PER_DEVICE), devices);
  const returns = shrunk(f.returns.total === 0 ? 0.5 : f.returns.onTime / f.returns.total, f.returns.total);
  return Math.round(100 * (0.5 * punctuality + 0.35 * fairness + 0.15 * returns));
}

/** Every refurbisher's score from its scorecard now. */
export async function computeScores(deps: ScorecardDeps, refurbisherIds: readonly string[]): Promise<Map<string, number>> {
  const now = deps.clock.now();
  const scores = new Map<string, number>();
  for (const id of refurbisherIds) scores.set(id, scoreOf(await loadFacts(deps, id, now)));
  return scores;
}
