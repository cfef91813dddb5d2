import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';
import { addDays, inDays, offerInput } from '../../helpers/factories.js';
import { todayInFrance } from '../../../src/core/calendar.js';

const t = await useTestContext();

async function countRows(table: 'offers' | 'outbox_events') {
  const rows = await t.deps.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return rows[0]!.n;
}

async function syncEvents(id: string) {
  return t.deps.db.execute<{ payload: { index: string; id: string } }>(
    sql`select payload from outbox_events where type = 'sync-search' and payload->>'id' = ${id} order by id`,
  );
}

/** An employer with a token, and a way to create offers for them. */
async function employerUser() {
  const { token, user } = await t.userWithToken('employer');
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/v1/offers', { token, json: offerInput(overrides) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string; [k: string]: any };
  };
  const publish = async (id: string) => {
    const res = await t.request('POST', `/v1/offers/${id}/publish`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  return { token, employerId: user.employerId!, create, publish };
}

describe('creating and reading offers', () => {
  it('creates a draft with the commune resolved, and enqueues a search sync in the same transaction', async () => {
    const { token, employerId } = await employerUser();
    const res = await t.request('POST', '/v1/offers', { token, json: offerInput({ schedules: ['day', 'day'] }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      employerId,
      status: 'draft',
      romeCode: 'D1106',
      romeLabel: 'Vendeur / Vendeuse en épicerie',
      contractType: 'cdd',
      schedules: ['day'],
      positions: 2,
      publishedAt: null,
      workplace: {
        communeInsee: '2A004',
        communeName: 'Ajaccio',
        // Ajaccio has several postcodes: none is picked for the employer.
        postcode: null,
        location: { lat: 41.92274, lng: 8.70583 },
        preciseLocation: false,
      },
    });
    expect(res.body.employerName).toMatch(/^Employeur/);
    expect(await syncEvents(res.body.id)).toEqual([{ payload: { index: 'offers', id: res.body.id } }]);

    const read = await t.request('GET', `/v1/offers/${res.body.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('accepts a postcode that belongs to one commune, and precise coordinates inside it', async () => {
    const { create } = await employerUser();
    const offer = await create({ workplace: { postcode: '69001', location: { lat: 45.7675, lng: 4.8339 } } });
    expect(offer.workplace).toEqual({
      communeInsee: '69381',
      communeName: 'Lyon 1er Arrondissement',
      postcode: '69001',
      location: { lat: 45.7675, lng: 4.8339 },
      preciseLocation: true,
    });
    const both = await create({ workplace: { communeInsee: '2A004', postcode: '20090' } });
    expect(both.workplace).toMatchObject({ communeName: 'Ajaccio', postcode: '20090' });
  });

  it('fills optional fields with their defaults', async () => {
    const { create } = await employerUser();
    const { requiredSkills, niceToHaveSkills, minEducationLevel, drivingLicenceRequired, positions, startDate, expiryDate, ...rest } = offerInput();
    void [requiredSkills, niceToHaveSkills, minEducationLevel, drivingLicenceRequired, positions, startDate, expiryDate];
    const offer = await create();
    const minimal = await t.request('POST', '/v1/offers', { token: (await t.userWithToken('employer')).token, json: rest });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toMatchObject({
      requiredSkills: [],
      niceToHaveSkills: [],
      minEducationLevel: null,
      drivingLicenceRequired: false,
      drivingLicenceUse: 'on_duty',
      positions: 1,
      startDate: null,
      expiryDate: null,
    });
    expect(offer.expiryDate).toBe(inDays(20));
  });

  it('lists the offers of the organisation, newest first, paginated and filtered by status', async () => {
    const { token, create, publish } = await employerUser();
    const a = await create({ title: 'A' });
    const b = await create({ title: 'B' });
    const c = await create({ title: 'C' });
    await publish(b.id);
    const page1 = await t.request('GET', '/v1/offers?limit=2', { token });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items.map((o: any) => o.id)).toEqual([c.id, b.id]);
    const page2 = await t.request('GET', '/v1/offers?limit=2&offset=2', { token });
    expect(page2.body.items.map((o: any) => o.id)).toEqual([a.id]);
    const published = await t.request('GET', '/v1/offers?status=published', { token });
    expect(published.body.items.map((o: any) => o.id)).toEqual([b.id]);
    const drafts = await t.request('GET', '/v1/offers?status=draft', { token });
    expect(drafts.body.total).toBe(2);
  });

  it('refuses a limit over 100 and an unknown status filter', async () => {
    const { token } = await employerUser();
    const res = await t.request('GET', '/v1/offers?limit=101&status=archived', { token });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(['query.limit', 'query.status']);
  });
});

describe('validation', () => {
  async function refused(json: Record<string, unknown>) {
    const { token } = await employerUser();
    const before = { offers: await countRows('offers'), outbox: await countRows('outbox_events') };
    const res = await t.request('POST', '/v1/offers', { token, json });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    // Nothing written on a refused request.
    expect({ offers: await countRows('offers'), outbox: await countRows('outbox_events') }).toEqual(before);
    return res.body.errors as { path: string; code: string; message: string }[];
  }
  const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`).sort();

  it('reports an unknown commune and an unknown ROME code together', async () => {
    const errors = await refused(offerInput({ romeCode: 'N9999', workplace: { communeInsee: '99999' } }));
    expect(codes(errors)).toEqual(['romeCode:unknown_rome_code', 'workplace.communeInsee:unknown_commune']);
  });

  it('refuses a postcode shared by several communes, naming them', async () => {
    const errors = await refused(offerInput({ workplace: { postcode: '01500' } }));
    expect(codes(errors)).toEqual(['workplace.postcode:ambiguous_postcode']);
    expect(errors[0]!.message).toContain('Ambérieu-en-Bugey (01004)');
  });

  it('refuses an unknown postcode, a postcode of another commune, and a missing commune', async () => {
    expect(codes(await refused(offerInput({ workplace: { postcode: '00000' } })))).toEqual(['workplace.postcode:unknown_commune']);
    expect(codes(await refused(offerInput({ workplace: { communeInsee: '2A004', postcode: '69001' } })))).toEqual([
      'workplace.postcode:postcode_mismatch',
    ]);
    expect(codes(await refused(offerInput({ workplace: { location: { lat: 45.7, lng: 4.8 } } })))).toEqual([
      'workplace.communeInsee:required',
    ]);
  });

  it('refuses coordinates outside France or far from the commune', async () => {
    const madrid = { lat: 40.4168, lng: -3.7038 };
    expect(codes(await refused(offerInput({ workplace: { communeInsee: '2A004', location: madrid } })))).toEqual([
      'workplace.location:outside_france',
    ]);
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(codes(await refused(offerInput({ workplace: { communeInsee: '2A004', location: paris } })))).toEqual([
      'workplace.location:too_far_from_commune',
    ]);
  });

  it('refuses negative or excessive hours, bad enums, zero positions, and a past expiry date', async () => {
    const errors = await refused(
      offerInput({
        hoursPerWeek: -5,
        contractType: 'freelance',
        schedules: ['dawn'],
        minEducationLevel: '9',
        positions: 0,
        expiryDate: inDays(-1),
        startDate: '2025-02-30',
      }),
    );
    expect(codes(errors)).toEqual([
      'contractType:invalid_value',
      'expiryDate:in_past',
      'hoursPerWeek:too_small',
      'minEducationLevel:invalid_value',
      'positions:too_small',
      'schedules.0:invalid_value',
      'startDate:invalid_date',
    ]);
    expect(codes(await refused(offerInput({ hoursPerWeek: 60 })))).toEqual(['hoursPerWeek:too_big']);
    expect(codes(await refused(offerInput({ drivingLicenceRequired: true, drivingLicenceUse: 'sometimes' })))).toEqual(['drivingLicenceUse:invalid_value']);
  });

  it('says why a licence is required: on duty, or only to get there', async () => {
    const { token, create } = await employerUser();
    const offer = await create({ drivingLicenceRequired: true, drivingLicenceUse: 'commute' });
    expect(offer).toMatchObject({ drivingLicenceRequired: true, drivingLicenceUse: 'commute' });
    const changed = await t.request('PATCH', `/v1/offers/${offer.id}`, { token, json: { drivingLicenceUse: 'on_duty' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ drivingLicenceRequired: true, drivingLicenceUse: 'on_duty' });
  });

  it('refuses a start date after the expiry date', async () => {
    expect(codes(await refused(offerInput({ startDate: inDays(21), expiryDate: inDays(20) })))).toEqual(['startDate:after_expiry']);
  });

  it('reports missing required fields by name', async () => {
    const errors = await refused({ title: 'Sans le reste' });
    expect(codes(errors)).toEqual([
      'contractType:required',
      'description:required',
      'hoursPerWeek:required',
      'romeCode:required',
      'schedules:required',
      'workplace:required',
    ]);
  });

  it('accepts an expiry date of today (the last open day)', async () => {
    const { create } = await employerUser();
    expect((await create({ startDate: null, expiryDate: todayInFrance() })).expiryDate).toBe(todayInFrance());
  });
});

describe('updating', () => {
  it('changes the fields given only, replaces the workplace, clears a field with null, and syncs search', async () => {
    const { token, create } = await employerUser();
    const offer = await create();
    const res = await t.request('PATCH', `/v1/offers/${offer.id}`, {
      token,
      json: { title: 'Nouveau titre', hoursPerWeek: 24.5, workplace: { postcode: '69001' }, startDate: null },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Nouveau titre',
      hoursPerWeek: 24.5,
      startDate: null,
      description: offer.description,
      romeCode: 'D1106',
      workplace: { communeInsee: '69381', postcode: '69001', preciseLocation: false },
    });
    expect(new Date(res.body.updatedAt) >= new Date(offer.updatedAt)).toBe(true);
    expect(await syncEvents(offer.id)).toHaveLength(2);
  });

  it('refuses bad fields with their paths and changes nothing', async () => {
    const { token, create } = await employerUser();
    const offer = await create();
    const res = await t.request('PATCH', `/v1/offers/${offer.id}`, {
      token,
      json: { title: 'Ne doit pas rester', romeCode: 'N0000', workplace: { postcode: '01500' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => `${e.path}:${e.code}`).sort()).toEqual([
      'romeCode:unknown_rome_code',
      'workplace.postcode:ambiguous_postcode',
    ]);
    const read = await t.request('GET', `/v1/offers/${offer.id}`, { token });
    expect(read.body).toEqual(offer);
    expect(await syncEvents(offer.id)).toHaveLength(1);
  });

  it('refuses dates that would cross with the stored ones, and takes them when they agree', async () => {
    const { token, create } = await employerUser();
    const offer = await create(); // starts in 10 days, expires in 20
    for (const json of [{ startDate: inDays(25) }, { expiryDate: inDays(5) }, { startDate: inDays(30), expiryDate: inDays(29) }]) {
      const res = await t.request('PATCH', `/v1/offers/${offer.id}`, { token, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'startDate', code: 'after_expiry' })]);
    }
    const moved = await t.request('PATCH', `/v1/offers/${offer.id}`, { token, json: { startDate: inDays(30), expiryDate: inDays(30) } });
    expect(moved.status).toBe(200);
    const cleared = await t.request('PATCH', `/v1/offers/${offer.id}`, { token, json: { expiryDate: null } });
    expect(cleared.body).toMatchObject({ startDate: inDays(30), expiryDate: null });
  });

  it('answers 404 for an offer that does not exist', async () => {
    const { token } = await employerUser();
    const res = await t.request('PATCH', '/v1/offers/00000000-0000-4000-8000-000000000000', { token, json: { title: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('states', () => {
  it('goes draft → published → closed → published, and syncs search at each step', async () => {
    const { token, create } = await employerUser();
    const offer = await create();
    const published = await t.request('POST', `/v1/offers/${offer.id}/publish`, { token });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).not.toBeNull();
    const closed = await t.request('POST', `/v1/offers/${offer.id}/close`, { token });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    const again = await t.request('POST', `/v1/offers/${offer.id}/publish`, { token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'published', closedAt: null });
    expect(await syncEvents(offer.id)).toHaveLength(4);
  });

  it('refuses a transition the state does not allow with 409 and the current state, writing nothing', async () => {
    const { token, create, publish } = await employerUser();
    const draft = await create();
    const closeDraft = await t.request('POST', `/v1/offers/${draft.id}/close`, { token });
    expect(closeDraft.status).toBe(409);
    expect(closeDraft.body).toMatchObject({ code: 'invalid_state', currentState: 'draft' });

    const offer = await create();
    await publish(offer.id);
    const twice = await t.request('POST', `/v1/offers/${offer.id}/publish`, { token });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_state', currentState: 'published' });
    await t.request('POST', `/v1/offers/${offer.id}/close`, { token });
    const closeTwice = await t.request('POST', `/v1/offers/${offer.id}/close`, { token });
    expect(closeTwice.status).toBe(409);
    expect(closeTwice.body.currentState).toBe('closed');
    expect(await syncEvents(draft.id)).toHaveLength(1);
    expect(await syncEvents(offer.id)).toHaveLength(3);
  });
});

describe('who may do what', () => {
  it("hides another organisation's offers from an employer (404), for reading and writing", async () => {
    const owner = await employerUser();
    const other = await employerUser();
    const offer = await owner.create();
    await owner.publish(offer.id);
    for (const [method, path, json] of [
      ['GET', `/v1/offers/${offer.id}`, undefined],
      ['PATCH', `/v1/offers/${offer.id}`, { title: 'Volé' }],
      ['POST', `/v1/offers/${offer.id}/close`, undefined],
      ['POST', `/v1/offers/${offer.id}/publish`, undefined],
    ] as const) {
      const res = await t.request(method, path, { token: other.token, json });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await t.request('GET', '/v1/offers', { token: other.token });
    expect(list.body.items.map((o: any) => o.id)).not.toContain(offer.id);
    const read = await t.request('GET', `/v1/offers/${offer.id}`, { token: owner.token });
    expect(read.body.title).toBe(offer.title);
  });

  it('refuses an employer creating an offer for another organisation', async () => {
    const { token } = await employerUser();
    const otherEmployer = await t.employer();
    const res = await t.request('POST', '/v1/offers', { token, json: offerInput({ employerId: otherEmployer.id }) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toMatchObject([{ path: 'employerId', code: 'not_allowed' }]);
  });

  for (const role of ['advisor', 'organiser'] as const) {
    it(`lets an ${role} read published offers of every employer, but not drafts or closed ones, and never write`, async () => {
      const employerA = await employerUser();
      const employerB = await employerUser();
      const draft = await employerA.create();
      const published = await employerA.create();
      await employerA.publish(published.id);
      const publishedB = await employerB.create();
      await employerB.publish(publishedB.id);
      const closed = await employerB.create();
      await employerB.publish(closed.id);
      await t.request('POST', `/v1/offers/${closed.id}/close`, { token: employerB.token });

      const { token } = await t.userWithToken(role);
      expect((await t.request('GET', `/v1/offers/${published.id}`, { token })).status).toBe(200);
      expect((await t.request('GET', `/v1/offers/${publishedB.id}`, { token })).status).toBe(200);
      expect((await t.request('GET', `/v1/offers/${draft.id}`, { token })).status).toBe(404);
      expect((await t.request('GET', `/v1/offers/${closed.id}`, { token })).status).toBe(404);

      const list = await t.request('GET', `/v1/offers?employerId=${employerA.employerId}`, { token });
      expect(list.body.items.map((o: any) => o.id)).toEqual([published.id]);
      const drafts = await t.request('GET', '/v1/offers?status=draft', { token });
      expect(drafts.body).toMatchObject({ items: [], total: 0 });

      const writes = [
        await t.request('POST', '/v1/offers', { token, json: offerInput() }),
        await t.request('PATCH', `/v1/offers/${published.id}`, { token, json: { title: 'x' } }),
        await t.request('POST', `/v1/offers/${published.id}/close`, { token }),
        await t.request('POST', `/v1/offers/${draft.id}/publish`, { token }),
      ];
      for (const res of writes) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    });
  }

  it('lets an admin create for any organisation (naming it), read drafts, and change any offer', async () => {
    const employerA = await employerUser();
    const draft = await employerA.create();
    const { token } = await t.userWithToken('admin');

    const missing = await t.request('POST', '/v1/offers', { token, json: offerInput() });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toMatchObject([{ path: 'employerId', code: 'required' }]);
    const unknown = await t.request('POST', '/v1/offers', {
      token,
      json: offerInput({ employerId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.body.errors).toMatchObject([{ path: 'employerId', code: 'unknown_employer' }]);

    const created = await t.request('POST', '/v1/offers', { token, json: offerInput({ employerId: employerA.employerId }) });
    expect(created.status).toBe(201);
    expect(created.body.employerId).toBe(employerA.employerId);

    expect((await t.request('GET', `/v1/offers/${draft.id}`, { token })).status).toBe(200);
    expect((await t.request('PATCH', `/v1/offers/${draft.id}`, { token, json: { positions: 3 } })).body.positions).toBe(3);
    expect((await t.request('POST', `/v1/offers/${draft.id}/publish`, { token })).status).toBe(200);
    const list = await t.request('GET', `/v1/offers?employerId=${employerA.employerId}`, { token });
    expect(list.body.total).toBe(2);
  });

  it('asks for a token', async () => {
    const res = await t.request('GET', '/v1/offers');
    expect(res.status).toBe(401);
  });
});
