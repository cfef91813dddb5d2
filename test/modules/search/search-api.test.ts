import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { eventually } from '../../helpers/eventually.js';
import { createOffer, inDays, yearsAgo } from '../../helpers/factories.js';

const t = await useTestContext({ worker: true });


const employer = await t.userWithToken('employer');
const advisor = await t.userWithToken('advisor');
const otherAdvisor = await t.userWithToken('advisor');

async function post(path: string, token: string, json: unknown) {
  const res = await t.request('POST', path, { token, json });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function youth(overrides: Record<string, unknown>) {
  return {
    firstName: 'Yasmine',
    lastName: 'Bouzid',
    birthDate: yearsAgo(20),
    gender: 'female',
    email: `${t.unique('y')}@example.test`,
    phone: '06 11 22 33 44',
    address: '4 rue Michelet',
    postcode: '42700', // Firminy
    nationality: 'fr',
    qpv: false,
    rqth: false,
    targetRomeCodes: ['D1102'],
    skills: ['Pétrissage', 'Façonnage du pain'],
    languages: [{ code: 'fr', level: 'native' }],
    educationLevel: '3',
    experiences: [{ title: 'Apprentie en boulangerie', romeCode: 'D1102', months: 12, description: 'Fabrication du pain, contact Yasmine Bouzid 0611223344' }],
    availability: { from: inDays(0), maxHoursPerWeek: 35, schedules: ['day'] },
    contractTypes: ['cdi', 'apprenticeship'],
    mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 45 },
    barriers: [],
    consent: { anonymisedSharing: true },
    ...overrides,
  };
}

const offer = await post('/v1/offers', employer.token, {
  title: 'Boulanger·ère de production',
  romeCode: 'D1102',
  description: 'Fabrication du pain et des viennoiseries, four à sole.',
  requiredSkills: ['Pétrissage'],
  niceToHaveSkills: [],
  contractType: 'cdi',
  hoursPerWeek: 35,
  schedules: ['day'],
  drivingLicenceRequired: false,
  workplace: { communeInsee: '42218', postcode: '42000' }, // Saint-Étienne
  positions: 1,
  expiryDate: inDays(30),
});
await post(`/v1/offers/${offer.id}/publish`, employer.token, {});
const draft = await post('/v1/offers', employer.token, {
  title: 'Boulanger·ère de tournée',
  romeCode: 'D1102',
  description: 'Brouillon pas encore publié.',
  requiredSkills: [],
  niceToHaveSkills: [],
  contractType: 'cdd',
  hoursPerWeek: 20,
  schedules: ['day'],
  drivingLicenceRequired: true,
  workplace: { communeInsee: '42218', postcode: '42000' },
  positions: 1,
  expiryDate: inDays(30),
});
const slot = await post('/v1/immersion-slots', employer.token, {
  romeCode: 'D1102',
  activities: 'Découverte du fournil et du façonnage.',
  workplace: { communeInsee: '42207' }, // Saint-Chamond
  tutor: { name: 'Paul Girard', job: 'Chef boulanger', email: 'paul.girard@example.test', phone: '04 77 00 00 00' },
  capacity: 1,
  availableFrom: inDays(3),
  availableTo: inDays(40),
  schedules: ['day'],
  hoursPerWeek: 30,
});
const consenting = await post('/v1/youth', advisor.token, youth({}));
const notConsenting = await post('/v1/youth', advisor.token, youth({ firstName: 'Noé', consent: { anonymisedSharing: false } }));
const elsewhere = await post('/v1/youth', otherAdvisor.token, youth({ firstName: 'Inès' }));

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

/** Resolves once the engine holds every given document: negative checks mean something after it. */
async function indexed(index: 'offers' | 'immersion_slots' | 'youth', wanted: string[]) {
  await eventually(async () => {
    const held = new Set<string>();
    for await (const batch of t.deps.search.ids(index)) batch.forEach((id) => held.add(id));
    expect([...held]).toEqual(expect.arrayContaining(wanted));
  });
}
await indexed('offers', [offer.id, draft.id]);
await indexed('immersion_slots', [slot.id]);
await indexed('youth', [consenting.id, notConsenting.id, elsewhere.id]);

describe('search through the API, fed by the worker', () => {
  it('finds a published offer with a typo, around a commune, with its distance', async () => {
    const res = await eventually(async () => {
      const r = await t.request('GET', '/v1/search/offers?q=boulnger&commune=42218&radius=5', { token: advisor.token });
      expect(ids(r)).toContain(offer.id);
      return r;
    });
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe(t.deps.search.name);
    const hit = res.body.items.find((i: { id: string }) => i.id === offer.id);
    expect(hit).toMatchObject({ title: 'Boulanger·ère de production', communeName: expect.stringContaining('Étienne') });
    expect(hit.distanceKm).toBeLessThan(5);
    expect(ids(res)).not.toContain(draft.id);
  });

  it('filters by radius: Saint-Étienne offers are not within 5 km of Saint-Chamond', async () => {
    await eventually(async () => expect(ids(await t.request('GET', '/v1/search/immersion-slots?commune=42207&radius=5', { token: advisor.token }))).toContain(slot.id));
    const far = await t.request('GET', '/v1/search/offers?commune=42207&radius=5', { token: advisor.token });
    expect(ids(far)).not.toContain(offer.id);
    const wide = await t.request('GET', '/v1/search/offers?commune=42207&radius=15&rome=D1102&contractTypes=cdi,cdd', { token: advisor.token });
    expect(ids(wide)).toContain(offer.id);
  });

  it("finds only the advisor's own consenting youth, anonymised", async () => {
    const res = await eventually(async () => {
      const r = await t.request('GET', '/v1/search/youth?q=boulangerie', { token: advisor.token });
      expect(ids(r)).toContain(consenting.id);
      return r;
    });
    expect(ids(res)).not.toContain(notConsenting.id);
    expect(ids(res)).not.toContain(elsewhere.id);
    const json = JSON.stringify(res.body);
    for (const secret of ['Yasmine', 'Bouzid', '0611223344', '06 11 22 33 44', 'Michelet', '42700', consenting.email, consenting.birthDate]) {
      expect(json).not.toContain(secret);
    }
    expect(res.body.items[0].pseudonym).toMatch(/^Candidat·e [0-9A-F]{4}$/);
    const other = await eventually(async () => {
      const r = await t.request('GET', '/v1/search/youth?q=boulangerie', { token: otherAdvisor.token });
      expect(ids(r)).toContain(elsewhere.id);
      return r;
    });
    expect(ids(other)).not.toContain(consenting.id);
  });

  it("an employer searches only their own organisation's offers and slots, drafts included", async () => {
    const own = await eventually(async () => {
      const r = await t.request('GET', '/v1/search/offers?q=boulanger', { token: employer.token });
      expect(ids(r)).toEqual(expect.arrayContaining([offer.id, draft.id]));
      return r;
    });
    expect(own.status).toBe(200);
    const rival = await t.userWithToken('employer');
    expect(ids(await t.request('GET', '/v1/search/offers?q=boulanger', { token: rival.token }))).toEqual([]);
    expect(ids(await t.request('GET', '/v1/search/immersion-slots', { token: rival.token }))).toEqual([]);
  });

  it('a youth who withdraws consent leaves the search; given again, comes back', async () => {
    const search = async () => ids(await t.request('GET', '/v1/search/youth?q=boulangerie', { token: advisor.token }));
    expect(await search()).toContain(consenting.id);
    const withdraw = await t.request('PATCH', `/v1/youth/${consenting.id}`, { token: advisor.token, json: { consent: { anonymisedSharing: false } } });
    expect(withdraw.status).toBe(200);
    await eventually(async () => expect(await search()).not.toContain(consenting.id));
    await t.request('PATCH', `/v1/youth/${consenting.id}`, { token: advisor.token, json: { consent: { anonymisedSharing: true } } });
    await eventually(async () => expect(await search()).toContain(consenting.id));
  });

  it('a closed slot leaves the search', async () => {
    await post(`/v1/immersion-slots/${slot.id}/close`, employer.token, {});
    await eventually(async () =>
      expect(ids(await t.request('GET', '/v1/search/immersion-slots?commune=42207&radius=5', { token: advisor.token }))).not.toContain(slot.id),
    );
  });

  it('pages through results without repeating or skipping', async () => {
    // 27 published offers of one occupation: three pages of 10, 10 and 7.
    const made = await Promise.all(
      Array.from({ length: 27 }, async (_, i) => {
        const o = await createOffer(t, employer.token, { title: `Épicier·ère de quartier ${i + 1}`, romeCode: 'D1106' });
        await post(`/v1/offers/${o.id}/publish`, employer.token, {});
        return o.id;
      }),
    );
    const created = new Set(made);
    const page = (offset: number) => t.request('GET', `/v1/search/offers?rome=D1106&limit=10&offset=${offset}`, { token: advisor.token });
    await eventually(async () => expect((await page(0)).body.total).toBe(27), 30_000);
    const pages = [await page(0), await page(10), await page(20)];
    expect(pages.map((p) => ids(p).length)).toEqual([10, 10, 7]);
    const seen = pages.flatMap(ids);
    expect(new Set(seen).size).toBe(27); // no duplicates
    expect(new Set(seen)).toEqual(created); // no gaps
    expect(ids(await page(30))).toEqual([]);
  }, 60_000);

  it('lets only advisors search youth', async () => {
    expect((await t.request('GET', '/v1/search/youth', { token: employer.token })).status).toBe(403);
    const organiser = await t.userWithToken('organiser');
    expect((await t.request('GET', '/v1/search/youth', { token: organiser.token })).status).toBe(403);
    expect((await t.request('GET', '/v1/search/offers')).status).toBe(401);
  });

  it('a closed offer disappears from search', async () => {
    const closed = await post('/v1/offers', employer.token, {
      title: 'Pâtissier·ère saisonnier·ère',
      romeCode: 'D1104',
      description: 'Renfort pour les fêtes.',
      requiredSkills: [],
      niceToHaveSkills: [],
      contractType: 'seasonal',
      hoursPerWeek: 35,
      schedules: ['day'],
      drivingLicenceRequired: false,
      workplace: { communeInsee: '42218', postcode: '42100' },
      positions: 1,
      expiryDate: inDays(30),
    });
    await post(`/v1/offers/${closed.id}/publish`, employer.token, {});
    await eventually(async () => expect(ids(await t.request('GET', '/v1/search/offers?q=patissier', { token: advisor.token }))).toContain(closed.id));
    await post(`/v1/offers/${closed.id}/close`, employer.token, {});
    await eventually(async () => expect(ids(await t.request('GET', '/v1/search/offers?q=patissier', { token: advisor.token }))).not.toContain(closed.id));
  });

  it('refuses bad search parameters with the field at fault', async () => {
    const cases: [string, string, string][] = [
      ['radius=201&commune=42218', 'query.radius', 'too_big'],
      ['limit=101', 'query.limit', 'too_big'],
      ['limit=0', 'query.limit', 'too_small'],
      ['commune=99999', 'query.commune', 'unknown_commune'],
      ['lat=45.4', 'query.lon', 'required'],
      ['rome=D1102,Z9999', 'query.rome.1', 'unknown_rome_code'],
      ['rome=A9999', 'query.rome.0', 'unknown_rome_code'],
      ['radius=10', 'query.radius', 'needs_place'],
      ['contractTypes=freelance', 'query.contractTypes.0', 'invalid_value'],
      // What both engines can rank and count: offset + limit ≤ 1,000 (Meilisearch's maxTotalHits).
      ['offset=990&limit=20', 'query.offset', 'too_big'],
      ['offset=1000', 'query.offset', 'too_big'],
      // Bounded text: 11 words, or more than 100 characters.
      [`q=${encodeURIComponent(Array(11).fill('vendeur').join(' '))}`, 'query.q', 'too_many_words'],
      [`q=${'a'.repeat(101)}`, 'query.q', 'too_big'],
    ];
    for (const [query, path, code] of cases) {
      const res = await t.request('GET', `/v1/search/offers?${query}`, { token: advisor.token });
      expect(res.status, query).toBe(422);
      expect(res.body.errors, query).toContainEqual(expect.objectContaining({ path, code }));
    }
    const lastPage = await t.request('GET', '/v1/search/offers?offset=980&limit=20', { token: advisor.token });
    expect(lastPage.status).toBe(200);
    expect(lastPage.body).toMatchObject({ offset: 980, limit: 20, totalEstimated: false });
    for (const endpoint of ['immersion-slots', 'youth']) {
      for (const [query, path] of [['radius=250&commune=42218', 'query.radius'], ['limit=500', 'query.limit']]) {
        const res = await t.request('GET', `/v1/search/${endpoint}?${query}`, { token: advisor.token });
        expect(res.status, `${endpoint}?${query}`).toBe(422);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code: 'too_big' }));
      }
    }
  });
});
