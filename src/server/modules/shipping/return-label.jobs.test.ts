import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { acceptWithLabel, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { ScriptedCarrier } from '../../../../test/faults.ts';
import { transition } from '../trade-ins/index.ts';
import { returnShipmentOf } from './index.ts';

const carrier = new ScriptedCarrier();
// Two retries after the first attempt, at once (production waits 30 s, doubling).
const ctx = useTestApp({ carrier, carrierRetry: { retryLimit: 2, retryDelaySeconds: 0 } });

/** A delivered trade-in refused, with its free return requested in that transaction. */
async function refused() {
  const seller = await readySeller(ctx);
  const accepted = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
  for (const type of ['picked_up', 'delivered']) {
    expect((await postCarrierEvent(ctx.app, carrierEventBody(accepted.shipping!.trackingNumber, type, ctx.clock.now()))).json()).toEqual({ outcome: 'applied' });
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await transition(trx, accepted.id, { event: 'refuse', now: ctx.clock.now() });
    await ctx.runtime.shipping.forInspection.requestReturn(trx, accepted.id, 'refused');
  });
  return accepted.id;
}

const flagsFor = (tradeInId: string) =>
  ctx.database.db.selectFrom('operator_flags').select(['kind', 'dedupe_key', 'details']).where('trade_in_id', '=', tradeInId).where('kind', '=', 'label_issue_failed').execute();

describe('the return label is a job', () => {
  it('a carrier that fails twice, then answers: retried, and the return label issued', async () => {
    const id = await refused();
    carrier.failIssues = 2;
    const before = carrier.issueCalls;
    const ran = await ctx.runtime.jobs.runDue();
    expect(carrier.issueCalls - before).toBe(3);
    expect(ran.failed).toBe(2);
    expect((await returnShipmentOf(ctx.database.db, id))!.trackingNumber).toMatch(/^1Z/);
    expect(await flagsFor(id)).toEqual([]);
  });

  it('a carrier that keeps failing: flagged for an operator once, under the return label (the inbound one is fine)', async () => {
    const id = await refused();
    carrier.failIssues = 100;
    const before = carrier.issueCalls;
    await ctx.runtime.jobs.runDue();
    carrier.failIssues = 0;
    expect(carrier.issueCalls - before).toBe(3);
    const flags = await flagsFor(id);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'label_issue_failed', dedupe_key: `label_issue_failed:return:${id}`, details: { attempts: 3 } });
    const view = await returnShipmentOf(ctx.database.db, id);
    expect(view).toMatchObject({ trackingNumber: null, labelUrl: null });
  });
});
