/**
 * SIRET: 14 digits identifying an establishment (SIREN of the company, 9 digits, + NIC, 5).
 * Valid when its Luhn checksum holds, except for La Poste (SIREN 356000000), whose thousands
 * of establishments are numbered so that the sum of their digits is a multiple of 5.
 */
const LA_POSTE_SIREN = '356000000';

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...value].reduce((sum, d) => sum + Number(d), 0);
    return digitSum % 5 === 0 || luhn(value);
  }
  return luhn(value);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, every second digit is doubled: for 14 digits, those at even indexes.
    let d = Number(digits[i]);
    if ((digits.length - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Appends the Luhn check digit to 13 digits (demo data, tests). */
export function completeSiret(first13: string): string {
  if (!/^\d{13}$/.test(first13)) throw new Error('completeSiret takes 13 digits');
  for (let check = 0; check < 10; check++) {
    if (luhn(first13 + check)) return first13 + check;
  }
  throw new Error('unreachable: one check digit always fits');
}
