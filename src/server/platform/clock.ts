/**
 * The one source of "now" for domain code. Production uses the system clock; demo mode and
 * tests use a clock that can be moved forward (deadlines are tested by moving it, not by waiting).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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
  set(to: Date): void {
    this.#frozenAt = to.getTime();
    this.#offsetMs = 0;
  }
}
