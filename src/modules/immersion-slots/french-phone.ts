/**
 * French phone numbers, as people type them ("06 12 34 56 78", "+33 (0)6 12…", "0033…"),
 * normalised to E.164. Overseas departments have their own country codes: a national number
 * starting 0262/0692 is +262 (La Réunion, Mayotte), 0590/0690 +590 (Guadeloupe), 0594/0694
 * +594 (Guyane), 0596/0696 +596 (Martinique).
 */
const OVERSEAS_PREFIXES: Record<string, string> = {
  '0262': '262', '0263': '262', '0269': '262', '0639': '262', '0692': '262', '0693': '262',
  '0590': '590', '0690': '590', '0691': '590',
  '0594': '594', '0694': '594',
  '0596': '596', '0696': '596', '0697': '596',
};

/** The E.164 form of a French number, or null when it is not one. */
export function normaliseFrenchPhone(input: string): string | null {
  let s = input.replace(/[\s.\-()/]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  // "+33 (0)6…": the trunk 0 written after the country code.
  s = s.replace(/^\+(33|262|590|594|596)0/, '+$1');
  if (/^\+33[1-9]\d{8}$/.test(s) || /^\+(262|590|594|596)\d{9}$/.test(s)) return s;
  if (/^0[1-9]\d{8}$/.test(s)) return `+${OVERSEAS_PREFIXES[s.slice(0, 4)] ?? '33'}${s.slice(1)}`;
  return null;
}
