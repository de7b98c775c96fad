import type { Mailer } from '../src/server/platform/mail/index.ts';
import { BuiltInCarrier, type Carrier, type IssuedLabel } from '../src/server/modules/shipping/index.ts';

/** Faults a test plays on the app's outside collaborators (a carrier, a mailer), with the real thing behind them. */

/**
 * A carrier driven by the test: it can fail its next calls (as an API answering 503 would) or
 * hold an issue call until released (a slow API), and records what it was asked.
 */
export class ScriptedCarrier implements Carrier {
  readonly name = 'ups';
  readonly #real = new BuiltInCarrier();
  issueCalls = 0;
  failIssues = 0;
  failVoids = 0;
  voided: string[] = [];
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;
  #entered: (() => void) | undefined;

  /** The next issue call waits for `release()`; the returned promise resolves once it has started. */
  hold(): Promise<void> {
    this.#gate = new Promise((resolve) => (this.#release = resolve));
    return new Promise((resolve) => (this.#entered = resolve));
  }
  release(): void {
    this.#release?.();
    this.#gate = undefined;
  }
  async issueLabel(): Promise<IssuedLabel> {
    this.issueCalls++;
    if (this.#gate) {
      this.#entered?.();
      await this.#gate;
    }
    if (this.failIssues > 0) {
      this.failIssues--;
      throw new Error('carrier answered 503 Service Unavailable');
    }
    return this.#real.issueLabel();
  }
  async voidLabel(trackingNumber: string): Promise<void> {
    if (this.failVoids > 0) {
      this.failVoids--;
      throw new Error('carrier answered 503 Service Unavailable');
    }
    this.voided.push(trackingNumber);
  }
}

/**
 * A real mailer behind a switch that plays a template bug: while `leak.value` is set, every
 * message's text also carries that value, as a template that printed it would.
 */
export function leakyMailer(real: Mailer): { mailer: Mailer; leak: { value: string | null } } {
  const leak: { value: string | null } = { value: null };
  const mailer: Mailer = { ...real, send: (mail) => real.send(leak.value ? { ...mail, text: `${mail.text}\nPaid to account ${leak.value}` } : mail) };
  return { mailer, leak };
}
