import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { findVariants } from './catalog.repository.ts';
import { VariantCache } from './variant-cache.ts';

/** The batch lookups other modules' pages use (trade-in pages, the quote page): one answer per id, unknown ids absent. */
describe('variants for a batch of ids', () => {
  let database: Database;
  let ids: string[];
  beforeAll(async () => {
    database = await createTestDatabase();
    ids = (await database.db.selectFrom('variants').select('id').orderBy('id').limit(2).execute()).map((r) => r.id);
  });
  afterAll(() => database.close());

  it('findVariants answers each known id once, with its model', async () => {
    const found = await findVariants(database.db, [ids[0]!, ids[1]!, ids[0]!, 'var_unknown']);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    const model = await database.db.selectFrom('variants as v').innerJoin('models as m', 'm.id', 'v.model_id').select(['m.name', 'v.label']).where('v.id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(found.get(ids[0]!)).toMatchObject({ label: model.label, modelName: model.name });
    expect(await findVariants(database.db, [])).toEqual(new Map());
  });

  it('the cache answers from memory, and asks the database for a variant added after it loaded', async () => {
    const cache = new VariantCache(database.db);
    expect([...(await cache.getMany(ids)).keys()].sort()).toEqual([...ids].sort());
    const model = await database.db.selectFrom('variants').select('model_id').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    await database.db
      .insertInto('variants')
      .values({ id: 'var_added_later', model_id: model.model_id, label: 'Added later', attributes: JSON.stringify({}), sort: 999 })
      .execute();
    const found = await cache.getMany([ids[0]!, 'var_added_later', 'var_unknown']);
    expect([...found.keys()].sort()).toEqual([ids[0]!, 'var_added_later'].sort());
    expect(found.get('var_added_later')?.label).toBe('Added later');
  });
});
