import type { FieldError } from '../../http/errors.js';

/** Missions Locales follow young people from 16 to 25 (until their 26th birthday). */
export const MIN_AGE = 16;
export const MAX_AGE = 25;

export { todayInFrance } from '../../domain/calendar.js';

/**
 * Completed years on `today` (both YYYY-MM-DD). Comparing month-day strings makes someone born
 * on 29 February a year older on 1 March in common years, as isMinorOn() does.
 */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

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
