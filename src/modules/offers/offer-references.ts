import type { DbOrTx } from '../../../db/client.js';
import { ValidationError, type FieldError } from '../../core/errors.js';
import { checkRomeCodes, resolveWorkplace, type WorkplaceColumns, type WorkplaceInput } from '../reference/index.js';

/**
 * Checks what an offer's fields refer to (ROME code, commune) against the reference data,
 * reporting every bad field at once. Fields left undefined (a partial update) are not checked.
 */
export async function resolveOfferReferences(
  db: DbOrTx,
  input: { romeCode?: string; workplace?: WorkplaceInput },
): Promise<{ workplace?: WorkplaceColumns }> {
  const errors: FieldError[] = [];
  if (input.romeCode !== undefined) await checkRomeCodes(db, [{ path: 'romeCode', code: input.romeCode }], errors);
  const workplace = input.workplace ? ((await resolveWorkplace(db, input.workplace, errors)) ?? undefined) : undefined;
  if (errors.length > 0) throw new ValidationError(errors);
  return { workplace };
}
