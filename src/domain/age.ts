/**
 * Completed years on `today` (both YYYY-MM-DD). Comparing month-day strings makes someone born
 * on 29 February a year older on 1 March in common years: the later, more protective reading
 * for every age limit (minors' working hours, the minimum age of an immersion).
 */
export function ageOn(birthDate: string, today: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new RangeError(`Invalid date: ${birthDate} / ${today}`);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Under 18 on `today`. */
export function isMinorOn(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < 18;
}
