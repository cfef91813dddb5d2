import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { INDEX_NAMES, type IndexName } from '../../adapters/search/index.js';
import { indexSources } from './sources.js';

const BATCH = 1000;

const tables: Record<IndexName, string> = { offers: 'offers', immersion_slots: 'immersion_slots', youth: 'youth' };

export interface ReindexProgress {
  index: IndexName;
  phase: 'indexing' | 'cleaning';
  done: number;
  total: number;
}

/**
 * Rebuilds every index from Postgres: upserts the document of every row, then removes the
 * documents whose rows are gone. Searches keep answering during the rebuild.
 */
export async function reindex(
  deps: Pick<Deps, 'db' | 'search'>,
  options: { indexes?: readonly IndexName[]; onProgress?: (p: ReindexProgress) => void } = {},
) {
  const report: Record<string, { indexed: number; removed: number; seconds: number }> = {};
  await deps.search.setup();
  for (const index of options.indexes ?? INDEX_NAMES) {
    const started = performance.now();
    const [{ n: total } = { n: 0 }] = await deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(tables[index])}`,
    );
    const seen = new Set<string>();
    let indexed = 0;
    options.onProgress?.({ index, phase: 'indexing', done: 0, total });
    for await (const ids of indexSources[index].ids(deps.db, BATCH)) {
      const documents = await indexSources[index].load(deps.db, ids);
      if (documents.length > 0) await deps.search.upsert(index, documents as never);
      for (const d of documents) seen.add(d.id);
      indexed += documents.length;
      options.onProgress?.({ index, phase: 'indexing', done: indexed, total: Math.max(total, indexed) });
    }
    let removed = 0;
    for await (const ids of deps.search.ids(index, BATCH)) {
      const gone = ids.filter((id) => !seen.has(id));
      if (gone.length > 0) await deps.search.remove(index, gone);
      removed += gone.length;
    }
    options.onProgress?.({ index, phase: 'cleaning', done: removed, total: removed });
    report[index] = { indexed, removed, seconds: Math.round((performance.now() - started) / 10) / 100 };
  }
  return report;
}
