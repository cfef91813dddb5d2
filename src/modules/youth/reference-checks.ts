import type { DbOrTx } from '../../../db/client.js';
import type { FieldError } from '../../core/errors.js';
import { resolveCommune } from '../reference/index.js';

/**
 * The commune of a youth's address (see resolveCommune). An address needs its postcode: a
 * commune with several postcodes named by its INSEE code alone is incomplete.
 */
export async function resolveYouthCommune(
  db: DbOrTx,
  input: { communeInsee?: string | undefined; postcode?: string | undefined },
  errors: FieldError[],
): Promise<{ insee: string; name: string; postcode: string } | null> {
  const commune = await resolveCommune(db, input, errors);
  if (!commune) return null;
  if (commune.postcode === null) {
    errors.push({ path: 'postcode', code: 'required', message: `${commune.name} has several postcodes: send the one of the address.` });
    return null;
  }
  return { insee: commune.insee, name: commune.name, postcode: commune.postcode };
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
