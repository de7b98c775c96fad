import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { searchText } from './catalog.sync.ts';

export async function listCategories(db: Executor) {
  return db
    .selectFrom('categories as c')
    .leftJoin('models as m', 'm.category_id', 'c.id')
    .select(['c.id', 'c.name', 'c.icon', sql<number>`count(m.id)::int`.as('modelCount')])
    .groupBy(['c.id', 'c.name', 'c.icon', 'c.sort'])
    .orderBy('c.sort')
    .execute();
}

export async function searchModels(db: Executor, filter: { category?: string | undefined; q?: string | undefined; limit: number }) {
  let query = db
    .selectFrom('models')
    .select(['id', 'category_id as categoryId', 'brand', 'name', 'release_year as releaseYear'])
    .orderBy('release_year', 'desc')
    .orderBy('brand')
    .orderBy('name')
    .limit(filter.limit);
  if (filter.category) query = query.where('category_id', '=', filter.category);
  // Every word must appear somewhere in the model's text; words are matched as prefixes-or-infixes.
  for (const word of searchText(filter.q ?? '').split(' ').filter(Boolean).slice(0, 8)) {
    query = query.where('search_text', 'like', `%${word}%`);
  }
  return query.execute();
}

export async function findModel(db: Executor, id: string) {
  return db
    .selectFrom('models')
    .select(['id', 'category_id as categoryId', 'brand', 'name', 'release_year as releaseYear', 'mandatory_accessories as mandatoryAccessories'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listVariants(db: Executor, modelId: string) {
  return db
    .selectFrom('variants')
    .select(['id', 'label', 'attributes'])
    .where('model_id', '=', modelId)
    .orderBy('sort')
    .execute();
}

/** Variants with what a quote needs to know about their model. */
export function variantInfoQuery(db: Executor) {
  return db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select([
      'v.id',
      'v.label',
      'v.model_id as modelId',
      'm.name as modelName',
      'm.brand',
      'm.category_id as categoryId',
      'm.mandatory_accessories as mandatoryAccessories',
    ]);
}

export async function findVariant(db: Executor, id: string) {
  return variantInfoQuery(db).where('v.id', '=', id).executeTakeFirst();
}

export type VariantInfo = NonNullable<Awaited<ReturnType<typeof findVariant>>>;

/** The variants of a batch of ids, with their model (one query, however many ids; unknown ids are absent). */
export async function findVariants(db: Executor, ids: readonly string[]): Promise<Map<string, VariantInfo>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await variantInfoQuery(db).where('v.id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * What another module may keep about variants to list, filter and sort its own rows by the
 * catalogue (the wishlist keeps a copy; catalogue tables are read only here). All variants
 * when `ids` is omitted.
 */
export async function describeVariants(db: Executor, ids?: readonly string[]) {
  let query = db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select(['v.id', 'v.model_id as modelId', 'm.category_id as categoryId', 'm.brand', 'm.name as modelName', 'v.label', 'v.sort', 'm.search_text as searchText']);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('v.id', '=', sql<string>`any(${[...new Set(ids)]}::text[])`);
  }
  return query.execute();
}
