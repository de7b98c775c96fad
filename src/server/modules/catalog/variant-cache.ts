import type { Db } from '../../platform/db/database.ts';
import { findVariant, findVariants, variantInfoQuery, type VariantInfo } from './catalog.repository.ts';

/**
 * The quote path reads a variant on every request; the catalogue changes a few times a year.
 * Variants are kept in memory and re-read after `maxAgeMs` (so a change made by another
 * process shows up), and a miss asks the database before saying "unknown variant".
 */
export class VariantCache {
  #byId = new Map<string, VariantInfo>();
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;
  readonly #db: Db;
  readonly #maxAgeMs: number;

  constructor(db: Db, opts: { maxAgeMs?: number } = {}) {
    this.#db = db;
    this.#maxAgeMs = opts.maxAgeMs ?? 60_000;
  }

  async get(id: string): Promise<VariantInfo | undefined> {
    if (performance.now() - this.#loadedAt > this.#maxAgeMs) await this.#reload();
    const hit = this.#byId.get(id);
    if (hit) return hit;
    const row = await findVariant(this.#db, id);
    if (row) this.#byId.set(id, row);
    return row;
  }

  /** A batch of variants: from memory, and the misses in one query. Unknown ids are absent. */
  async getMany(ids: readonly string[]): Promise<Map<string, VariantInfo>> {
    if (performance.now() - this.#loadedAt > this.#maxAgeMs) await this.#reload();
    const found = new Map<string, VariantInfo>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.#byId.get(id);
      if (hit) found.set(id, hit);
      else missing.push(id);
    }
    for (const [id, row] of await findVariants(this.#db, missing)) {
      this.#byId.set(id, row);
      found.set(id, row);
    }
    return found;
  }

  invalidate(): void {
    this.#loadedAt = -Infinity;
  }

  #reload(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const rows = await variantInfoQuery(this.#db).execute();
        this.#byId = new Map(rows.map((r) => [r.id, r]));
        this.#loadedAt = performance.now();
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }
}
