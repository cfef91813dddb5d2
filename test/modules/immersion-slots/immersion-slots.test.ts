import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../../helpers/context.js';
import { inDays, slotInput } from '../../helpers/factories.js';
import { allSlotIds, loadImmersionSlotDocuments } from '../../../src/modules/immersion-slots/slot-documents.js';
import { todayInFrance } from '../../../src/core/calendar.js';

const t = await useTestContext();


const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`).sort();

async function countRows(table: 'immersion_slots' | 'outbox_events') {
  return (await t.deps.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
}
const syncEvents = (id: string) =>
  t.deps.db.execute<{ payload: unknown }>(sql`select payload from outbox_events where type = 'sync-search' and payload->>'id' = ${id}`);

async function employerUser() {
  const { token, user } = await t.userWithToken('employer');
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/v1/immersion-slots', { token, json: slotInput(overrides) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; [k: string]: any };
  };
  return { token, employerId: user.employerId!, create };
}

describe('creating and reading slots', () => {
  it('opens a slot from a job title, which implies its ROME code, and syncs search', async () => {
    const { token, employerId, create } = await employerUser();
    const slot = await create();
    expect(slot).toMatchObject({
      employerId,
      status: 'open',
      title: 'Epicier / Epicière',
      romeCode: 'D1106',
      romeLabel: 'Vendeur / Vendeuse en épicerie',
      appellation: { ogr: 14863, label: 'Epicier / Epicière' },
      workplace: { communeInsee: '69381', communeName: 'Lyon 1er Arrondissement', postcode: '69001', preciseLocation: false },
      // Tidied: e-mail lower-cased, phone in E.164.
      tutor: { name: 'Samia Benali', job: 'Gérante', email: 'samia.benali@epicerie.example', phone: '+33612345678' },
      capacity: 2,
      availableFrom: inDays(7),
      availableTo: inDays(60),
      schedules: ['day'],
      hoursPerWeek: 30,
      closedAt: null,
    });
    expect(await syncEvents(slot.id)).toEqual([{ payload: { index: 'immersion_slots', id: slot.id } }]);
    const read = await t.request('GET', `/v1/immersion-slots/${slot.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(slot);
  });

  it('opens a slot from a ROME code alone, titled by the code', async () => {
    const { create } = await employerUser();
    const slot = await create({ appellationOgr: undefined, romeCode: 'd1102', capacity: undefined });
    expect(slot).toMatchObject({ romeCode: 'D1102', title: 'Boulanger / Boulangère', appellation: null, capacity: 1 });
  });

  it('lists the organisation’s slots, paginated and filtered by status', async () => {
    const { token, create } = await employerUser();
    const a = await create();
    const b = await create();
    await t.request('POST', `/v1/immersion-slots/${a.id}/close`, { token });
    const all = await t.request('GET', '/v1/immersion-slots?limit=1', { token });
    expect(all.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(all.body.items.map((s: any) => s.id)).toEqual([b.id]);
    const closed = await t.request('GET', '/v1/immersion-slots?status=closed', { token });
    expect(closed.body.items.map((s: any) => s.id)).toEqual([a.id]);
  });
});

describe('validation', () => {
  async function refused(json: Record<string, unknown>) {
    const { token } = await employerUser();
    const before = { slots: await countRows('immersion_slots'), outbox: await countRows('outbox_events') };
    const res = await t.request('POST', '/v1/immersion-slots', { token, json });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect({ slots: await countRows('immersion_slots'), outbox: await countRows('outbox_events') }).toEqual(before);
    return codes(res.body.errors);
  }

  it('refuses a period that ends before it starts, together with reference errors', async () => {
    expect(
      await refused(slotInput({ availableFrom: inDays(30), availableTo: inDays(10), workplace: { communeInsee: '00000' }, appellationOgr: 1 })),
    ).toEqual(['appellationOgr:unknown_appellation', 'availableTo:end_before_start', 'workplace.communeInsee:unknown_commune']);
  });

  it('refuses a ROME code that does not match the job title, or that does not exist', async () => {
    expect(await refused(slotInput({ romeCode: 'D1102' }))).toEqual(['romeCode:rome_code_mismatch']);
    expect(await refused(slotInput({ appellationOgr: undefined, romeCode: 'Q0000' }))).toEqual(['romeCode:unknown_rome_code']);
    expect(await refused(slotInput({ appellationOgr: undefined }))).toEqual(['romeCode:required']);
  });

  it('refuses values the database could not store, with the field at fault', async () => {
    expect(await refused(slotInput({ appellationOgr: 3_000_000_000 }))).toEqual(['appellationOgr:too_big']);
    expect(await refused(slotInput({ availableFrom: '0000-01-01' }))).toEqual(['availableFrom:out_of_range']);
  });

  it('refuses more than 48 hours a week (DOMAIN.md), negative hours, and a bad capacity', async () => {
    expect(await refused(slotInput({ hoursPerWeek: 49 }))).toEqual(['hoursPerWeek:too_big']);
    expect(await refused(slotInput({ hoursPerWeek: -1, capacity: 0 }))).toEqual(['capacity:too_small', 'hoursPerWeek:too_small']);
  });

  it('refuses a tutor without a valid e-mail or French phone, a past end, an ambiguous postcode', async () => {
    expect(
      await refused(
        slotInput({
          tutor: { name: '', job: 'Gérante', email: 'pas-un-mail', phone: '+44 20 7946 0958' },
          availableFrom: inDays(-20),
          availableTo: inDays(-1),
          workplace: { postcode: '01500' },
        }),
      ),
    ).toEqual(['availableTo:in_past', 'tutor.email:invalid_email', 'tutor.name:too_small', 'tutor.phone:invalid_phone']);
    expect(await refused(slotInput({ workplace: { postcode: '01500' } }))).toEqual(['workplace.postcode:ambiguous_postcode']);
  });
});

describe('updating and closing', () => {
  it('changes the fields given, checking the period against the stored dates', async () => {
    const { token, create } = await employerUser();
    const slot = await create();
    const bad = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token, json: { availableFrom: inDays(90) } });
    expect(bad.status).toBe(422);
    expect(codes(bad.body.errors)).toEqual(['availableFrom:end_before_start']);

    const res = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, {
      token,
      json: { availableTo: inDays(120), tutor: { name: 'Léo Martin', job: 'Chef de rayon', email: 'leo@epicerie.example', phone: '0690 12 34 56' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      availableFrom: inDays(7),
      availableTo: inDays(120),
      // A Guadeloupe mobile keeps its own country code.
      tutor: { name: 'Léo Martin', phone: '+590690123456' },
      activities: slot.activities,
    });
    expect(await syncEvents(slot.id)).toHaveLength(2);
  });

  it('keeps the job title when the ROME code is unchanged, drops it when another code is chosen', async () => {
    const { token, create } = await employerUser();
    const slot = await create();
    const same = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token, json: { romeCode: 'D1106', capacity: 3 } });
    expect(same.body).toMatchObject({ appellation: { ogr: 14863 }, capacity: 3 });
    const other = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token, json: { romeCode: 'D1102' } });
    expect(other.body).toMatchObject({ romeCode: 'D1102', appellation: null, title: 'Boulanger / Boulangère' });
    const titled = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token, json: { appellationOgr: 11574 } });
    expect(titled.body).toMatchObject({ romeCode: 'D1102', appellation: { ogr: 11574 } });
    const cleared = await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token, json: { appellationOgr: null } });
    expect(cleared.body).toMatchObject({ romeCode: 'D1102', appellation: null });
  });

  it('closes an open slot once; closing again is a 409 with the current state', async () => {
    const { token, create } = await employerUser();
    const slot = await create();
    const closed = await t.request('POST', `/v1/immersion-slots/${slot.id}/close`, { token });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    const again = await t.request('POST', `/v1/immersion-slots/${slot.id}/close`, { token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_state', currentState: 'closed' });
    expect(await syncEvents(slot.id)).toHaveLength(2);
  });
});

describe('who may do what', () => {
  it("hides another organisation's slots from an employer (404)", async () => {
    const owner = await employerUser();
    const other = await employerUser();
    const slot = await owner.create();
    expect((await t.request('GET', `/v1/immersion-slots/${slot.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('PATCH', `/v1/immersion-slots/${slot.id}`, { token: other.token, json: { capacity: 9 } })).status).toBe(404);
    expect((await t.request('POST', `/v1/immersion-slots/${slot.id}/close`, { token: other.token })).status).toBe(404);
    const list = await t.request('GET', '/v1/immersion-slots', { token: other.token });
    expect(list.body.total).toBe(0);
  });

  for (const role of ['advisor', 'organiser'] as const) {
    it(`lets an ${role} read open slots of every employer, not closed ones, and never write`, async () => {
      const employerA = await employerUser();
      const open = await employerA.create();
      const closed = await employerA.create();
      await t.request('POST', `/v1/immersion-slots/${closed.id}/close`, { token: employerA.token });
      const { token } = await t.userWithToken(role);
      const read = await t.request('GET', `/v1/immersion-slots/${open.id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body.tutor.email).toBe('samia.benali@epicerie.example');
      expect((await t.request('GET', `/v1/immersion-slots/${closed.id}`, { token })).status).toBe(404);
      const list = await t.request('GET', `/v1/immersion-slots?employerId=${employerA.employerId}`, { token });
      expect(list.body.items.map((s: any) => s.id)).toEqual([open.id]);
      for (const res of [
        await t.request('POST', '/v1/immersion-slots', { token, json: slotInput() }),
        await t.request('PATCH', `/v1/immersion-slots/${open.id}`, { token, json: { capacity: 1 } }),
        await t.request('POST', `/v1/immersion-slots/${open.id}/close`, { token }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    });
  }

  it('lets an admin create for a named organisation and read and change any slot', async () => {
    const employerA = await employerUser();
    const closed = await employerA.create();
    await t.request('POST', `/v1/immersion-slots/${closed.id}/close`, { token: employerA.token });
    const { token } = await t.userWithToken('admin');
    const missing = await t.request('POST', '/v1/immersion-slots', { token, json: slotInput() });
    expect(codes(missing.body.errors)).toEqual(['employerId:required']);
    const created = await t.request('POST', '/v1/immersion-slots', { token, json: slotInput({ employerId: employerA.employerId }) });
    expect(created.status).toBe(201);
    expect((await t.request('GET', `/v1/immersion-slots/${closed.id}`, { token })).status).toBe(200);
    expect((await t.request('PATCH', `/v1/immersion-slots/${closed.id}`, { token, json: { capacity: 5 } })).body.capacity).toBe(5);
  });
});

describe('slot search documents', () => {
  it('carry no tutor data, and skip unknown ids', async () => {
    const { create } = await employerUser();
    const slot = await create({ workplace: { communeInsee: '2A004', location: { lat: 41.93, lng: 8.74 } } });
    const docs = await loadImmersionSlotDocuments(t.deps.db, [slot.id, '00000000-0000-4000-8000-000000000000']);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      id: slot.id,
      status: 'open',
      title: 'Epicier / Epicière',
      romeCode: 'D1106',
      communeInsee: '2A004',
      communeName: 'Ajaccio',
      location: { lat: 41.93, lng: 8.74 },
      capacity: 2,
      availableFrom: inDays(7),
      availableTo: inDays(60),
    });
    expect(docs[0]!.romeLabel).toContain('Epicier / Epicière');
    expect(JSON.stringify(docs[0])).not.toMatch(/Samia|epicerie\.example|\+336/);

    const ids: string[] = [];
    for await (const batch of allSlotIds(t.deps.db, 3)) ids.push(...batch);
    expect(ids).toContain(slot.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
