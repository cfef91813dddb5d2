/**
 * Which corrections and synonyms of a query word the PostgreSQL engine OR-s into its full-text
 * query: not those that are forms of a word already there (they would match nothing more, and
 * make PostgreSQL overestimate the matches and choose a slow plan).
 */
import { describe, expect, it } from 'vitest';
import { withoutRepeats } from '../../../src/adapters/search/postgres-engine.js';

// Stems as the `french_unaccent` configuration makes them.
const stems = new Map<string, string[]>([
  ['mecanicien', ['mecanicien']],
  ['mecanicienne', ['mecanicien']],
  ['mecaniciens', ['mecanicien']],
  ['boulang', ['boulang']],
  ['boulanger', ['boulang']],
  ['boulangere', ['boulanger']],
  ['vendeur', ['vendeur']],
  ['vendeuse', ['vendeux']],
  ['vendeuses', ['vendeux']],
  ['de', []],
]);

describe('query word alternatives', () => {
  it('drops the forms of the typed word, and forms repeated among the alternatives', () => {
    expect(withoutRepeats('mecanicien', false, ['mecanicienne', 'mecaniciens'], stems)).toEqual([]);
    expect(withoutRepeats('vendeur', false, ['vendeuse', 'vendeuses'], stems)).toEqual(['vendeuse']);
  });

  it('drops what the last word, a prefix, already matches, and nothing else', () => {
    expect(withoutRepeats('boulang', true, ['boulangere', 'boulanger'], stems)).toEqual([]);
    expect(withoutRepeats('boulang', false, ['boulangere', 'boulanger'], stems)).toEqual(['boulangere']);
  });

  it('keeps alternatives of several words, and words whose stems it does not know', () => {
    expect(withoutRepeats('mecanicien', false, ['(reparateur & automobile)', 'garagiste', 'de'], stems)).toEqual([
      '(reparateur & automobile)',
      'garagiste',
      'de',
    ]);
  });
});
