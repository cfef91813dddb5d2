import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { countRows, syncJobsFor, yearsAgo, youthInput } from '../../helpers/factories.js';

const t = await useTestContext();
const { token } = await t.userWithToken('advisor');

async function newYouth(overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/v1/youth', { token, json: youthInput(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}
const patch = (id: string, json: unknown) => t.request('PATCH', `/v1/youth/${id}`, { token, json });

describe('PATCH /v1/youth/{id}', () => {
  it('replaces the fields sent and keeps the others', async () => {
    const y = await newYouth();
    const res = await patch(y.id, {
      lastName: 'Martin-Diallo',
      phone: '07 81 23 45 67',
      email: ' NEW@Example.test',
      address: null,
      skills: ['Vente'],
      targetRomeCodes: ['d1106'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      firstName: 'Éloïse',
      lastName: 'Martin-Diallo',
      phone: '+33781234567',
      email: 'new@example.test',
      address: null,
      skills: ['Vente'],
      targetRomeCodes: ['D1106'],
      languages: y.languages,
      barriers: ['childcare'],
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(y.updatedAt));
    expect((await t.request('GET', `/v1/youth/${y.id}`, { token })).body).toEqual(res.body);
  });

  it('merges partial availability and mobility', async () => {
    const y = await newYouth();
    const res = await patch(y.id, { availability: { maxHoursPerWeek: 24 }, mobility: { drivingLicence: true, modes: ['car', 'car'] } });
    expect(res.status).toBe(200);
    expect(res.body.availability).toEqual({ ...y.availability, maxHoursPerWeek: 24 });
    expect(res.body.mobility).toEqual({ modes: ['car'], drivingLicence: true, maxCommuteMinutes: 45 });
  });

  it('moves the youth to another commune', async () => {
    const y = await newYouth();
    const res = await patch(y.id, { communeInsee: '44109', postcode: '44200' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ communeInsee: '44109', postcode: '44200', communeName: 'Nantes' });
    const byPostcode = await patch(y.id, { postcode: '69003' });
    expect(byPostcode.body).toMatchObject({ communeInsee: '69383', postcode: '69003' });
  });

  it('enqueues a search sync for each change, none for an empty patch', async () => {
    const y = await newYouth();
    expect(await syncJobsFor(t, y.id)).toHaveLength(1);
    expect((await patch(y.id, { skills: ['Caisse'] })).status).toBe(200);
    expect(await syncJobsFor(t, y.id)).toHaveLength(2);
    const unchanged = await patch(y.id, {});
    expect(unchanged.status).toBe(200);
    expect(await syncJobsFor(t, y.id)).toHaveLength(2);
  });

  describe('consent', () => {
    it('dates consent when given, keeps the first date when given again, and records a withdrawal', async () => {
      const y = await newYouth({ consent: { anonymisedSharing: false } });
      expect(y.consent).toEqual({ anonymisedSharing: false, givenAt: null, withdrawnAt: null });

      const given = await patch(y.id, { consent: { anonymisedSharing: true } });
      expect(given.body.consent.anonymisedSharing).toBe(true);
      expect(given.body.consent.givenAt).not.toBeNull();

      const again = await patch(y.id, { consent: { anonymisedSharing: true } });
      expect(again.body.consent.givenAt).toBe(given.body.consent.givenAt);

      const withdrawn = await patch(y.id, { consent: { anonymisedSharing: false } });
      expect(withdrawn.body.consent.anonymisedSharing).toBe(false);
      expect(withdrawn.body.consent.givenAt).toBeNull();
      expect(withdrawn.body.consent.withdrawnAt).not.toBeNull();
    });

    it('serialises concurrent changes: each one is dated after the one it waited for', async () => {
      // Given once at creation, so that every withdrawal among the changes below has a date,
      // whichever of them the database happens to apply first.
      const y = await newYouth({ consent: { anonymisedSharing: true } });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => patch(y.id, { consent: { anonymisedSharing: i % 2 === 0 } })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      // Every state a change left behind, the last one included, reads consistently.
      const { body: last } = await t.request('GET', `/v1/youth/${y.id}`, { token });
      for (const { anonymisedSharing, givenAt, withdrawnAt } of [...results.map((r) => r.body.consent), last.consent]) {
        if (anonymisedSharing) {
          expect(givenAt).not.toBeNull();
          if (withdrawnAt) expect(Date.parse(givenAt)).toBeGreaterThan(Date.parse(withdrawnAt));
        } else {
          expect(givenAt).toBeNull();
          expect(withdrawnAt).not.toBeNull();
        }
      }
    });

    it('ignores a date sent by the client', async () => {
      const y = await newYouth({ consent: { anonymisedSharing: false } });
      const res = await patch(y.id, { consent: { anonymisedSharing: true, givenAt: '2001-01-01T00:00:00Z' } });
      expect(res.status).toBe(200);
      expect(res.body.consent.givenAt.startsWith('2001')).toBe(false);
    });
  });

  it('checks the age against the day the profile was created', async () => {
    const y = await newYouth();
    // Created a year ago: a youth then 25 may be 26 today and stay followed.
    await t.deps.db.execute(sql`update youth set created_at = created_at - interval '1 year' where id = ${y.id}`);
    const ok = await patch(y.id, { birthDate: yearsAgo(26, 10) });
    expect(ok.status).toBe(200);
    const tooOld = await patch(y.id, { birthDate: yearsAgo(28) });
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.errors).toEqual([expect.objectContaining({ path: 'birthDate', code: 'age_out_of_range' })]);
  });

  it('refuses bad input with 422 and writes nothing', async () => {
    const y = await newYouth();
    const before = await countRows(t);
    const cases: [unknown, string, string][] = [
      [{ targetRomeCodes: ['D1102', 'N9999'] }, 'targetRomeCodes.1', 'unknown_rome_code'],
      [{ phone: '12345' }, 'phone', 'invalid_phone'],
      [{ email: 'not an e-mail' }, 'email', 'invalid_email'],
      [{ availability: { maxHoursPerWeek: -1 } }, 'availability.maxHoursPerWeek', 'too_small'],
      [{ availability: { from: '2026-13-01' } }, 'availability.from', 'invalid_date'],
      [{ communeInsee: '99999' }, 'communeInsee', 'unknown_commune'],
      [{ postcode: '01500' }, 'postcode', 'ambiguous_postcode'],
      [{ firstName: null }, 'firstName', 'invalid_type'],
      // A valid change alongside an invalid one is not applied either.
      [{ skills: ['Nouveau'], targetRomeCodes: ['N9999'] }, 'targetRomeCodes.0', 'unknown_rome_code'],
    ];
    for (const [json, path, code] of cases) {
      const res = await patch(y.id, json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await countRows(t)).toEqual(before);
    const after = await t.request('GET', `/v1/youth/${y.id}`, { token });
    expect(after.body).toEqual(y);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await patch('00000000-0000-4000-8000-000000000000', { skills: [] })).status).toBe(404);
    const bad = await patch('not-a-uuid', { skills: [] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('param.id');
  });
});
