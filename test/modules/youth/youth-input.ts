import { sql } from 'drizzle-orm';
import type { TestContext } from '../../helpers/context.js';
import { todayInFrance } from '../../../src/core/calendar.js';

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
