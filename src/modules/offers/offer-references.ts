import type { DbOrTx } from '../../../db/client.js';
import { ValidationError, type FieldError } from '../../http/errors.js';
import { findRomeCode } from './rome.js';
import { resolveWorkplace, type WorkplaceColumns, type WorkplaceInput } from './workplace.js';

/**
 * Checks what an offer's fields refer to (ROME code, commune) against the reference data,
 * reporting every bad field at once. Fields left undefined (a partial update) are not checked.
 */
export async function resolveOfferReferences(
  db: DbOrTx,
  input: { romeCode?: string; workplace?: WorkplaceInput },
): Promise<{ workplace?: WorkplaceColumns }> {
  const errors: FieldError[] = [];
  if (input.romeCode !== undefined && !(await findRomeCode(db, input.romeCode)))
    errors.push({ path: 'romeCode', code: 'unknown_rome_code', message: `No ROME code ${input.romeCode}.` });
  let workplace: WorkplaceColumns | undefined;
  if (input.workplace) {
    const resolved = await resolveWorkplace(db, input.workplace);
    if (resolved.ok) workplace = resolved.value;
    else errors.push(...resolved.errors);
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return { workplace };
}
