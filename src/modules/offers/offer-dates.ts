import type { FieldError } from '../../core/errors.js';

/**
 * An offer closes at the end of its expiry date; the job it offers may not start later than
 * that. Checked at creation on the body, and at each edit against the stored dates.
 */
export function offerDatesError(startDate: string | null, expiryDate: string | null): FieldError | null {
  if (startDate === null || expiryDate === null || startDate <= expiryDate) return null;
  return { path: 'startDate', code: 'after_expiry', message: 'The start date is after the expiry date of the offer.' };
}
