import { sql, type Kysely } from 'kysely';

/**
 * Carrier events are stored first and decided after: `outcome` is 'pending' until the decision
 * commits (`decided_at`), so an event whose decision failed or was cut short by a crash is
 * found again and decided by a job. A scan that arrives for a cancelled or expired trade-in is
 * not refused: it is flagged for an operator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table carrier_events add column decided_at timestamptz;
    update carrier_events set decided_at = received_at;
    create index carrier_events_pending_idx on carrier_events (received_at) where decided_at is null;
    create index carrier_events_trade_in_idx on carrier_events (trade_in_id, occurred_at) where trade_in_id is not null;

    create table carrier_event_flags (
      id bigint generated always as identity primary key,
      -- one flag per event: deciding an event twice (request and job) cannot flag it twice
      event_id text not null unique references carrier_events(event_id),
      trade_in_id text not null references trade_ins(id),
      reason text not null check (reason in ('scan_after_cancel', 'scan_after_expiry')),
      trade_in_status text not null,
      status text not null default 'open' check (status in ('open', 'cleared')),
      created_at timestamptz not null
    );
    create index carrier_event_flags_status_idx on carrier_event_flags (status, created_at desc, id desc);
  `.execute(db);
}
