import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestContext } from '../helpers/context.js';
import { DEFAULT_COUNTS, DEMO_SEED, loadTerritory, seed, type SeedProgress } from '../../src/seed/seed.js';
import { EMPLOYERS, OCCUPATIONS } from '../../src/seed/data.js';
import { employerSites, generateOffer, generateSlot, spread } from '../../src/seed/employers.js';
import { generateYouth } from '../../src/seed/youth.js';
import { createSlotBody } from '../../src/modules/immersion-slots/immersion-slots.schemas.js';
import { createOfferBody } from '../../src/modules/offers/offers.schemas.js';
import { createYouthBody } from '../../src/modules/youth/youth.schemas.js';
import { todayInFrance } from '../../src/core/calendar.js';
import { ageOn } from '../../src/domain/age.js';

const t = await useTestContext();
const today = todayInFrance();
// Enough employers to reach the Haute-Loire (the 14th is in Le Puy-en-Velay), few rows: fast.
const counts = { youth: 40, employers: 16, offers: 30, slots: 10 };

const scalar = async (query: ReturnType<typeof sql>) => (await t.deps.db.execute<{ n: number }>(query))[0]!.n;
const tableCounts = async () => ({
  users: await scalar(sql`select count(*)::int as n from users`),
  employers: await scalar(sql`select count(*)::int as n from employers`),
  youth: await scalar(sql`select count(*)::int as n from youth`),
  offers: await scalar(sql`select count(*)::int as n from offers`),
  slots: await scalar(sql`select count(*)::int as n from immersion_slots`),
  outbox: await scalar(sql`select count(*)::int as n from outbox_events`),
});

describe('npm run seed', () => {
  const events: SeedProgress[] = [];
  let result: Awaited<ReturnType<typeof seed>>;
  // Seeded once for the whole file: every test reads the same territory, in any order.
  beforeAll(async () => {
    result = await seed(t.deps, { counts, today, onProgress: (e) => events.push(e) });
  });

  it('fills an empty database with a territory of the Loire and the Haute-Loire, through the use cases', async () => {
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.summary).toMatchObject({ structures: 2, employers: counts.employers, youth: { total: counts.youth } });
    const { published, draft, closed } = result.summary.offers;
    expect(published + draft + closed).toBe(counts.offers);
    expect(published).toBeGreaterThan(draft + closed);
    expect(result.summary.slots.open + result.summary.slots.closed).toBe(counts.slots);
    expect(result.logins).toContain('camille.martin@ml-forez.demo');
    expect(await tableCounts()).toMatchObject({ employers: counts.employers, youth: counts.youth, offers: counts.offers, slots: counts.slots });
    // One employer account per organisation.
    expect(await scalar(sql`select count(distinct employer_id)::int as n from users where role = 'employer'`)).toBe(counts.employers);
  });

  it('publishes a public job forum and a workshop, with stands, registered youth and a waitlist, whose page answers', async () => {
    if (!result.created) throw new Error('the seed created nothing');
    expect(result.summary.events.published).toBe(2);
    // 8 stands and the Forez youth (about half of 40) registered: the workshop's 10 seats fill first.
    expect(result.summary.events.confirmed).toBeGreaterThan(10);
    const stands = await scalar(sql`select count(*)::int as n from event_registrations where kind = 'employer' and status = 'confirmed'`);
    expect(stands).toBe(8);
    // On working days, never a weekend (ISO day of week in Paris: 1 Monday … 7 Sunday).
    const days = await t.deps.db.execute<{ d: number }>(sql`select extract(isodow from starts_at at time zone 'Europe/Paris')::int as d from events`);
    expect(days.map((r) => r.d).every((d) => d >= 2 && d <= 4)).toBe(true);
    const path = /\/events\/[0-9a-f-]{36}/.exec(result.logins)![0];
    const page = await t.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Forum de l’emploi du Forez');
  });

  it('reports each step, and a progress count for each bulk step', () => {
    expect(events.filter((e) => e.kind === 'step').map((e) => e.kind === 'step' && e.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const last = (label: string) => events.filter((e) => e.kind === 'bulk' && e.label === label).at(-1);
    expect(last('youth')).toEqual({ kind: 'bulk', label: 'youth', done: counts.youth, total: counts.youth });
    expect(last('offers')).toEqual({ kind: 'bulk', label: 'offers', done: counts.offers, total: counts.offers });
    expect(last('immersion slots')).toEqual({ kind: 'bulk', label: 'immersion slots', done: counts.slots, total: counts.slots });
  });

  it('gives youth aged 16 to 25 living in communes of both departments, split between the two Missions Locales', async () => {
    const rows = await t.deps.db.execute<{ birth_date: string; commune_insee: string; structure: string }>(
      sql`select y.birth_date::text, y.commune_insee, s.commune_insee as structure from youth y join structures s on s.id = y.structure_id`,
    );
    for (const row of rows) {
      const age = ageOn(row.birth_date, today);
      expect(age, row.birth_date).toBeGreaterThanOrEqual(16);
      expect(age, row.birth_date).toBeLessThanOrEqual(25);
      // The Haute-Loire youth are followed by the Mission Locale of Le Puy-en-Velay.
      expect(row.structure.slice(0, 2)).toBe(row.commune_insee.slice(0, 2));
    }
    expect(new Set(rows.map((r) => r.commune_insee.slice(0, 2)))).toEqual(new Set(['42', '43']));
  });

  it('spreads the offers over several communes of the Loire and the Haute-Loire', async () => {
    const rows = await t.deps.db.execute<{ commune_insee: string }>(sql`select distinct commune_insee from offers`);
    const communes = rows.map((r) => r.commune_insee);
    expect(communes.length).toBeGreaterThanOrEqual(5);
    expect(communes.every((c) => c.startsWith('42') || c.startsWith('43'))).toBe(true);
    expect(communes.some((c) => c.startsWith('43'))).toBe(true);
  });

  it('enqueues a search-index job for every youth, offer and slot', async () => {
    expect(await tableCounts()).toMatchObject({ youth: counts.youth, offers: counts.offers, slots: counts.slots });
    for (const [table, index] of [
      ['youth', 'youth'],
      ['offers', 'offers'],
      ['immersion_slots', 'immersion_slots'],
    ] as const) {
      const missing = await scalar(sql`select count(*)::int as n from ${sql.identifier(table)} r
        where not exists (select 1 from outbox_events e
          where e.type = 'sync-search' and e.payload->>'index' = ${index} and e.payload->>'id' = r.id::text)`);
      expect(missing, table).toBe(0);
    }
  });

  it('does nothing on a second run', async () => {
    const before = await tableCounts();
    const events2: SeedProgress[] = [];
    const result = await seed(t.deps, { counts, today, onProgress: (e) => events2.push(e) });
    expect(result).toEqual({ created: false });
    expect(await tableCounts()).toEqual(before);
    expect(events2.some((e) => e.kind === 'bulk')).toBe(false);
  });
});

describe('the generated territory (full size, without the database writes)', () => {
  const youth = Array.from({ length: DEFAULT_COUNTS.youth }, (_, i) => i);

  it('refers only to ROME codes and communes of the reference data', async () => {
    const codes = Object.keys(OCCUPATIONS);
    const known = await t.deps.db.execute<{ code: string }>(
      sql`select code from rome_codes where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
    );
    expect(known.map((r) => r.code).sort()).toEqual([...codes].sort());
    const territory = await loadTerritory(t.deps);
    expect(employerSites(DEMO_SEED, new Map(territory.map((c) => [c.insee, c])))).toHaveLength(EMPLOYERS.length);
  });

  it('passes the API validation for every youth, offer and slot of the default counts', async () => {
    const territory = await loadTerritory(t.deps);
    const sites = employerSites(DEMO_SEED, new Map(territory.map((c) => [c.insee, c])));
    const problems: string[] = [];
    const check = (what: string, result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
      if (!result.success) problems.push(`${what}: ${result.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    };
    for (const i of youth) check(`youth #${i}`, createYouthBody.safeParse(generateYouth(DEMO_SEED, i, territory, today).body));
    spread(DEMO_SEED, 'offers', sites.map((s) => s.employer.size), DEFAULT_COUNTS.offers).forEach((owner, i) =>
      check(`offer #${i}`, createOfferBody.safeParse(generateOffer(DEMO_SEED, i, sites[owner]!, today).body)),
    );
    const slotOwners = spread(DEMO_SEED, 'slots', sites.map((s) => (s.employer.immersions ? s.employer.size : 0)), DEFAULT_COUNTS.slots);
    slotOwners.forEach((owner, i) => check(`slot #${i}`, createSlotBody.safeParse(generateSlot(DEMO_SEED, i, sites[owner]!, today, new Map()).body)));
    expect(problems).toEqual([]);
    // Only employers that take immersions get slots.
    expect(slotOwners.every((owner) => sites[owner]!.employer.immersions)).toBe(true);
  });

  it('looks like the youth a Mission Locale follows: few minors, most consenting, many without a licence', async () => {
    const territory = await loadTerritory(t.deps);
    const bodies = youth.map((i) => generateYouth(DEMO_SEED, i, territory, today).body);
    const share = (pred: (b: (typeof bodies)[number]) => boolean) => bodies.filter(pred).length / bodies.length;
    expect(share((b) => ageOn(b.birthDate, today) < 18)).toBeGreaterThan(0.03);
    expect(share((b) => ageOn(b.birthDate, today) < 18)).toBeLessThan(0.2);
    expect(share((b) => b.consent?.anonymisedSharing === true)).toBeGreaterThan(0.75);
    expect(share((b) => b.consent?.anonymisedSharing === true)).toBeLessThan(0.95);
    expect(share((b) => !b.mobility.drivingLicence)).toBeGreaterThan(0.5);
    expect(share((b) => b.educationLevel === 'none' || b.educationLevel === '3' || b.educationLevel === '4')).toBeGreaterThan(0.8);
    expect(new Set(bodies.map((b) => b.communeInsee)).size).toBeGreaterThan(50);
  });

  it('is deterministic: the same seed gives the same territory, another seed another one', async () => {
    const territory = await loadTerritory(t.deps);
    const run = (s: number) => youth.slice(0, 20).map((i) => generateYouth(s, i, territory, today));
    expect(run(DEMO_SEED)).toEqual(run(DEMO_SEED));
    expect(run(DEMO_SEED + 1)).not.toEqual(run(DEMO_SEED));
  });
});
