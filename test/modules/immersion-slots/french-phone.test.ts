import { describe, expect, it } from 'vitest';
import { normaliseFrenchPhone } from '../../../src/modules/immersion-slots/french-phone.js';

describe('normaliseFrenchPhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['01.23.45.67.89', '+33123456789'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['0262 12 34 56', '+262262123456'],
    ['0262 12 34 56 7', null],
    ['0692123456', '+262692123456'],
    ['0590 12 34 56', '+590590123456'],
    ['0596123456', '+596596123456'],
    ['+262 692 12 34 56', '+262692123456'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseFrenchPhone(input)).toBe(expected);
  });

  it.each(['', '12345', '+44 20 7946 0958', '00 12 34 56 78', '06 12 34 56 7a', '+33 0 12 34 56 78'])('refuses %s', (input) => {
    expect(normaliseFrenchPhone(input)).toBeNull();
  });
});
