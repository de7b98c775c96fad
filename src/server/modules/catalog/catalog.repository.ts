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

/**
 * Every word of the query must match the model's text: as a substring ("13", "air"), or, for a
 * misspelt name of 4 letters or more, as a word close enough by trigrams (pg_trgm's
 * word_similarity ≥ 0.4: "ipone" → iphone, "galxy" → galaxy). Numbers and model codes ("13",
 * "s23") must match as typed: a near miss there is another device. The closest matches come
 * first, then the newest models. The catalogue is a few hundred rows, so no index is needed
 * for the similarity; the trigram index serves the substring matches.
 */
const FUZZY_WORD = /^[a-z]{4,}$/;
const MIN_WORD_SIMILARITY = 0.4;

export async function searchModels(db: Executor, filter: { category?: string | undefined; q?: string | undefined; limit: number }) {
  const words = searchText(filter.q ?? '').split(' ').filter(Boolean).slice(0, 8);
  let query = db.selectFrom('models').select(['id', 'category_id as categoryId', 'brand', 'name', 'release_year as releaseYear']);
  if (filter.category) query = query.where('category_id', '=', filter.category);
  for (const word of words) {
    query = FUZZY_WORD.test(word)
      ? query.where((eb) => eb.or([eb('search_text', 'like', `%${word}%`), sql<boolean>`word_similarity(${word}, search_text) >= ${MIN_WORD_SIMILARITY}`]))
      : query.where('search_text', 'like', `%${word}%`);
  }
  if (words.length) {
    // An exact word scores 1; a near miss less: the models matching as typed rank first.
    const relevance = sql.join(words.map((w) => sql`case when search_text like ${`%${w}%`} then 1 else word_similarity(${w}, search_text) end`), sql` + `);
    query = query.orderBy(sql`${relevance}`, 'desc');
  }
  return query.orderBy('release_year', 'desc').orderBy('brand').orderBy('name').limit(filter.limit).execute();
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
