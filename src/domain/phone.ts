/**
 * French phone numbers to E.164. A French number has a 9-digit national significant number
 * (NSN) written after a trunk 0 at home ("06 12 34 56 78") or after the country code abroad
 * ("+33 6 12 34 56 78", "0033 6…", "+33 (0)6…").
 *
 * Overseas departments share the national plan (a Réunion mobile is dialled "0692…" from
 * Paris) but have their own country codes, so their E.164 form is not +33: "0692 12 34 56"
 * is "+262692123456". Numbers of any other country are refused: the youth we follow live in
 * France, and a foreign number is far more often a typo than a real case.
 */

/** NSN prefixes of the overseas departments and the country code they are reached by. */
const OVERSEAS_PREFIXES: readonly (readonly [prefix: string, countryCode: string])[] = [
  ['262', '262'], // Réunion, landlines
  ['263', '262'], // Réunion, landlines
  ['269', '262'], // Mayotte, landlines
  ['639', '262'], // Mayotte, mobiles
  ['692', '262'], // Réunion, mobiles
  ['693', '262'], // Réunion, mobiles
  ['590', '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy, landlines
  ['690', '590'], // mobiles
  ['691', '590'], // mobiles
  ['594', '594'], // Guyane, landlines
  ['694', '594'], // mobiles
  ['596', '596'], // Martinique, landlines
  ['696', '596'], // mobiles
  ['697', '596'], // mobiles
];

const COUNTRY_CODES = ['33', '262', '590', '594', '596'] as const;

/** Separators people type between digit groups. */
const SEPARATORS = /[\s.\-/()]/g;

/**
 * The E.164 form of a French (metropolitan or overseas) phone number, or null when the input
 * is not one. Accepts "06 12 34 56 78", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78",
 * "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "+262 692 12 34 56".
 */
export function normaliseFrenchPhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s.\-/()]+$/.test(trimmed)) return null;
  // "+33 (0)6…": the trunk 0 in brackets is dropped abroad.
  const compact = trimmed.replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return null;

  let nsn: string;
  let countryCode: string | null = null;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const international = compact.startsWith('+') ? compact.slice(1) : compact.slice(2);
    countryCode = COUNTRY_CODES.find((cc) => international.startsWith(cc)) ?? null;
    if (!countryCode) return null;
    nsn = international.slice(countryCode.length);
    // "+33 06 12 34 56 78": a common slip, the trunk 0 kept after the country code.
    if (nsn.length === 10 && nsn.startsWith('0')) nsn = nsn.slice(1);
  } else if (compact.length === 10 && compact.startsWith('0')) {
    nsn = compact.slice(1);
  } else {
    return null;
  }
  if (!/^[1-9]\d{8}$/.test(nsn)) return null;

  const overseas = OVERSEAS_PREFIXES.find(([prefix]) => nsn.startsWith(prefix))?.[1];
  if (countryCode !== null && countryCode !== '33' && countryCode !== overseas) return null;
  // An overseas number typed with +33 is still reached by its own country code.
  return `+${overseas ?? '33'}${nsn}`;
}
