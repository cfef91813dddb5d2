import type { FieldError } from '../../core/errors.js';
import { ageOn } from '../../domain/age.js';

/** Missions Locales follow young people from 16 to 25 (until their 26th birthday). */
export const MIN_AGE = 16;
export const MAX_AGE = 25;

/** Adds an `age_out_of_range` error unless the youth is 16–25 on `onDate`. */
export function checkAge(birthDate: string, onDate: string, errors: FieldError[]): void {
  const age = ageOn(birthDate, onDate);
  if (age < MIN_AGE || age > MAX_AGE) {
    errors.push({
      path: 'birthDate',
      code: 'age_out_of_range',
      message: `Missions Locales follow young people aged ${MIN_AGE} to ${MAX_AGE}; this birth date gives another age on the day the profile was created.`,
    });
  }
}
