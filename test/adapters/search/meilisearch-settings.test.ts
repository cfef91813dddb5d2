/** The Meilisearch settings, filters and sorts are data built by pure functions: checked without a server. */
import { describe, expect, it } from 'vitest';
import {
  coordinate,
  genderForms,
  meiliFilter,
  meiliQuery,
  meiliSettings,
  meiliSort,
  quote,
  romeSynonyms,
} from '../../../src/adapters/search/meilisearch-engine.js';
import { INDEX_NAMES } from '../../../src/adapters/search/documents.js';
import { queryWords } from '../../../src/adapters/search/fields.js';

describe('meiliSettings', () => {
  it('declares searchable, filterable and sortable attributes per index', () => {
    const offers = meiliSettings('offers');
    expect(offers.searchableAttributes).toEqual([
      'title', 'romeLabel', 'requiredSkills', 'niceToHaveSkills', 'communeName', 'description',
    ]);
    expect(offers.filterableAttributes).toEqual(expect.arrayContaining(['status', 'employerId', 'romeCode', 'contractType', 'schedules', '_geo']));
    expect(meiliSettings('immersion_slots').filterableAttributes).toEqual(
      expect.arrayContaining(['status', 'employerId', 'romeCode', 'schedules', '_geo']),
    );
    const youth = meiliSettings('youth');
    expect(youth.filterableAttributes).toEqual(
      expect.arrayContaining(['structureId', 'searchable', 'targetRomeCodes', 'contractTypes', 'schedules', '_geo']),
    );
    for (const index of INDEX_NAMES) {
      expect(meiliSettings(index).sortableAttributes).toEqual(['id', 'sortAt', '_geo']);
    }
  });

  it('never makes a protected or identifying attribute searchable or filterable', () => {
    const forbidden = ['pseudonym', 'firstName', 'lastName', 'birthDate', 'gender', 'email', 'phone', 'address', 'nationality'];
    for (const index of INDEX_NAMES) {
      const settings = meiliSettings(index);
      for (const attribute of [...settings.searchableAttributes!, ...(settings.filterableAttributes as string[])]) {
        expect(forbidden).not.toContain(attribute);
      }
    }
  });

  it('puts the sort rule last, so relevance decides when there is text', () => {
    expect(meiliSettings('offers').rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort']);
  });

  it('tolerates one typo from 5 letters and two from 9', () => {
    expect(meiliSettings('youth').typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });

  it('uses French stop words, folded', () => {
    const { stopWords } = meiliSettings('offers');
    expect(stopWords).toEqual(expect.arrayContaining(['de', 'la', 'le', 'des', 'du', 'et', 'a', 'ete']));
    // The same words are dropped by the PostgreSQL engine: a query made only of them matches
    // everything on both engines, and any other word is kept.
    for (const word of stopWords!) expect(queryWords(word), word).toEqual([]);
    expect(queryWords('Le pain de la boulangère')).toEqual(['pain', 'boulangere']);
    expect(stopWords!.every((w) => /^[a-z]+$/.test(w))).toBe(true);
  });

  it('takes its synonyms as a parameter (none by default)', () => {
    expect(meiliSettings('offers').synonyms).toEqual({});
    expect(meiliSettings('offers', { synonyms: { boulanger: ['boulangere'] } }).synonyms).toEqual({ boulanger: ['boulangere'] });
  });
});

describe('romeSynonyms', () => {
  it('splits gendered ROME labels into their forms', () => {
    expect(genderForms('Boulanger / Boulangère')).toEqual(['boulanger', 'boulangere']);
    expect(genderForms('Chef / Cheffe de rayon boulangerie')).toEqual(['chef de rayon boulangerie', 'cheffe de rayon boulangerie']);
    expect(genderForms('Ouvrier boulanger / Ouvrière boulangère')).toEqual(['ouvrier boulanger', 'ouvriere boulangere']);
    expect(genderForms('Fleuriste')).toEqual(['fleuriste']);
  });

  it('makes masculine and feminine words synonyms, and leads job titles to their occupation', () => {
    const synonyms = romeSynonyms([
      { code: 'D1102', label: 'Boulanger / Boulangère', titles: ['Ouvrier boulanger / Ouvrière boulangère', 'Boulanger / Boulangère'] },
      { code: 'A1101', label: "Conducteur / Conductrice d'engins agricoles", titles: ['Tractoriste'] },
    ]);
    expect(synonyms.boulanger).toEqual(['boulangere']);
    expect(synonyms.boulangere).toEqual(['boulanger']);
    expect(synonyms.ouvrier).toEqual(['ouvriere']);
    expect(synonyms.conductrice).toEqual(['conducteur']);
    expect(synonyms['ouvrier boulanger']).toEqual(['boulanger']);
    expect(synonyms.tractoriste).toEqual(['conducteur d engins agricoles']);
    // A title equal to its occupation's label leads nowhere new.
    expect(synonyms.boulanger).not.toContain('boulanger');
  });

  it('skips long titles', () => {
    const synonyms = romeSynonyms([{ code: 'X', label: 'Agent / Agente', titles: ['Un intitulé vraiment beaucoup trop long'] }], { maxTitleWords: 4 });
    expect(synonyms['un intitule vraiment beaucoup trop long']).toBeUndefined();
  });
});

describe('meiliFilter', () => {
  it('shows the public only published offers, and an employer all of their own', () => {
    expect(meiliFilter({ index: 'offers', query: {} })).toBe('status = "published"');
    expect(meiliFilter({ index: 'offers', query: { statuses: ['draft'] } })).toBe('status = "published"');
    expect(meiliFilter({ index: 'offers', query: { employerId: 'e-1' } })).toBe('employerId = "e-1"');
    expect(meiliFilter({ index: 'offers', query: { employerId: 'e-1', statuses: ['draft', 'closed'] } })).toBe(
      'employerId = "e-1" AND status IN ["draft", "closed"]',
    );
  });

  it('shows only open immersion slots outside an employer scope', () => {
    expect(meiliFilter({ index: 'immersion_slots', query: { romeCodes: ['A1203'] } })).toBe('status = "open" AND romeCode IN ["A1203"]');
  });

  it('scopes youth to a structure and to those who consented', () => {
    expect(meiliFilter({ index: 'youth', query: { structureId: 's-1' } })).toBe('structureId = "s-1" AND searchable = true');
    expect(() => meiliFilter({ index: 'youth', query: { structureId: '' } })).toThrow(/structure/);
  });

  it('combines every filter with AND, and ignores empty lists', () => {
    expect(
      meiliFilter({
        index: 'offers',
        query: {
          romeCodes: ['D1106', 'D1214'],
          contractTypes: ['CDI'],
          schedules: ['evening', 'weekend'],
          near: { lat: 45.764043, lng: 4.835659, radiusKm: 10 },
        },
      }),
    ).toBe(
      'status = "published" AND romeCode IN ["D1106", "D1214"] AND contractType IN ["CDI"] AND ' +
        'schedules IN ["evening", "weekend"] AND _geoRadius(45.764043, 4.835659, 10000)',
    );
    expect(meiliFilter({ index: 'offers', query: { romeCodes: [], contractTypes: [], schedules: [] } })).toBe('status = "published"');
    expect(
      meiliFilter({ index: 'youth', query: { structureId: 's', romeCodes: ['G1602'], contractTypes: ['CDI', 'interim'] } }),
    ).toBe('structureId = "s" AND searchable = true AND targetRomeCodes IN ["G1602"] AND contractTypes IN ["CDI", "interim"]');
  });

  it('rounds a radius up to the metre: nothing at its edge is left out', () => {
    // A matching tier cut at 3.4320513 km must still hold an offer at 3.43205 km.
    expect(meiliFilter({ index: 'offers', query: { near: { lat: 45.764043, lng: 4.835659, radiusKm: 3.4320513 } } })).toBe(
      'status = "published" AND _geoRadius(45.764043, 4.835659, 3433)',
    );
    expect(meiliFilter({ index: 'offers', query: { near: { lat: 45.764043, lng: 4.835659, radiusKm: 0.3 } } })).toContain('_geoRadius(45.764043, 4.835659, 300)');
  });

  it('quotes and escapes values so that none can close its string', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote('back\\slash')).toBe('"back\\\\slash"');
    expect(quote('\\" OR status = "draft')).toBe('"\\\\\\" OR status = \\"draft"');
    expect(meiliFilter({ index: 'offers', query: { employerId: 'x" OR employerId != "' } })).toBe(
      'employerId = "x\\" OR employerId != \\""',
    );
  });

  it('expresses the radius in metres, coordinates never in exponent notation', () => {
    expect(meiliFilter({ index: 'immersion_slots', query: { near: { lat: 48.8566, lng: 2.3522, radiusKm: 2.5 } } })).toBe(
      'status = "open" AND _geoRadius(48.8566, 2.3522, 2500)',
    );
    expect(meiliFilter({ index: 'immersion_slots', query: { near: { lat: 0.0000001, lng: -0.5, radiusKm: 0.0104 } } })).toBe(
      'status = "open" AND _geoRadius(0.0000001, -0.5, 11)',
    );
    expect(coordinate(1e-9)).toBe('0');
    expect(coordinate(-21.1151)).toBe('-21.1151');
    expect(coordinate(45)).toBe('45');
  });

  it('refuses coordinates that are not coordinates', () => {
    for (const near of [
      { lat: Number.NaN, lng: 2, radiusKm: 1 },
      { lat: 91, lng: 2, radiusKm: 1 },
      { lat: 45, lng: 181, radiusKm: 1 },
      { lat: 45, lng: 2, radiusKm: 0 },
      { lat: 45, lng: 2, radiusKm: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => meiliFilter({ index: 'offers', query: { near } })).toThrow(RangeError);
    }
  });
});

describe('meiliSort and meiliQuery', () => {
  const near = { lat: 45.75, lng: 4.85, radiusKm: 10 };

  it('sorts newest first without text nor point, by distance with a point, always by id last', () => {
    expect(meiliSort({})).toEqual(['sortAt:desc', 'id:asc']);
    expect(meiliSort({ near })).toEqual(['_geoPoint(45.75, 4.85):asc', 'id:asc']);
    // With text, relevance (the ranking rules before `sort`) decides; these only break ties.
    expect(meiliSort({ q: 'cuisinier' })).toEqual(['id:asc']);
    expect(meiliSort({ q: 'cuisinier', near })).toEqual(['_geoPoint(45.75, 4.85):asc', 'id:asc']);
  });

  it('sends no text when only stop words or punctuation remain', () => {
    expect(meiliQuery('  de la ')).toBe('');
    expect(meiliQuery(' -- ')).toBe('');
    expect(meiliQuery(undefined)).toBe('');
    expect(meiliQuery(' agent de sécurité ')).toBe('agent de sécurité');
    // A word repeated, whatever its case or accents, is sent once, as the Postgres engine counts it.
    expect(meiliQuery('Agent agent AGENT de sécurité securite')).toBe('Agent de sécurité');
    expect(meiliSort({ q: 'de la' })).toEqual(['sortAt:desc', 'id:asc']);
  });
});
