import { eq, sql } from 'drizzle-orm';
import { romeAppellations, romeCodes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';

/** The label of a ROME code, or null when the code does not exist. */
export async function findRomeCode(db: DbOrTx, code: string): Promise<{ code: string; label: string } | null> {
  const [row] = await db.select({ code: romeCodes.code, label: romeCodes.label }).from(romeCodes).where(eq(romeCodes.code, code));
  return row ?? null;
}

export async function findAppellation(db: DbOrTx, ogr: number) {
  const [row] = await db
    .select({ ogr: romeAppellations.ogr, label: romeAppellations.label, romeCode: romeAppellations.romeCode })
    .from(romeAppellations)
    .where(eq(romeAppellations.ogr, ogr));
  return row ?? null;
}

/**
 * What the search engines index as `romeLabel`: the code's label followed by the labels of
 * its job titles, so that a search for "boulanger" finds an offer filed under D1102.
 * Written out in full: drizzle drops the table name of columns inside a single-table select.
 */
export function searchableRomeLabel(table: 'offers' | 'immersion_slots') {
  return sql<string>`(select rc.label || coalesce(' ; ' || string_agg(ra.label, ' ; ' order by ra.label), '')
    from rome_codes rc left join rome_appellations ra on ra.rome_code = rc.code
    where rc.code = ${sql.identifier(table)}.rome_code group by rc.label)`;
}
