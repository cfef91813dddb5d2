import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { countRows, syncJobsFor, yearsAgo, youthInput } from '../../helpers/factories.js';

const t = await useTestContext();
const { token, user } = await t.userWithToken('advisor');

const create = (json: unknown) => t.request('POST', '/v1/youth', { token, json });

/** Posts a refused body and checks that nothing was written. */
async function refused(json: unknown) {
  const before = await countRows(t);
  const res = await create(json);
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code).toBe('validation_failed');
  expect(await countRows(t)).toEqual(before);
  return res.body.errors as { path: string; code: string; message: string }[];
}

describe('POST /v1/youth', () => {
  it('creates a profile in the advisor’s structure with every field, normalised', async () => {
    const started = Date.now();
    const res = await create(youthInput());
    expect(res.status).toBe(201);
    const y = res.body;
    expect(y).toMatchObject({
      structureId: user.structureId,
      firstName: 'Éloïse',
      lastName: 'Martin',
      gender: 'female',
      email: 'eloise.martin@example.test',
      phone: '+33612345678',
      address: '12 rue des Lilas',
      communeInsee: '69383',
      communeName: 'Lyon 3e Arrondissement',
      postcode: '69003',
      nationality: 'FR',
      photoUrl: null,
      qpv: true,
      rqth: false,
      targetRomeCodes: ['D1102', 'G1602'],
      skills: ['Pétrissage', 'Hygiène alimentaire'],
      languages: [
        { code: 'fr', level: 'native' },
        { code: 'en', level: 'B1' },
      ],
      educationLevel: '3',
      experiences: [{ title: 'Apprentie boulangère', romeCode: 'D1102', months: 8, description: 'Chez Martin, 3 ans en tout' }],
      availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
      contractTypes: ['apprenticeship', 'cdd'],
      mobility: { modes: ['public_transport', 'bike'], drivingLicence: false, maxCommuteMinutes: 45 },
      barriers: ['childcare'],
      consent: { anonymisedSharing: true, withdrawnAt: null },
    });
    // Consent is dated by the server.
    const givenAt = Date.parse(y.consent.givenAt);
    expect(givenAt).toBeGreaterThanOrEqual(started - 1000);
    expect(givenAt).toBeLessThanOrEqual(Date.now() + 1000);

    const fetched = await t.request('GET', `/v1/youth/${y.id}`, { token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(y);
  });

  it('enqueues a search sync in the same transaction', async () => {
    const res = await create(youthInput());
    expect(res.status).toBe(201);
    const jobs = await syncJobsFor(t, res.body.id);
    expect(jobs.map((j) => j.payload)).toEqual([{ index: 'youth', id: res.body.id }]);
  });

  it('fills optional fields with defaults and leaves consent undated when not given', async () => {
    const minimal = {
      firstName: 'Noah',
      lastName: 'Petit',
      birthDate: yearsAgo(22),
      email: 'noah@example.test',
      phone: '+33 7 81 23 45 67',
      communeInsee: '69383',
      educationLevel: 'none',
      availability: { from: '2026-02-01', maxHoursPerWeek: 20, schedules: ['day'] },
      mobility: { modes: [], drivingLicence: true, maxCommuteMinutes: 30 },
    };
    const res = await create(minimal);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      gender: 'undisclosed',
      address: null,
      nationality: null,
      qpv: false,
      rqth: false,
      postcode: '69003',
      targetRomeCodes: [],
      skills: [],
      languages: [],
      experiences: [],
      contractTypes: [],
      barriers: [],
      phone: '+33781234567',
      consent: { anonymisedSharing: false, givenAt: null, withdrawnAt: null },
    });
  });

  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['0692 12 34 56', '+262692123456'],
  ])('stores phone %j as %j', async (phone, e164) => {
    const res = await create(youthInput({ phone }));
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe(e164);
  });

  describe('commune', () => {
    it('accepts an INSEE code and a postcode that belong together', async () => {
      const res = await create(youthInput({ communeInsee: '44109', postcode: '44300' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ communeInsee: '44109', postcode: '44300', communeName: 'Nantes' });
    });

    it('refuses an unknown INSEE code or postcode with unknown_commune, a postcode of another commune with postcode_mismatch', async () => {
      expect(await refused(youthInput({ postcode: undefined, communeInsee: '99999' }))).toEqual([
        expect.objectContaining({ path: 'communeInsee', code: 'unknown_commune' }),
      ]);
      expect(await refused(youthInput({ postcode: '00000' }))).toEqual([
        expect.objectContaining({ path: 'postcode', code: 'unknown_commune' }),
      ]);
      expect(await refused(youthInput({ communeInsee: '44109', postcode: '69003' }))).toEqual([
        expect.objectContaining({ path: 'postcode', code: 'postcode_mismatch' }),
      ]);
      expect(await refused(youthInput({ postcode: 'ABCDE' }))).toEqual([
        expect.objectContaining({ path: 'postcode', code: 'unknown_commune' }),
      ]);
    });

    it('refuses a postcode shared by several communes, listing them and nothing personal', async () => {
      const input = youthInput({ postcode: '01500' });
      const errors = await refused(input);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ path: 'postcode', code: 'ambiguous_postcode' });
      expect(errors[0]!.message).toContain('Ambérieu-en-Bugey (01004)');
      for (const personal of ['Éloïse', 'Martin', 'eloise', '12 rue', '06 12', '+336']) {
        expect(errors[0]!.message).not.toContain(personal);
      }
    });

    it('asks for the postcode when the commune has several', async () => {
      expect(await refused(youthInput({ postcode: undefined, communeInsee: '44109' }))).toEqual([
        expect.objectContaining({ path: 'postcode', code: 'required' }),
      ]);
    });

    it('requires one of the INSEE code or the postcode', async () => {
      expect(await refused(youthInput({ postcode: undefined }))).toEqual([
        expect.objectContaining({ path: 'communeInsee', code: 'required' }),
      ]);
    });
  });

  describe('age', () => {
    it('accepts 16 and 25 year-olds, on the day of the birthday', async () => {
      for (const birthDate of [yearsAgo(16), yearsAgo(26, -1)]) {
        const res = await create(youthInput({ birthDate }));
        expect(res.status, birthDate).toBe(201);
      }
    });

    it('refuses 15 and 26 year-olds with age_out_of_range', async () => {
      for (const birthDate of [yearsAgo(16, -1), yearsAgo(26)]) {
        expect(await refused(youthInput({ birthDate }))).toEqual([
          expect.objectContaining({ path: 'birthDate', code: 'age_out_of_range' }),
        ]);
      }
    });
  });

  describe('bad input: 422 with the field path and a stable code', () => {
    it.each([
      ['unknown target ROME code', { targetRomeCodes: ['D1102', 'N9999'] }, 'targetRomeCodes.1', 'unknown_rome_code'],
      ['malformed ROME code', { targetRomeCodes: ['bakery'] }, 'targetRomeCodes.0', 'unknown_rome_code'],
      ['duplicate ROME code', { targetRomeCodes: ['D1102', 'd1102'] }, 'targetRomeCodes.1', 'duplicate'],
      [
        'unknown experience ROME code',
        { experiences: [{ title: 'Vendeur', romeCode: 'N9999', months: 3 }] },
        'experiences.0.romeCode',
        'unknown_rome_code',
      ],
      ['invalid phone', { phone: '+44 20 7946 0958' }, 'phone', 'invalid_phone'],
      ['short phone', { phone: '06 12 34' }, 'phone', 'invalid_phone'],
      ['bad e-mail', { email: 'eloise@' }, 'email', 'invalid_email'],
      ['missing e-mail', { email: undefined }, 'email', 'required'],
      ['negative hours', { availability: { from: '2026-01-05', maxHoursPerWeek: -5, schedules: ['day'] } }, 'availability.maxHoursPerWeek', 'too_small'],
      ['too many hours', { availability: { from: '2026-01-05', maxHoursPerWeek: 60, schedules: ['day'] } }, 'availability.maxHoursPerWeek', 'too_big'],
      ['impossible date', { availability: { from: '2026-02-30', maxHoursPerWeek: 35, schedules: ['day'] } }, 'availability.from', 'invalid_date'],
      ['no schedule', { availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: [] } }, 'availability.schedules', 'too_small'],
      ['unknown schedule', { availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: ['lunch'] } }, 'availability.schedules.0', 'invalid_value'],
      ['bad birth date', { birthDate: '12/04/2006' }, 'birthDate', 'invalid_date'],
      ['negative commute', { mobility: { modes: [], drivingLicence: false, maxCommuteMinutes: -1 } }, 'mobility.maxCommuteMinutes', 'too_small'],
      ['unknown mode', { mobility: { modes: ['horse'], drivingLicence: false, maxCommuteMinutes: 30 } }, 'mobility.modes.0', 'invalid_value'],
      ['negative months', { experiences: [{ title: 'Vendeur', romeCode: null, months: -2 }] }, 'experiences.0.months', 'too_small'],
      ['unknown contract type', { contractTypes: ['freelance'] }, 'contractTypes.0', 'invalid_value'],
      ['unknown barrier', { barriers: ['money'] }, 'barriers.0', 'invalid_value'],
      ['unknown education level', { educationLevel: '9' }, 'educationLevel', 'invalid_value'],
      ['duplicate language', { languages: [{ code: 'fr', level: 'C2' }, { code: 'FR', level: 'B1' }] }, 'languages.1.code', 'duplicate'],
      ['bad language level', { languages: [{ code: 'fr', level: 'fluent' }] }, 'languages.0.level', 'invalid_value'],
      ['empty first name', { firstName: '  ' }, 'firstName', 'too_small'],
      ['bad nationality', { nationality: 'France' }, 'nationality', 'invalid_country'],
      ['photo not https', { photoUrl: 'http://example.test/p.jpg' }, 'photoUrl', 'invalid_url'],
    ])('%s', async (_label, override, path, code) => {
      const errors = await refused(youthInput(override));
      expect(errors).toContainEqual(expect.objectContaining({ path, code }));
    });

    it('reports every reference-data error at once', async () => {
      const errors = await refused(youthInput({ birthDate: yearsAgo(30), postcode: '00000', targetRomeCodes: ['N9999'] }));
      expect(errors.map((e) => `${e.path}:${e.code}`).sort()).toEqual([
        'birthDate:age_out_of_range',
        'postcode:unknown_commune',
        'targetRomeCodes.0:unknown_rome_code',
      ]);
    });
  });
});
