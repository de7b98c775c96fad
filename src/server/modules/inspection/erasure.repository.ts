import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ErasureCertificatesTable } from './inspection.tables.ts';

export async function insertErasureCertificate(db: Executor, row: Insertable<ErasureCertificatesTable>): Promise<void> {
  await db.insertInto('erasure_certificates').values(row).execute();
}

function certificates(db: Executor) {
  return db
    .selectFrom('erasure_certificates')
    .select([
      'trade_in_id',
      'code',
      'method',
      'tool',
      'erased_by_name',
      'refurbisher_name',
      'model_name',
      'variant_label',
      'identity_kind',
      'identity_value',
      'created_at',
      // The calendar date as written: a JS Date of a `date` would shift with the process's time zone.
      sql<string>`to_char(erased_on, 'YYYY-MM-DD')`.as('erased_on'),
    ]);
}

export async function findErasureCertificate(db: Executor, tradeInId: string) {
  return certificates(db).where('trade_in_id', '=', tradeInId).executeTakeFirst();
}

export async function findErasureCertificateByCode(db: Executor, code: string) {
  return certificates(db).where('code', '=', code).executeTakeFirst();
}

export type ErasureCertificateRow = NonNullable<Awaited<ReturnType<typeof findErasureCertificate>>>;

export async function erasureCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('erasure_certificates').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** What the inspector read on the device at the latest inspection, if they read anything. */
export async function latestInspectedIdentity(db: Executor, tradeInId: string) {
  return db
    .selectFrom('inspections')
    .select(['identity_kind', 'identity_value'])
    .where('trade_in_id', '=', tradeInId)
    .where('identity_value', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
