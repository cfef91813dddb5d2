import { asc, eq, gt, inArray } from 'drizzle-orm';
import { immersionSlots, romeAppellations, romeCodes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { ImmersionSlotDocument } from '../../adapters/search/documents.js';
import { searchableRomeLabel } from '../reference/index.js';
import type { SlotRow } from './slot-dto.js';

/**
 * The search document of an immersion slot. No tutor data: search holds nothing personal.
 * `title` is the job title chosen, or else the ROME code's own label.
 */
export function toImmersionSlotDocument(row: SlotRow, title: string, romeLabel: string): ImmersionSlotDocument {
  return {
    id: row.id,
    employerId: row.employerId,
    status: row.status,
    title,
    romeCode: row.romeCode,
    romeLabel,
    activities: row.activities,
    schedules: row.schedules,
    hoursPerWeek: row.hoursPerWeek,
    communeInsee: row.communeInsee,
    communeName: row.communeName,
    location: { lat: row.lat, lng: row.lng },
    capacity: row.capacity,
    availableFrom: row.availableFrom,
    availableTo: row.availableTo,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The documents of these slots, in one query; ids that do not exist are simply absent. */
export async function loadImmersionSlotDocuments(db: DbOrTx, ids: readonly string[]): Promise<ImmersionSlotDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      slot: immersionSlots,
      codeLabel: romeCodes.label,
      appellationLabel: romeAppellations.label,
      romeLabel: searchableRomeLabel('immersion_slots'),
    })
    .from(immersionSlots)
    .innerJoin(romeCodes, eq(romeCodes.code, immersionSlots.romeCode))
    .leftJoin(romeAppellations, eq(romeAppellations.ogr, immersionSlots.appellationOgr))
    .where(inArray(immersionSlots.id, [...ids]));
  return rows.map((r) => toImmersionSlotDocument(r.slot, r.appellationLabel ?? r.codeLabel, r.romeLabel));
}

/** Every slot id, in batches ordered by id (keyset paging): what a full reindex walks. */
export async function* allSlotIds(db: DbOrTx, batchSize = 1000): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({ id: immersionSlots.id })
      .from(immersionSlots)
      .where(after ? gt(immersionSlots.id, after) : undefined)
      .orderBy(asc(immersionSlots.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
