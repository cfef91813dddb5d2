import { describe, expect, it } from 'vitest';
import { toYouthDocument } from '../../../src/adapters/search/documents.js';
import type { YouthProfile } from '../../../src/domain/youth-profile.js';
import { loadYouthDocuments, youthIdBatches } from '../../../src/modules/youth/youth-documents.js';
import { useTestContext } from '../../helpers/context.js';
import { youthInput } from '../../helpers/factories.js';

const profile: YouthProfile = {
  id: '7d0a7a4e-1f7c-4d53-9a43-2b0f5c1d9e11',
  firstName: 'Yasmine',
  lastName: 'Benali',
  birthDate: '2006-03-14',
  gender: 'female',
  email: 'yasmine.benali@example.test',
  phone: '+33612345678',
  address: '8 allée des Tilleuls',
  communeInsee: '69383',
  postcode: '69003',
  nationality: 'DZ',
  photoUrl: 'https://photos.example.test/yasmine.jpg',
  qpv: true,
  rqth: true,
  targetRomeCodes: ['D1102', 'G1602'],
  skills: ['Pétrissage', 'Benali pâtisserie', 'yasmine.benali@example.test'],
  languages: [
    { code: 'fr', level: 'native' },
    { code: 'ar', level: 'C1' },
  ],
  educationLevel: '3',
  experiences: [
    {
      title: 'Apprentie chez Boulangerie Benali',
      romeCode: 'D1102',
      months: 12,
      description: 'Yasmine, 19 ans, née le 14/03/2006, 8 allée des Tilleuls 69003 Lyon. Tél 06 12 34 56 78.',
    },
  ],
  availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: ['day', 'evening', 'night', 'weekend'] },
  contractTypes: ['apprenticeship'],
  mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 40 },
  barriers: ['childcare', 'health', 'housing'],
  consent: { anonymisedSharing: true, givenAt: '2026-01-02T10:00:00.000Z' },
};
const extras = {
  structureId: 'a3c1f0de-5b7e-4c2a-8d1e-0f9b6a7c5d33',
  location: { lat: 45.75141, lng: 4.86848 },
  romeLabels: { D1102: 'Boulanger / Boulangère', G1602: 'Commis / Commise de cuisine' },
  updatedAt: '2026-01-03T08:00:00.000Z',
};

describe('toYouthDocument', () => {
  const document = toYouthDocument(profile, extras);
  const json = JSON.stringify(document);

  it('contains no identity, protected attribute nor barrier', () => {
    const forbidden = [
      'Yasmine',
      'yasmine',
      'Benali',
      'benali',
      'example.test',
      '+33612345678',
      '06 12 34 56 78',
      '2006-03-14',
      '14/03/2006',
      'Tilleuls',
      '69003',
      '69383',
      'female',
      'DZ',
      'photos',
      'qpv',
      'rqth',
      'gender',
      'nationality',
      'birth',
      'address',
      'postcode',
      'barrier',
      'childcare',
      'health',
      'housing',
      'isMinor',
      'phone',
      'email',
    ];
    for (const value of forbidden) expect(json, value).not.toContain(value);
    expect(Object.keys(document).sort()).toEqual(
      [
        'availableFrom',
        'contractTypes',
        'educationLevel',
        'experiences',
        'id',
        'languages',
        'location',
        'pseudonym',
        'romeLabels',
        'schedules',
        'searchable',
        'skills',
        'structureId',
        'targetRomeCodes',
        'updatedAt',
      ].sort(),
    );
  });

  it('keeps what search needs', () => {
    expect(document).toMatchObject({
      id: profile.id,
      structureId: extras.structureId,
      pseudonym: expect.stringMatching(/^Candidat·e [0-9A-F]{4}$/),
      targetRomeCodes: ['D1102', 'G1602'],
      romeLabels: ['Boulanger / Boulangère', 'Commis / Commise de cuisine'],
      educationLevel: '3',
      languages: ['fr', 'ar'],
      contractTypes: ['apprenticeship'],
      availableFrom: '2026-01-05',
      location: extras.location,
      searchable: true,
      updatedAt: extras.updatedAt,
    });
    expect(document.skills).toContain('Pétrissage');
    expect(document.experiences[0]).toContain('Apprenti·e chez Boulangerie');
  });

  it('drops the schedules a barrier rules out, without naming the barrier', () => {
    expect(document.schedules).toEqual(['day', 'evening']);
  });

  it('is not searchable without consent', () => {
    const withoutConsent = toYouthDocument({ ...profile, consent: { anonymisedSharing: false, givenAt: null } }, extras);
    expect(withoutConsent.searchable).toBe(false);
  });
});

describe('loadYouthDocuments', async () => {
  const t = await useTestContext();
  const { token } = await t.userWithToken('advisor');
  const ids: string[] = [];
  for (const [lastName, postcode] of [['Martin', '69003'], ['Durand', '44300']] as const) {
    const res = await t.request('POST', '/v1/youth', {
      token,
      json: youthInput({ lastName, postcode, communeInsee: postcode === '44300' ? '44109' : undefined }),
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }

  it('builds many documents in one go, leaving out unknown ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const documents = await loadYouthDocuments(t.deps.db, [ids[0]!, unknown, ids[1]!]);
    expect(documents.map((d) => d.id).sort()).toEqual([...ids].sort());
    const lyon = documents.find((d) => d.id === ids[0])!;
    expect(lyon).toMatchObject({
      location: { lat: 45.75141, lng: 4.86848 },
      romeLabels: ['Boulanger / Boulangère', 'Commis / Commise de cuisine'],
      schedules: ['day'],
      searchable: true,
    });
    const nantes = documents.find((d) => d.id === ids[1])!;
    expect(nantes.location).toEqual({ lat: 47.23823, lng: -1.56033 });
    // The experience text of both says "Chez Martin": scrubbed where Martin is the youth's name.
    expect(lyon.experiences).toContain('Chez […], 3 ans en tout');
    expect(nantes.experiences).toContain('Chez Martin, 3 ans en tout');
    for (const [document, own] of [[lyon, 'Martin'], [nantes, 'Durand']] as const) {
      const json = JSON.stringify(document);
      for (const value of ['Éloïse', own, 'eloise', '+336', '06 12', '69003', '69383', '44109', '44300', 'Lilas', 'childcare']) {
        expect(json, value).not.toContain(value);
      }
    }
    expect(await loadYouthDocuments(t.deps.db, [])).toEqual([]);
  });

  it('pages every youth id for a reindex', async () => {
    const batches: string[][] = [];
    for await (const batch of youthIdBatches(t.deps.db, 1)) batches.push(batch);
    expect(batches).toEqual([...ids].sort().map((id) => [id]));
  });
});
