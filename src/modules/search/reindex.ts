import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { INDEX_NAMES, type IndexName } from '../../adapters/search/index.js';
import { indexSources, syncDocuments } from './sources.js';

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
 * documents whose rows are gone. Searches keep answering during the rebuild. Memory holds a
 * batch of documents and the stale ids found, never every id of an index.
 */
export async function reindex(
  deps: Pick<Deps, 'db' | 'search'>,
  options: { indexes?: readonly IndexName[]; onProgress?: (p: ReindexProgress) => void } = {},
) {
  const report: Record<string, { indexed: number; removed: number; seconds: number }> = {};
  await deps.search.setup();
  for (const index of options.indexes ?? INDEX_NAMES) {
    const started = performance.now();
    const since = new Date();
    const [{ n: total } = { n: 0 }] = await deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(tables[index])}`,
    );
    let indexed = 0;
    options.onProgress?.({ index, phase: 'indexing', done: 0, total });
    for await (const ids of indexSources[index].ids(deps.db, BATCH)) {
      const documents = await indexSources[index].load(deps.db, ids);
      if (documents.length > 0) await deps.search.upsert(index, documents as never);
      indexed += documents.length;
      options.onProgress?.({ index, phase: 'indexing', done: indexed, total: Math.max(total, indexed) });
    }
    // The live worker keeps indexing meanwhile: a row written during the pass may have been
    // overwritten by the older version this pass loaded, so those rows are read once more.
    const changed = await deps.db.execute<{ id: string }>(
      sql`select id from ${sql.identifier(tables[index])} where updated_at >= ${since.toISOString()}`,
    );
    if (changed.length > 0) await syncDocuments(deps, index, changed.map((r) => r.id));

    // Stale ids (no row any more) are all listed before anything is removed (removing while
    // paging would skip some), and each is checked against its row again when removed: one
    // created since stays.
    const candidates: string[] = [];
    for await (const ids of deps.search.ids(index, BATCH)) {
      const rows = await deps.db.execute<{ id: string }>(
        sql`select id from ${sql.identifier(tables[index])} where id = any(${`{${ids.join(',')}}`}::uuid[])`,
      );
      const found = new Set(rows.map((r) => r.id));
      candidates.push(...ids.filter((id) => !found.has(id)));
    }
    let removed = 0;
    for (let i = 0; i < candidates.length; i += BATCH) {
      removed += (await syncDocuments(deps, index, candidates.slice(i, i + BATCH))).removed;
      options.onProgress?.({ index, phase: 'cleaning', done: removed, total: candidates.length });
    }
    options.onProgress?.({ index, phase: 'cleaning', done: removed, total: removed });
    report[index] = { indexed, removed, seconds: Math.round((performance.now() - started) / 10) / 100 };
  }
  return report;
}
