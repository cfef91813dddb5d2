import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { todayInFrance } from '../../src/core/calendar.js';
import type { TestContext } from './context.js';

/**
 * Factories for the tests: valid bodies to override, and creators going through the API as a
 * user would. Structures, employers and users with a token come from the test context
 * (`t.structure()`, `t.employer()`, `t.userWithToken(role)`).
 */

/** YYYY-MM-DD, `days` days after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD, `days` days from today in France (negative: in the past). */
export const inDays = (days: number) => addDays(todayInFrance(), days);

/** YYYY-MM-DD, `years` years and `days` days before today (France). */
export function yearsAgo(years: number, days = 0): string {
  const today = new Date(`${todayInFrance()}T00:00:00Z`);
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() - days));
  return d.toISOString().slice(0, 10);
}

/** A complete, valid creation body; override what a test is about. */
export function youthInput(overrides: Record<string, unknown> = {}) {
  return {
    firstName: 'Éloïse',
    lastName: 'Martin',
    birthDate: yearsAgo(19, 40),
    gender: 'female',
    email: '  Eloise.Martin@Example.TEST ',
    phone: '06 12 34 56 78',
    address: '12 rue des Lilas',
    postcode: '69003',
    nationality: 'fr',
    qpv: true,
    rqth: false,
    targetRomeCodes: ['D1102', 'g1602'],
    skills: ['Pétrissage', 'Hygiène alimentaire'],
    languages: [
      { code: 'fr', level: 'native' },
      { code: 'EN', level: 'B1' },
    ],
    educationLevel: '3',
    experiences: [{ title: 'Apprentie boulangère', romeCode: 'D1102', months: 8, description: 'Chez Martin, 3 ans en tout' }],
    availability: { from: '2026-01-05', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
    contractTypes: ['apprenticeship', 'cdd'],
    mobility: { modes: ['public_transport', 'bike'], drivingLicence: false, maxCommuteMinutes: 45 },
    barriers: ['childcare'],
    consent: { anonymisedSharing: true },
    ...overrides,
  };
}

/** Overrides of youthInput for a young baker in Saint-Étienne, by bus, 45 minutes at most (matching tests). */
export const youngBakerInSaintEtienne = () => ({
  postcode: '42000',
  targetRomeCodes: ['D1102'],
  skills: ['Pétrissage'],
  experiences: [],
  availability: { from: inDays(0), maxHoursPerWeek: 35, schedules: ['day'] },
  contractTypes: ['cdi'],
  mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 45 },
  barriers: [],
  birthDate: yearsAgo(20),
});

export async function countRows(t: TestContext) {
  const [row] = await t.deps.db.execute<{ youth: number; jobs: number }>(
    sql`select (select count(*)::int from youth) as youth, (select count(*)::int from outbox_events) as jobs`,
  );
  return row!;
}

export async function syncJobsFor(t: TestContext, id: string) {
  return t.deps.db.execute<{ payload: unknown }>(
    sql`select payload from outbox_events where type = 'sync-search' and payload->>'id' = ${id} order by id`,
  );
}

/** A valid offer body (a CDD in Ajaccio, starting in 10 days, open for 20). */
export function offerInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Vendeur·se en épicerie fine',
    romeCode: 'D1106',
    description: 'Accueil, conseil et vente en boutique.',
    requiredSkills: ['Accueil client', 'Encaissement'],
    niceToHaveSkills: ['Anglais'],
    contractType: 'cdd',
    hoursPerWeek: 35,
    schedules: ['day', 'weekend'],
    minEducationLevel: '3',
    drivingLicenceRequired: false,
    workplace: { communeInsee: '2A004' },
    positions: 2,
    startDate: inDays(10),
    expiryDate: inDays(20),
    ...overrides,
  };
}

/** A valid immersion slot body (a grocery in Lyon 1er). */
export function slotInput(overrides: Record<string, unknown> = {}) {
  return {
    appellationOgr: 14863, // Epicier / Epicière, ROME D1106
    activities: 'Mise en rayon, accueil des clients, encaissement.',
    workplace: { postcode: '69001' },
    tutor: { name: 'Samia Benali', job: 'Gérante', email: 'Samia.Benali@Epicerie.example ', phone: '06 12 34 56 78' },
    capacity: 2,
    availableFrom: inDays(7),
    availableTo: inDays(60),
    schedules: ['day'],
    hoursPerWeek: 30,
    ...overrides,
  };
}

async function created(t: TestContext, path: string, token: string, json: unknown) {
  const res = await t.request('POST', path, { token, json });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; [key: string]: any };
}

/** A draft offer of the employer whose token is given. */
export const createOffer = (t: TestContext, token: string, overrides: Record<string, unknown> = {}) =>
  created(t, '/v1/offers', token, offerInput(overrides));

/** An open immersion slot of the employer whose token is given. */
export const createSlot = (t: TestContext, token: string, overrides: Record<string, unknown> = {}) =>
  created(t, '/v1/immersion-slots', token, slotInput(overrides));

/** A youth of the advisor whose token is given. */
export const createYouth = (t: TestContext, token: string, overrides: Record<string, unknown> = {}) =>
  created(t, '/v1/youth', token, youthInput(overrides));
