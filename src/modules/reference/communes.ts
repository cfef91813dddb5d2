import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { communes } from '../../../db/schema/index.js';
import type { FieldError } from '../../core/errors.js';
import { postcodeDesignates } from './commune-rules.js';

export interface ResolvedCommune {
  insee: string;
  name: string;
  department: string;
  lat: number;
  lng: number;
  /** The postcode given, or the commune's only one; null when it has several and none was given. */
  postcode: string | null;
}

export interface CommunePaths {
  communeInsee: string;
  postcode: string;
}

const columns = {
  insee: communes.insee,
  postcode: communes.postcode,
  name: communes.name,
  department: communes.department,
  lat: communes.lat,
  lng: communes.lng,
};

/**
 * The one resolver of a commune named by its INSEE code, its postcode, or both, for every
 * module. Pushes one field error per mistake, each with its own code, and returns null:
 * - neither given: `required`;
 * - no such INSEE code, or no commune with this postcode: `unknown_commune`;
 * - a postcode that is not one of the named commune's: `postcode_mismatch`;
 * - a postcode shared by several communes and no INSEE code: `ambiguous_postcode`.
 * Delegated communes (COMD) share the INSEE code of the commune they merged into: the commune
 * itself is the other row. Messages list reference data only, never what else was sent.
 */
export async function resolveCommune(
  db: DbOrTx,
  input: { communeInsee?: string | undefined; postcode?: string | undefined },
  errors: FieldError[],
  paths: CommunePaths = { communeInsee: 'communeInsee', postcode: 'postcode' },
): Promise<ResolvedCommune | null> {
  const { communeInsee, postcode } = input;
  const fail = (path: string, code: string, message: string) => {
    errors.push({ path, code, message });
    return null;
  };

  if (communeInsee !== undefined) {
    const rows = await db
      .select(columns)
      .from(communes)
      .where(and(eq(communes.insee, communeInsee), ne(communes.type, 'COMD')))
      .orderBy(asc(communes.id));
    if (rows.length === 0) return fail(paths.communeInsee, 'unknown_commune', `No commune has the INSEE code ${communeInsee}.`);
    const postcodes = [...new Set(rows.map((r) => r.postcode))].sort();
    if (postcode !== undefined && !postcodes.includes(postcode))
      return fail(paths.postcode, 'postcode_mismatch', `The postcodes of ${rows[0]!.name} are ${postcodes.join(', ')}.`);
    return { ...rows[0]!, postcode: postcode ?? (postcodes.length === 1 ? postcodes[0]! : null) };
  }

  if (postcode === undefined) return fail(paths.communeInsee, 'required', 'Give the commune: its INSEE code or its postcode.');
  const rows = await db
    .selectDistinctOn([communes.insee], columns)
    .from(communes)
    .where(and(eq(communes.postcode, postcode), postcodeDesignates))
    .orderBy(communes.insee, asc(communes.id));
  if (rows.length === 0) return fail(paths.postcode, 'unknown_commune', `No commune has the postcode ${postcode}.`);
  if (rows.length > 1) {
    const shown = rows.slice(0, 20).map((r) => `${r.name} (${r.insee})`);
    const more = rows.length > shown.length ? `, and ${rows.length - shown.length} more` : '';
    return fail(paths.postcode, 'ambiguous_postcode', `Several communes share the postcode ${postcode}; give the INSEE code: ${shown.join(', ')}${more}.`);
  }
  return { ...rows[0]!, postcode };
}
