import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { CATALOG_MODELS, CATEGORIES, expandVariants } from './data/index.ts';

export const modelId = (slug: string) => `mdl_${slug}`;
export const variantId = (slug: string) => `var_${slug}`;

/**
 * Brings the built-in catalogue into the database: inserts what is new and updates what changed.
 * Runs at every start (it is product data, not demo data), so it must be idempotent and quick.
 */
export async function syncBuiltInCatalog(db: Executor): Promise<{ models: number; variants: number }> {
  await db
    .insertInto('categories')
    .values(CATEGORIES.map((c) => ({ id: c.id, name: c.name, icon: c.icon, sort: c.sort })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name: sql`excluded.name`, icon: sql`excluded.icon`, sort: sql`excluded.sort` }),
    )
    .execute();

  const models = CATALOG_MODELS.map((m) => ({
    id: modelId(m.slug),
    category_id: m.category,
    brand: m.brand,
    name: m.name,
    release_year: m.releaseYear,
    mandatory_accessories: JSON.stringify(m.mandatoryAccessories),
    search_text: searchText(`${m.brand} ${m.name} ${m.releaseYear} ${aliasesOf(m.name)}`),
  }));
  await db
    .insertInto('models')
    .values(models)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        category_id: sql`excluded.category_id`,
        brand: sql`excluded.brand`,
        name: sql`excluded.name`,
        release_year: sql`excluded.release_year`,
        mandatory_accessories: sql`excluded.mandatory_accessories`,
        search_text: sql`excluded.search_text`,
      }),
    )
    .execute();

  const variants = CATALOG_MODELS.flatMap((m) =>
    expandVariants(m).map((v, i) => ({
      id: variantId(v.slug),
      model_id: modelId(m.slug),
      label: v.label,
      attributes: JSON.stringify(v.attributes),
      sort: i,
    })),
  );
  for (let i = 0; i < variants.length; i += 500) {
    await db
      .insertInto('variants')
      .values(variants.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          model_id: sql`excluded.model_id`,
          label: sql`excluded.label`,
          attributes: sql`excluded.attributes`,
          sort: sql`excluded.sort`,
        }),
      )
      .execute();
  }
  return { models: models.length, variants: variants.length };
}

// What people type that the official name does not contain.
const ALIASES: [RegExp, string][] = [
  [/PlayStation (\d)/i, 'ps$1'],
  [/Galaxy (S|Z|A)/i, 'samsung'],
  [/MacBook/i, 'mac apple laptop'],
  [/Apple Watch/i, 'iwatch'],
  [/Series X/i, 'xsx'],
  [/Switch/i, 'nintendo'],
];
function aliasesOf(name: string): string {
  return ALIASES.flatMap(([re, alias]) => {
    const m = re.exec(name);
    return m ? [m[0].replace(re, alias)] : [];
  }).join(' ');
}

/** Lower-case, accents and punctuation folded, so "galaxy s24" finds "Galaxy S24+". */
export function searchText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
