import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseFrenchPhone } from '../../src/domain/phone.js';

describe('normaliseFrenchPhone', () => {
  it.each([
    '06 12 34 56 78',
    '0612345678',
    '06.12.34.56.78',
    '06-12-34-56-78',
    ' 06 12 34 56 78 ',
    '+33 6 12 34 56 78',
    '+33612345678',
    '+33 (0)6 12 34 56 78',
    '+33 06 12 34 56 78',
    '0033 6 12 34 56 78',
    '0033612345678',
  ])('reads %j as +33612345678', (input) => {
    expect(normaliseFrenchPhone(input)).toBe('+33612345678');
  });

  it('keeps landlines and 07 mobiles', () => {
    expect(normaliseFrenchPhone('01 23 45 67 89')).toBe('+33123456789');
    expect(normaliseFrenchPhone('07 81 23 45 67')).toBe('+33781234567');
    expect(normaliseFrenchPhone('09 51 23 45 67')).toBe('+33951234567');
  });

  it('gives overseas numbers their own country code', () => {
    expect(normaliseFrenchPhone('0692 12 34 56')).toBe('+262692123456');
    expect(normaliseFrenchPhone('+262 692 12 34 56')).toBe('+262692123456');
    expect(normaliseFrenchPhone('+33 6 92 12 34 56')).toBe('+262692123456');
    expect(normaliseFrenchPhone('0590 12 34 56')).toBe('+590590123456');
    expect(normaliseFrenchPhone('0694 12 34 56')).toBe('+594694123456');
    expect(normaliseFrenchPhone('0696 12 34 56')).toBe('+596696123456');
    expect(normaliseFrenchPhone('0639 12 34 56')).toBe('+262639123456');
  });

  it.each([
    '',
    '06 12 34 56 7',
    '06 12 34 56 789',
    '612345678',
    '00 12 34 56 78',
    '+33 0 12 34 56 78',
    '+32 470 12 34 56',
    '+44 20 7946 0958',
    '0044 20 7946 0958',
    '+262 6 12 34 56 78',
    '06 12 34 56 7a',
    'zero six',
    '06 12 34 56 78 ext 2',
    '++33612345678',
  ])('refuses %j', (input) => {
    expect(normaliseFrenchPhone(input)).toBeNull();
  });

  it('is idempotent and always yields E.164', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{8}$/), (first, rest) => {
        const e164 = normaliseFrenchPhone(`0${first}${rest}`);
        expect(e164).toMatch(/^\+\d{11,12}$/);
        expect(normaliseFrenchPhone(e164!)).toBe(e164);
      }),
    );
  });
});
