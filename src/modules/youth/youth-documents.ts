import { asc, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { romeCodes, youth } from '../../../db/schema/index.js';
import { toYouthDocument, type YouthDocument } from '../../adapters/search/documents.js';
import { communeOfYouth, toYouthProfile } from './youth-record.js';

/**
 * Search documents of the given youth, in one query (commune centre and ROME labels joined).
 * Ids not found are absent from the result: the indexer removes them from the index. So is a
 * youth whose commune is no longer in the reference data (no centre to place them at).
 */
export async function loadYouthDocuments(db: DbOrTx, ids: readonly string[]): Promise<YouthDocument[]> {
  if (ids.length === 0) return [];
  const commune = communeOfYouth(db);
  const rows = await db
    .select({
      ...getTableColumns(youth),
      lat: commune.lat,
      lng: commune.lng,
      romeLabels: sql<Record<string, string>>`(
        select coalesce(jsonb_object_agg(${romeCodes.code}, ${romeCodes.label}), '{}'::jsonb)
        from ${romeCodes} where ${romeCodes.code} = any(${youth.targetRomeCodes}))`,
    })
    .from(youth)
    .leftJoinLateral(commune, sql`true`)
    .where(inArray(youth.id, [...new Set(ids)]));
  return rows.flatMap((row) =>
    row.lat === null || row.lng === null
      ? []
      : [
          toYouthDocument(toYouthProfile(row), {
            structureId: row.structureId,
            location: { lat: row.lat, lng: row.lng },
            romeLabels: row.romeLabels,
            updatedAt: row.updatedAt.toISOString(),
          }),
        ],
  );
}

/** Every youth id, in batches ordered by id (keyset paging: stable while rows come and go). */
export async function* youthIdBatches(db: DbOrTx, batchSize = 500): AsyncIterable<string[]> {
  let after: string | null = null;
  for (;;) {
    const rows: { id: string }[] = await db
      .select({ id: youth.id })
      .from(youth)
      .where(after === null ? undefined : gt(youth.id, after))
      .orderBy(asc(youth.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
