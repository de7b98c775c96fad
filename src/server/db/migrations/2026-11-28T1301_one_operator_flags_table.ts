import { sql, type Kysely } from 'kysely';

/**
 * One table for everything an operator must look at. Before, there were three: `review_flags`
 * (accounts: a shared bank account, a blocked e-mail), `carrier_event_flags` (shipping: a scan
 * that lost to a cancel or an expiry) and `operator_flags` (a carrier that kept failing). Their
 * rows move here, and the old tables go.
 *
 * - `kind` is checked here, so a flag of an unknown kind cannot be stored.
 * - `dedupe_key` names the incident, unique: raising the same incident twice is one flag.
 * - `trade_in_id` and `user_ids` say what the flag concerns. No foreign key: the platform names
 *   the subjects of every module, and a flag must outlive what it points at.
 * - Open while `cleared_at` is null; a cleared flag always says who cleared it and why.
 * - A moved row keeps where it came from in `details.migratedFrom` (`carrier_event_flags:12`):
 *   the audit log still names the old ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table operator_flags rename to legacy_operator_flags;
    alter index operator_flags_pkey rename to legacy_operator_flags_pkey;
    alter sequence operator_flags_id_seq rename to legacy_operator_flags_id_seq;
    drop index operator_flags_open_idx;
    drop index operator_flags_created_idx;

    create table operator_flags (
      id bigint generated always as identity primary key,
      kind text not null check (kind in (
        'shared_bank_account', 'blocked_mail', 'scan_after_cancel', 'scan_after_expiry', 'label_issue_failed', 'label_void_failed'
      )),
      dedupe_key text not null unique,
      trade_in_id text,
      user_ids jsonb not null default '[]' check (jsonb_typeof(user_ids) = 'array'),
      details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      -- a user id, kept as text like the audit log's actor: the record outlives the account
      cleared_by text,
      cleared_at timestamptz,
      cleared_note text,
      constraint operator_flags_cleared_check
        check ((cleared_at is null) = (cleared_by is null) and (cleared_at is null) = (cleared_note is null))
    );
    -- The list: open first, newest first.
    create index operator_flags_list_idx on operator_flags ((cleared_at is not null), id desc);
    create index operator_flags_trade_in_idx on operator_flags (trade_in_id, kind) where trade_in_id is not null;
  `.execute(db);

  // Every old row, oldest first, so the new ids keep their order.
  await sql`
    insert into operator_flags (kind, dedupe_key, trade_in_id, user_ids, details, created_at, updated_at, cleared_by, cleared_at, cleared_note)
    select kind, dedupe_key, trade_in_id, user_ids, details, created_at, updated_at, cleared_by, cleared_at, cleared_note
    from (
      select
        replace(o.kind, 'shipping.', '') as kind,
        -- two rows of one (kind, subject) could exist (a cleared one and a newer open one): the older keeps its id in its key
        replace(o.kind, 'shipping.', '') || ':' || o.subject
          || case when row_number() over (partition by o.kind, o.subject order by o.id desc) > 1 then '#' || o.id else '' end as dedupe_key,
        case when o.detail ? 'surplus' then null else o.subject end as trade_in_id,
        '[]'::jsonb as user_ids,
        o.detail
          || case when o.detail ? 'surplus' then jsonb_build_object('trackingNumber', o.subject) else '{}'::jsonb end
          || jsonb_build_object('migratedFrom', 'operator_flags:' || o.id) as details,
        o.created_at, o.updated_at,
        case when o.status = 'cleared' then 'unknown' end as cleared_by,
        case when o.status = 'cleared' then o.updated_at end as cleared_at,
        case when o.status = 'cleared' then 'Cleared before flags had notes' end as cleared_note,
        'operator_flags' as source, o.id as source_id
      from legacy_operator_flags o

      union all
      select
        r.kind,
        r.kind || ':' || r.subject,
        case when r.kind = 'blocked_mail' and r.subject like 'trade-in:%' then split_part(r.subject, ':', 2) end,
        r.user_ids,
        case when r.kind = 'blocked_mail' then jsonb_build_object('mailKey', r.subject) else '{}'::jsonb end
          || jsonb_build_object('migratedFrom', 'review_flags:' || r.id),
        r.created_at, r.updated_at,
        case when r.status = 'cleared' then 'unknown' end,
        case when r.status = 'cleared' then r.updated_at end,
        case when r.status = 'cleared' then 'Cleared before flags had notes' end,
        'review_flags', r.id
      from review_flags r

      union all
      select
        f.reason,
        'carrier_event:' || f.event_id,
        f.trade_in_id,
        '[]'::jsonb,
        jsonb_build_object(
          'eventId', f.event_id,
          'eventType', e.type,
          'trackingNumber', e.tracking_number,
          'occurredAt', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'tradeInStatus', f.trade_in_status,
          'migratedFrom', 'carrier_event_flags:' || f.id
        ),
        f.created_at, f.created_at,
        f.cleared_by, f.cleared_at, f.cleared_note,
        'carrier_event_flags', f.id
      from carrier_event_flags f
      join carrier_events e on e.event_id = f.event_id
    ) moved
    order by created_at, source, source_id
  `.execute(db);

  await sql`
    drop table legacy_operator_flags;
    drop table review_flags;
    drop table carrier_event_flags;
  `.execute(db);
}
