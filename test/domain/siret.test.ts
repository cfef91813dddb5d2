import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../src/domain/siret.js';

/** Luhn, written out independently of the code under test: from the right, double every second digit. */
function luhnHolds(digits: string): boolean {
  const sum = [...digits].reverse().reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return sum % 10 === 0;
}
const digitSum = (digits: string) => [...digits].reduce((acc, ch) => acc + Number(ch), 0);

describe('isValidSiret', () => {
  it.each([
    ['73282932000074', 'Luhn holds'],
    ['35600000000048', 'La Poste head office, whose Luhn holds'],
    ['55210055400013', 'Luhn holds'],
    ['44306184100047', 'Luhn holds'],
  ])('accepts %s (%s)', (siret) => {
    expect(luhnHolds(siret)).toBe(true);
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each(['73282932000075', '73282932000073', '35600000000049', '12345678901234'])('refuses %s: wrong checksum', (siret) => {
    expect(luhnHolds(siret)).toBe(false);
    expect(isValidSiret(siret)).toBe(false);
  });

  it.each(['7328293200007', '732829320000740', '', '7328293200007A', '73282932 00074', '73 282 932 000 074', '-7328293200007', '７３２８２９３２０００７４'])(
    'refuses %j: not 14 ASCII digits',
    (value) => {
      expect(isValidSiret(value)).toBe(false);
    },
  );

  describe('La Poste (SIREN 356000000): establishments numbered so that their digits add up to a multiple of 5', () => {
    it('accepts 35600000049837, whose Luhn checksum fails but whose digits add up to 45', () => {
      expect(luhnHolds('35600000049837')).toBe(false);
      expect(digitSum('35600000049837')).toBe(45);
      expect(isValidSiret('35600000049837')).toBe(true);
    });

    it('refuses a La Poste number that fails both rules', () => {
      expect(luhnHolds('35600000049838')).toBe(false);
      expect(digitSum('35600000049838') % 5).not.toBe(0);
      expect(isValidSiret('35600000049838')).toBe(false);
    });

    it('does not extend the digit-sum rule to other companies', () => {
      // Digits add up to 45, Luhn fails, and the SIREN is not La Poste's.
      expect(digitSum('73282932000072')).toBe(45);
      expect(luhnHolds('73282932000072')).toBe(false);
      expect(isValidSiret('73282932000072')).toBe(false);
    });
  });

  it('agrees with the Luhn checksum on any 14 digits outside La Poste', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (siret) => {
        fc.pre(!siret.startsWith('356000000'));
        expect(isValidSiret(siret)).toBe(luhnHolds(siret));
      }),
    );
  });

  it('accepts exactly one check digit out of ten for a given SIREN and NIC prefix', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (prefix) => {
        fc.pre(!prefix.startsWith('356000000'));
        const valid = [...'0123456789'].filter((d) => isValidSiret(prefix + d));
        expect(valid).toHaveLength(1);
      }),
    );
  });
});
