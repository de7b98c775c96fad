import type { Db, Executor } from './database.ts';

/**
 * Walks a table in keyset pages, each page one transaction (its rows locked by `select`), so a
 * long job (re-wrapping every protected value under a new key) never holds the whole table and
 * the API keeps running beside it. `select(trx, after)` returns up to `batchSize` rows whose key
 * (`keyOf`) sorts after `after`; returns how many rows were visited.
 */
export async function inBatches<R>(
  db: Db,
  batchSize: number,
  keyOf: (row: R) => string,
  select: (trx: Executor, after: string) => Promise<R[]>,
  each: (trx: Executor, row: R) => Promise<void>,
): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await db.transaction().execute(async (trx) => {
      const batch = await select(trx, after);
      for (const row of batch) await each(trx, row);
      return batch;
    });
    total += rows.length;
    if (rows.length < batchSize) return total;
    after = keyOf(rows[rows.length - 1]!);
  }
}
