import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { postcodeDesignates } from '../reference/commune-rules.js';
import type { DbOrTx } from '../../../db/client.js';
import { communes, romeCodes } from '../../../db/schema/index.js';
import type { FieldError } from '../../http/errors.js';

export interface ResolvedCommune {
  insee: string;
  postcode: string;
  name: string;
}

/** Delegated communes (COMD) share the INSEE code of the commune they merged into: listed last. */
const communeFirst = sql`${communes.type} = 'COMD'`;

/**
 * The commune of a youth from an INSEE code, a postcode, or both. Pushes a field error and
 * returns null when it does not resolve to exactly one (commune, postcode) pair. Messages list
 * reference data only (commune names, INSEE codes, postcodes), never what else was sent.
 */
export async function resolveCommune(
  db: DbOrTx,
  input: { communeInsee?: string | undefined; postcode?: string | undefined },
  errors: FieldError[],
): Promise<ResolvedCommune | null> {
  const { communeInsee, postcode } = input;
  const columns = { insee: communes.insee, postcode: communes.postcode, name: communes.name };

  if (communeInsee !== undefined) {
    const rows = await db.select(columns).from(communes).where(eq(communes.insee, communeInsee)).orderBy(communeFirst, asc(communes.id));
    if (rows.length === 0) {
      errors.push({ path: 'communeInsee', code: 'unknown_commune', message: 'No commune has this INSEE code.' });
      return null;
    }
    if (postcode !== undefined) {
      const match = rows.find((r) => r.postcode === postcode);
      if (match) return match;
      errors.push({ path: 'postcode', code: 'unknown_commune', message: `This commune's postcodes are ${postcodesOf(rows)}.` });
      return null;
    }
    const postcodes = new Set(rows.map((r) => r.postcode));
    if (postcodes.size === 1) return rows[0]!;
    errors.push({ path: 'postcode', code: 'required', message: `This commune has several postcodes: send one of ${postcodesOf(rows)}.` });
    return null;
  }

  if (postcode === undefined) {
    errors.push({ path: 'communeInsee', code: 'required', message: 'Send the INSEE code of the commune, or its postcode.' });
    return null;
  }
  const rows = await db
    .selectDistinctOn([communes.insee], columns)
    .from(communes)
    .where(and(eq(communes.postcode, postcode), postcodeDesignates))
    .orderBy(communes.insee, communeFirst, asc(communes.id));
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) {
    errors.push({ path: 'postcode', code: 'unknown_commune', message: 'No commune has this postcode.' });
    return null;
  }
  const shown = rows.slice(0, 20).map((r) => `${r.name} (${r.insee})`);
  const more = rows.length > shown.length ? `, and ${rows.length - shown.length} more` : '';
  errors.push({
    path: 'postcode',
    code: 'ambiguous_postcode',
    message: `Several communes share this postcode; send communeInsee too: ${shown.join(', ')}${more}.`,
  });
  return null;
}

function postcodesOf(rows: { postcode: string }[]): string {
  return [...new Set(rows.map((r) => r.postcode))].sort().join(', ');
}

/** Pushes `unknown_rome_code` for each code absent from the ROME reference. */
export async function checkRomeCodes(db: DbOrTx, refs: { path: string; code: string }[], errors: FieldError[]): Promise<void> {
  if (refs.length === 0) return;
  const wanted = [...new Set(refs.map((r) => r.code))];
  const found = await db.select({ code: romeCodes.code }).from(romeCodes).where(inArray(romeCodes.code, wanted));
  const known = new Set(found.map((r) => r.code));
  for (const ref of refs) {
    if (!known.has(ref.code)) errors.push({ path: ref.path, code: 'unknown_rome_code', message: 'No ROME occupation has this code.' });
  }
}

/** Every ROME code of a profile's input, with the path to blame. */
export function romeCodeRefs(input: {
  targetRomeCodes?: string[] | undefined;
  experiences?: { romeCode: string | null }[] | undefined;
}): { path: string; code: string }[] {
  const refs = (input.targetRomeCodes ?? []).map((code, i) => ({ path: `targetRomeCodes.${i}`, code }));
  (input.experiences ?? []).forEach((e, i) => {
    if (e.romeCode !== null) refs.push({ path: `experiences.${i}.romeCode`, code: e.romeCode });
  });
  return refs;
}
