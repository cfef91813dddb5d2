import type { DbOrTx } from '../../../db/client.js';
import { ValidationError, type FieldError } from '../../core/errors.js';
import { checkRomeCodes, findAppellation, resolveWorkplace, type WorkplaceColumns, type WorkplaceInput } from '../reference/index.js';
import type { SlotRow } from './slot-dto.js';

interface Occupation {
  romeCode: string;
  appellationOgr: number | null;
}

/**
 * Checks a slot's occupation, workplace and period against the reference data and each other,
 * reporting every bad field at once. `current` is the stored slot for a partial update: the
 * fields not given keep their value, and the merged result is what is checked.
 *
 * Occupation: a job title (appellation) implies its ROME code; a ROME code given with it must
 * match. Changing only the ROME code drops a job title that belongs to another code.
 */
export async function resolveSlotFields(
  db: DbOrTx,
  input: {
    romeCode?: string;
    appellationOgr?: number | null;
    workplace?: WorkplaceInput;
    availableFrom?: string;
    availableTo?: string;
  },
  current?: SlotRow,
): Promise<{ occupation?: Occupation; workplace?: WorkplaceColumns }> {
  const errors: FieldError[] = [];

  let occupation: Occupation | undefined;
  if (typeof input.appellationOgr === 'number') {
    const appellation = await findAppellation(db, input.appellationOgr);
    if (!appellation)
      errors.push({ path: 'appellationOgr', code: 'unknown_appellation', message: `No ROME job title with OGR code ${input.appellationOgr}.` });
    else if (input.romeCode !== undefined && input.romeCode !== appellation.romeCode)
      errors.push({
        path: 'romeCode',
        code: 'rome_code_mismatch',
        message: `The job title "${appellation.label}" belongs to ROME code ${appellation.romeCode}, not ${input.romeCode}.`,
      });
    else occupation = { romeCode: appellation.romeCode, appellationOgr: appellation.ogr };
  } else if (input.romeCode !== undefined) {
    const before = errors.length;
    await checkRomeCodes(db, [{ path: 'romeCode', code: input.romeCode }], errors);
    if (errors.length === before) {
      const kept = input.appellationOgr === undefined && current?.romeCode === input.romeCode ? current.appellationOgr : null;
      occupation = { romeCode: input.romeCode, appellationOgr: kept };
    }
  } else if (input.appellationOgr === null && current) {
    occupation = { romeCode: current.romeCode, appellationOgr: null };
  }

  const workplace = input.workplace ? ((await resolveWorkplace(db, input.workplace, errors)) ?? undefined) : undefined;

  const from = input.availableFrom ?? current?.availableFrom;
  const to = input.availableTo ?? current?.availableTo;
  if (from && to && to < from)
    errors.push({
      path: input.availableTo !== undefined ? 'availableTo' : 'availableFrom',
      code: 'end_before_start',
      message: `The slot cannot end (${to}) before it starts (${from}).`,
    });

  if (errors.length > 0) throw new ValidationError(errors);
  return { occupation, workplace };
}
