import type { Json } from '../../platform/db/column-types.ts';

/** The catalogue's tables, as Kysely sees them (joined into DB in db/schema.ts). */

export interface CategoriesTable {
  id: string;
  name: string;
  icon: string;
  sort: number;
}

export interface ModelsTable {
  id: string;
  category_id: string;
  brand: string;
  name: string;
  release_year: number;
  mandatory_accessories: Json<string[]>;
  search_text: string;
}

export interface VariantsTable {
  id: string;
  model_id: string;
  label: string;
  attributes: Json<Record<string, string>>;
  sort: number;
}

export interface CatalogTables {
  categories: CategoriesTable;
  models: ModelsTable;
  variants: VariantsTable;
}
