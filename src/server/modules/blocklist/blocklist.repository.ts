import type { Executor } from '../../platform/db/database.ts';

export async function findBlocklisted(db: Executor, imei: string): Promise<{ reason: string } | null> {
  const row = await db.selectFrom('device_blocklist').select('reason').where('imei', '=', imei).executeTakeFirst();
  return row ?? null;
}

/** False when the IMEI is already on the list (nothing changes). */
export async function insertBlocklisted(db: Executor, row: { imei: string; reason: string; addedBy: string; at: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto('device_blocklist')
    .values({ imei: row.imei, reason: row.reason, added_by: row.addedBy, created_at: row.at })
    .onConflict((oc) => oc.column('imei').doNothing())
    .returning('imei')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteBlocklisted(db: Executor, imei: string): Promise<{ reason: string } | undefined> {
  return db.deleteFrom('device_blocklist').where('imei', '=', imei).returning('reason').executeTakeFirst();
}

export async function listBlocklisted(db: Executor, page: { limit: number | null; offset: number }) {
  let q = db
    .selectFrom('device_blocklist')
    .select(['imei', 'reason', 'added_by as addedBy', 'created_at as createdAt'])
    .orderBy('created_at', 'desc')
    .orderBy('imei', 'desc');
  // `limit: null`: the whole list (the CSV export).
  if (page.limit !== null) q = q.limit(page.limit).offset(page.offset);
  const entries = await q.execute();
  const { n } = await db.selectFrom('device_blocklist').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { entries, total: Number(n) };
}
