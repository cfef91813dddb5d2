import { pathToFileURL } from 'node:url';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { loadConfigOrExit } from '../config.js';
import { createDeps, type Deps } from '../deps.js';
import type { Actor } from '../core/actor.js';
import { ValidationError } from '../core/errors.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { completeSiret } from '../domain/siret.js';
import { closeSlot } from '../modules/immersion-slots/close-slot.js';
import { createSlot } from '../modules/immersion-slots/create-slot.js';
import { createSlotBody } from '../modules/immersion-slots/immersion-slots.schemas.js';
import { closeOffer, publishOffer } from '../modules/offers/change-offer-status.js';
import { createOffer } from '../modules/offers/create-offer.js';
import { createOfferBody } from '../modules/offers/offers.schemas.js';
import { createYouth } from '../modules/youth/create-youth.js';
import { createYouthBody } from '../modules/youth/youth.schemas.js';
import { prepareDatabase } from '../../db/migrator.js';
import { loadReferenceData } from '../../db/reference.js';
import { communes, employers, romeAppellations, structures, users } from '../../db/schema/index.js';
import { EMPLOYERS, HAUTE_LOIRE_STAFF } from './data.js';
import { seedConsole } from './console.js';
import type { SeedCommune } from './common.js';
import { employerSites, generateOffer, generateSlot, spread } from './employers.js';
import { generateYouth } from './youth.js';
import { seedEvents } from './events.js';
import { todayInFrance } from '../core/calendar.js';
import { ageOn } from '../domain/age.js';

/**
 * `npm run seed`: fills an empty database with a believable demo territory, the Loire (42)
 * and the Haute-Loire (43): two Missions Locales with their advisors and organiser, ~300
 * youth, 40 employers with their accounts, their offers and immersion slots. Youth, offers
 * and slots go through the use cases, so validation applies and each row enqueues its
 * search-index job (the worker indexes them when `npm start` runs). Every demo account logs
 * in with DEMO_PASSWORD. Deterministic: the same seed gives the same territory (dates are
 * relative to the day of the run).
 */
export const DEMO_PASSWORD = 'passerelle-demo';
export const DEMO_SEED = 20_250_042;
export const DEFAULT_COUNTS = { youth: 300, employers: EMPLOYERS.length, offers: 200, slots: 80 };
export type SeedCounts = typeof DEFAULT_COUNTS;

export type SeedProgress =
  | { kind: 'step'; index: number; total: number; label: string }
  | { kind: 'note'; message: string }
  | { kind: 'bulk'; label: string; done: number; total: number };

export interface SeedOptions {
  onProgress?: (event: SeedProgress) => void;
  /** Smaller territories for tests. */
  counts?: Partial<SeedCounts>;
  seed?: number;
  /** YYYY-MM-DD in France; ages and dates are computed from it. */
  today?: string;
}

export interface SeedSummary {
  structures: number;
  staff: number;
  employers: number;
  youth: { total: number; minors: number; withConsent: number; communes: number };
  offers: { published: number; draft: number; closed: number; communes: number };
  slots: { open: number; closed: number };
  searchJobs: number;
  events: { published: number; confirmed: number; waitlisted: number };
}

export type SeedResult = { created: false } | { created: true; summary: SeedSummary; logins: string };

const STEPS = 7;

export async function seed(deps: Deps, options: SeedOptions = {}): Promise<SeedResult> {
  const { db } = deps;
  const counts = { ...DEFAULT_COUNTS, ...options.counts };
  const seedNumber = options.seed ?? DEMO_SEED;
  const today = options.today ?? todayInFrance();
  const report = options.onProgress ?? (() => {});
  const step = (index: number, label: string) => report({ kind: 'step', index, total: STEPS, label });
  const bulk = async <T>(label: string, items: T[], create: (item: T, i: number) => Promise<void>) => {
    report({ kind: 'bulk', label, done: 0, total: items.length });
    for (const [i, item] of items.entries()) {
      await create(item, i);
      report({ kind: 'bulk', label, done: i + 1, total: items.length });
    }
  };

  step(1, 'reference data (communes, ROME)');
  await loadReferenceData(deps.sql, (message) => report({ kind: 'note', message }));

  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { created: false };

  step(2, 'Missions Locales, advisors and organiser');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [forez, velay] = await db
    .insert(structures)
    .values([
      { name: 'Mission Locale du Forez (démo)', communeInsee: '42218' },
      { name: 'Mission Locale du Velay (démo)', communeInsee: '43157' },
    ])
    .returning();
  const staff = [
    { email: 'admin@passerelle.demo', firstName: 'Alex', lastName: 'Admin', role: 'admin' as const },
    { email: 'camille.martin@ml-forez.demo', firstName: 'Camille', lastName: 'Martin', role: 'advisor' as const, structureId: forez!.id },
    { email: 'yanis.belkacem@ml-forez.demo', firstName: 'Yanis', lastName: 'Belkacem', role: 'advisor' as const, structureId: forez!.id },
    { email: 'lea.roche@ml-forez.demo', firstName: 'Léa', lastName: 'Roche', role: 'advisor' as const, structureId: forez!.id },
    { email: 'nadia.faure@ml-forez.demo', firstName: 'Nadia', lastName: 'Faure', role: 'organiser' as const, structureId: forez!.id },
    ...HAUTE_LOIRE_STAFF.map((s) => ({ ...s, structureId: velay!.id })),
  ];
  const staffRows = await db
    .insert(users)
    .values(staff.map((s) => ({ ...s, status: 'active' as const, passwordHash })))
    .returning();
  const advisorsOf = (structureId: string) => staffRows.filter((u) => u.role === 'advisor' && u.structureId === structureId).map(actorOf);

  step(3, 'employers and their accounts');
  const demoEmployers = EMPLOYERS.slice(0, counts.employers);
  const employerRows = await db
    .insert(employers)
    // Made-up SIRETs (SIREN 999…) with a valid checksum: no real company is named.
    .values(demoEmployers.map(({ name }, i) => ({ name, siret: completeSiret(`9990000${String(i + 1).padStart(2, '0')}0001`) })))
    .returning();
  const employerUsers = await db
    .insert(users)
    .values(
      employerRows.map((e, i) => ({
        email: demoEmployers[i]!.contact,
        firstName: demoEmployers[i]!.person[0],
        lastName: demoEmployers[i]!.person[1],
        role: 'employer' as const,
        employerId: e.id,
        status: 'active' as const,
        passwordHash,
      })),
    )
    .returning();
  const employerActors = employerRows.map((e) => actorOf(employerUsers.find((u) => u.employerId === e.id)!));

  const territory = await loadTerritory(deps);
  const sites = employerSites(seedNumber, new Map(territory.map((c) => [c.insee, c])), demoEmployers.length);

  step(4, 'youth');
  const forezAdvisors = advisorsOf(forez!.id);
  const velayAdvisors = advisorsOf(velay!.id);
  const emails = new Set<string>();
  let minors = 0;
  // Youth of the Forez, with the advisor who follows them: the demo events' registrants.
  const forezYouth: { advisor: Actor; youthId: string }[] = [];
  await bulk('youth', range(counts.youth), async (i) => {
    const { department, body } = generateYouth(seedNumber, i, territory, today);
    // Two youth may share a name, not an e-mail address.
    if (emails.has(body.email)) body.email = body.email.replace('@', `.${i}@`);
    emails.add(body.email);
    if (ageOn(body.birthDate, today) < 18) minors++;
    const advisors = department === '43' ? velayAdvisors : forezAdvisors;
    const advisor = advisors[i % advisors.length]!;
    const created = await createYouth(deps, advisor, parse(createYouthBody, body, `youth #${i}`)).catch(explain(`youth #${i}`));
    if (department !== '43') forezYouth.push({ advisor, youthId: created.id });
  });

  step(5, 'job offers');
  const offerOwners = spread(seedNumber, 'offers', sites.map((s) => s.employer.size), counts.offers);
  await bulk('offers', offerOwners, async (owner, i) => {
    const { body, fate } = generateOffer(seedNumber, i, sites[owner]!, today);
    const actor = employerActors[owner]!;
    const offer = await createOffer(deps, actor, parse(createOfferBody, body, `offer #${i}`)).catch(explain(`offer #${i}`));
    if (fate !== 'draft') await publishOffer(deps, actor, offer.id);
    if (fate === 'closed') await closeOffer(deps, actor, offer.id);
  });

  step(6, 'immersion slots');
  const appellations = await appellationsOf(deps, [...new Set(demoEmployers.flatMap((e) => e.codes))]);
  const slotOwners = spread(seedNumber, 'slots', sites.map((s) => (s.employer.immersions ? s.employer.size : 0)), counts.slots);
  await bulk('immersion slots', slotOwners, async (owner, i) => {
    const { body, closed } = generateSlot(seedNumber, i, sites[owner]!, today, appellations);
    const actor = employerActors[owner]!;
    const slot = await createSlot(deps, actor, parse(createSlotBody, body, `slot #${i}`)).catch(explain(`slot #${i}`));
    if (closed) await closeSlot(deps, actor, slot.id);
  });

  step(7, 'a job forum and a workshop');
  const organiser = actorOf(staffRows.find((u) => u.role === 'organiser')!);
  const { forumId } = await seedEvents(deps, today, { organiser, employers: employerActors, youthByAdvisor: forezYouth });

  return {
    created: true,
    summary: await summarise(deps, minors),
    logins:
      `Log in as admin@passerelle.demo, camille.martin@ml-forez.demo (advisor), ` +
      `nadia.faure@ml-forez.demo (organiser) or ${demoEmployers[0]!.contact} (employer), password "${DEMO_PASSWORD}". ` +
      `The forum's public registration page: /events/${forumId}`,
  };
}

/** The seed acts as the people who would do it in the product: advisors, employers. */
function actorOf(user: typeof users.$inferSelect): Actor {
  const { id, role, email, structureId, employerId } = user;
  return { userId: id, role, email, structureId, employerId, sessionId: 'seed' };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The request validation the API would run, with the seed's own data named when it fails. */
function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`seed data refused for ${what}: ${issues}`);
  }
  return result.data;
}

const explain = (what: string) => (err: unknown) => {
  if (err instanceof ValidationError)
    throw new Error(`seed data refused for ${what}: ${err.errors.map((e) => `${e.path} ${e.code}: ${e.message}`).join('; ')}`);
  throw err;
};

/** The communes of the Loire and the Haute-Loire, with their postcodes; delegated communes left out. */
export async function loadTerritory(deps: Deps): Promise<SeedCommune[]> {
  const rows = await deps.db
    .select({
      insee: communes.insee,
      name: communes.name,
      department: communes.department,
      postcode: communes.postcode,
      population: communes.population,
      lat: communes.lat,
      lng: communes.lng,
    })
    .from(communes)
    .where(and(inArray(communes.department, ['42', '43']), eq(communes.type, 'COM')))
    .orderBy(communes.insee, communes.postcode);
  const byInsee = new Map<string, SeedCommune>();
  for (const { postcode, population, ...row } of rows) {
    const known = byInsee.get(row.insee);
    if (known) known.postcodes.push(postcode);
    else byInsee.set(row.insee, { ...row, population: population ?? 0, postcodes: [postcode] });
  }
  if (byInsee.size === 0) throw new Error('No commune of the Loire or the Haute-Loire in the reference data.');
  return [...byInsee.values()];
}

/** The ROME job titles in common use for each code, for immersion slots that name one. */
async function appellationsOf(deps: Deps, codes: string[]): Promise<Map<string, number[]>> {
  const rows = await deps.db
    .select({ ogr: romeAppellations.ogr, code: romeAppellations.romeCode })
    .from(romeAppellations)
    .where(and(inArray(romeAppellations.romeCode, codes), eq(romeAppellations.rarelyUsed, false)))
    .orderBy(romeAppellations.ogr);
  const map = new Map<string, number[]>();
  for (const { ogr, code } of rows) map.set(code, [...(map.get(code) ?? []), ogr]);
  return map;
}

async function summarise(deps: Deps, minors: number): Promise<SeedSummary> {
  const [row] = await deps.db.execute<Record<string, number>>(sql`select
    (select count(*)::int from structures) as structures,
    (select count(*)::int from users where role <> 'employer') as staff,
    (select count(*)::int from employers) as employers,
    (select count(*)::int from youth) as youth,
    (select count(*)::int from youth where consent_anonymised_sharing) as consent,
    (select count(distinct commune_insee)::int from youth) as youth_communes,
    (select count(*)::int from offers where status = 'published') as published,
    (select count(*)::int from offers where status = 'draft') as draft,
    (select count(*)::int from offers where status = 'closed') as closed,
    (select count(distinct commune_insee)::int from offers) as offer_communes,
    (select count(*)::int from immersion_slots where status = 'open') as slots_open,
    (select count(*)::int from immersion_slots where status = 'closed') as slots_closed,
    (select count(*)::int from outbox_events where type = 'sync-search') as search_jobs,
    (select count(*)::int from events where status = 'published') as events,
    (select count(*)::int from event_registrations where status = 'confirmed') as confirmed,
    (select count(*)::int from event_registrations where status = 'waitlisted') as waitlisted`);
  const n = row!;
  return {
    structures: n.structures!,
    staff: n.staff!,
    employers: n.employers!,
    youth: { total: n.youth!, minors, withConsent: n.consent!, communes: n.youth_communes! },
    offers: { published: n.published!, draft: n.draft!, closed: n.closed!, communes: n.offer_communes! },
    slots: { open: n.slots_open!, closed: n.slots_closed! },
    searchJobs: n.search_jobs!,
    events: { published: n.events!, confirmed: n.confirmed!, waitlisted: n.waitlisted! },
  };
}

// `npm run seed`: migrations, then the territory, with a progress bar per bulk step.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = loadConfigOrExit();
  await prepareDatabase(config.DATABASE_URL);
  const deps = createDeps({ ...config, LOG_LEVEL: 'warn' });
  const out = seedConsole(process.stdout);
  try {
    out.result(await seed(deps, { onProgress: out.onProgress }));
  } catch (err) {
    out.failed(err);
    process.exitCode = 1;
  } finally {
    await deps.close();
  }
}
