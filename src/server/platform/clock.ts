/**
 * Where "now" comes from. There are two kinds of time, and each use of time picks one on purpose:
 *
 * - **Product time** (`productClock`): the business's deadlines and dates — ship-by, reminders,
 *   offer and shipping-window expiry, inspection deadlines, timeline entries, e-mail dates.
 *   In demo mode `POST /api/dev/clock` moves it forward, so a week of the journey can be walked
 *   in a minute; tests freeze and move it.
 * - **Security time** (`securityClock`): session age and refresh, sign-in throttles, webhook
 *   freshness, key and token expiry. Always the real clock, in every mode: moving the demo
 *   clock must never end a session, lift a throttle or accept a stale signature. (better-auth
 *   keeps its own session and rate-limit times on the real clock too; ours must agree with it.)
 *
 * Both are injected, under those names, so the choice is visible where time is read.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. The only security clock outside tests. */
export const realClock: Clock = { now: () => new Date() };

export class AdjustableClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;
  constructor(opts: { frozenAt?: Date; offsetMs?: number } = {}) {
    this.#frozenAt = opts.frozenAt?.getTime();
    this.#offsetMs = opts.offsetMs ?? 0;
  }
  /** How far ahead of its base (the system clock, or the frozen instant) this clock runs. */
  get offsetMs(): number {
    return this.#offsetMs;
  }
  now(): Date {
    const base = this.#frozenAt ?? Date.now();
    return new Date(base + this.#offsetMs);
  }
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.#offsetMs += ms;
    return this.now();
  }
  /**
   * Catches up with an offset another process (or the database) already has. Never moves back:
   * offsets only grow, so an older value arriving late changes nothing.
   */
  catchUp(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.#offsetMs) this.#offsetMs = offsetMs;
  }
  set(to: Date): void {
    this.#frozenAt = to.getTime();
    this.#offsetMs = 0;
  }
  /** Back to the system clock with no offset (tests that played a window out). */
  reset(): void {
    this.#frozenAt = undefined;
    this.#offsetMs = 0;
  }
}
