import type { Config } from '../../config.js';
import type { Sql } from '../../../db/client.js';
import type { SearchEngine } from './engine.js';
import { createMeilisearchEngine, romeSynonyms, type RomeTitles } from './meilisearch-engine.js';
import { createPostgresSearchEngine } from './postgres-engine.js';

export type * from './engine.js';
export type * from './documents.js';
export { INDEX_NAMES } from './documents.js';
export { MAX_LIMIT, MAX_TOTAL_HITS } from './engine.js';
export { MAX_QUERY_WORDS } from './fields.js';

/** Meilisearch when MEILI_URL is set, otherwise the PostgreSQL engine over the app's database. */
export function createSearchEngine(
  config: Pick<Config, 'MEILI_URL' | 'MEILI_MASTER_KEY'>,
  sql: Sql,
  options: { indexPrefix?: string } = {},
): SearchEngine {
  if (config.MEILI_URL) {
    return createMeilisearchEngine({
      host: config.MEILI_URL,
      apiKey: config.MEILI_MASTER_KEY,
      indexPrefix: options.indexPrefix,
      synonyms: () => loadRomeSynonyms(sql),
    });
  }
  return createPostgresSearchEngine(sql, { synonyms: () => loadRomeSynonyms(sql) });
}

/** Synonyms built from the ROME reference tables (job titles in current use). */
export async function loadRomeSynonyms(sql: Sql): Promise<Record<string, string[]>> {
  const rows = await sql<RomeTitles[]>`
    select c.code, c.label,
           coalesce(array_agg(a.label order by a.label) filter (where a.ogr is not null and not a.rarely_used), '{}') as titles
    from rome_codes c left join rome_appellations a on a.rome_code = c.code
    group by c.code, c.label`;
  return romeSynonyms(rows);
}
