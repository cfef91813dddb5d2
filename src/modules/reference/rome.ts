import { eq, inArray, sql } from 'drizzle-orm';
import { romeAppellations, romeCodes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { FieldError } from '../../core/errors.js';

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

/**
 * The one check of ROME codes against the reference: pushes `unknown_rome_code` on the path of
 * each code the reference does not have (malformed codes were refused the same way earlier).
 */
export async function checkRomeCodes(db: DbOrTx, refs: { path: string; code: string }[], errors: FieldError[]): Promise<void> {
  if (refs.length === 0) return;
  const wanted = [...new Set(refs.map((r) => r.code))];
  const found = await db.select({ code: romeCodes.code }).from(romeCodes).where(inArray(romeCodes.code, wanted));
  const known = new Set(found.map((r) => r.code));
  for (const ref of refs)
    if (!known.has(ref.code)) errors.push({ path: ref.path, code: 'unknown_rome_code', message: `No ROME occupation has the code ${ref.code}.` });
}

/**
 * Every ROME code of the families (first letter: D = commerce, G = hotels and catering…) of
 * `codes`: the occupation filter of the matching's retrieval, for the search engines' exact
 * ROME filter.
 */
export async function romeCodesOfFamilies(db: DbOrTx, codes: readonly string[]): Promise<string[]> {
  const families = [...new Set(codes.map((c) => c[0]!))];
  if (families.length === 0) return [];
  const rows = await db
    .select({ code: romeCodes.code })
    .from(romeCodes)
    .where(inArray(sql`left(${romeCodes.code}, 1)`, families))
    .orderBy(romeCodes.code);
  return rows.map((r) => r.code);
}

/** Read once per database handle: the reference data only changes with a migration or a reload before serving. */
const romeReferences = new WeakMap<DbOrTx, Promise<ReadonlyMap<string, string>>>();

/**
 * Every ROME code in order, with its label: the matching's retrieval splits the codes into tiers
 * of closeness and labels what it suggests from here (the search engines are not asked for the
 * indexed label, which carries every job title), on each suggestion, so kept.
 */
export function romeReference(db: DbOrTx): Promise<ReadonlyMap<string, string>> {
  let reference = romeReferences.get(db);
  if (!reference) {
    reference = db
      .select({ code: romeCodes.code, label: romeCodes.label })
      .from(romeCodes)
      .orderBy(romeCodes.code)
      .then((rows) => new Map(rows.map((r) => [r.code, r.label])));
    // An empty or failed read (reference data not loaded yet) is not kept.
    reference.then((map) => map.size === 0 && romeReferences.delete(db), () => romeReferences.delete(db));
    romeReferences.set(db, reference);
  }
  return reference;
}

/** The labels of these ROME codes, by code (unknown codes are left out). */
export async function romeLabelsOf(db: DbOrTx, codes: readonly string[]): Promise<Record<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return {};
  const rows = await db.select({ code: romeCodes.code, label: romeCodes.label }).from(romeCodes).where(inArray(romeCodes.code, wanted));
  return Object.fromEntries(rows.map((r) => [r.code, r.label]));
}
