import type { DbOrTx } from '../../../db/client.js';
import type { DocumentOf, IndexName } from '../../adapters/search/index.js';
import { allSlotIds, loadImmersionSlotDocuments } from '../immersion-slots/slot-documents.js';
import { allOfferIds, loadOfferDocuments } from '../offers/offer-documents.js';
import { loadYouthDocuments, youthIdBatches } from '../youth/youth-documents.js';

/** Where each index's documents come from: the rows of Postgres, projected. */
export interface IndexSource<I extends IndexName> {
  /** Documents of these ids; an id whose row is gone is absent from the result. */
  load(db: DbOrTx, ids: readonly string[]): Promise<DocumentOf[I][]>;
  /** Every id of the source, in batches. */
  ids(db: DbOrTx, batchSize: number): AsyncIterable<string[]>;
}

export const indexSources: { [I in IndexName]: IndexSource<I> } = {
  offers: { load: loadOfferDocuments, ids: allOfferIds },
  immersion_slots: { load: loadImmersionSlotDocuments, ids: allSlotIds },
  youth: { load: loadYouthDocuments, ids: youthIdBatches },
};

/**
 * Brings the index in line with the rows of these ids: upserts those that exist, removes the
 * others. It reads the current state, so applying it twice, or late, or out of order, still
 * ends with the index matching the database.
 */
export async function syncDocuments<I extends IndexName>(
  deps: { db: DbOrTx; search: { upsert(index: I, docs: readonly DocumentOf[I][]): Promise<void>; remove(index: I, ids: readonly string[]): Promise<void> } },
  index: I,
  ids: readonly string[],
): Promise<{ upserted: number; removed: number }> {
  const documents = await indexSources[index].load(deps.db, ids);
  const found = new Set(documents.map((d) => d.id));
  const gone = ids.filter((id) => !found.has(id));
  if (documents.length > 0) await deps.search.upsert(index, documents);
  if (gone.length > 0) await deps.search.remove(index, gone);
  return { upserted: documents.length, removed: gone.length };
}
