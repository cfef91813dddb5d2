import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { AgreementStatus } from '../../../src/domain/immersion-agreement-lifecycle.js';
import type { TestContext } from '../../helpers/context.js';
import { addDays, createSlot, createYouth, inDays, yearsAgo } from '../../helpers/factories.js';

/** Working days from `start` to `end` (both included), 09:00–12:00 and 13:00–17:00 (7 h), Sundays left out. */
export function weekdays(start: string, end: string) {
  const days = [];
  for (let d = start; d <= end; d = addDays(d, 1))
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) days.push({ date: d, ranges: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] });
  return days;
}

/** A valid agreement body: 5 days from in 10 days. */
export function agreementInput(youthId: string, source: { slotId?: string; employerId?: string }, overrides: Record<string, unknown> = {}) {
  const startDate = (overrides.startDate as string | undefined) ?? inDays(10);
  const endDate = (overrides.endDate as string | undefined) ?? addDays(startDate, 4);
  return {
    youthId,
    ...source,
    startDate,
    endDate,
    schedule: weekdays(startDate, endDate),
    objective: 'discover_trade',
    activities: 'Mise en rayon, accueil des clients.',
    skillsToObserve: ['Accueil client', 'Ponctualité'],
    tutor: { name: 'Samia Benali', role: 'Gérante', email: 'samia.benali@epicerie.example', phone: '06 12 34 56 78' },
    employerRepresentative: { name: 'Paul Girard', role: 'Directeur', email: 'paul.girard@epicerie.example', phone: '04 77 12 34 56' },
    ...overrides,
  };
}

/** An advisor, an employer with an open slot (2 places), and a youth of the advisor's structure. */
export async function immersionWorld(t: TestContext) {
  const structure = await t.structure();
  const advisor = await t.userWithToken('advisor', { structureId: structure.id });
  const employer = await t.userWithToken('employer');
  const slot = await createSlot(t, employer.token);
  const youth = await createYouth(t, advisor.token, { email: `${t.unique('jeune')}@example.test` });
  const newYouth = (overrides: Record<string, unknown> = {}) =>
    createYouth(t, advisor.token, { email: `${t.unique('jeune')}@example.test`, ...overrides });
  /** An agreement agreed directly with the employer (no slot place taken). */
  const create = async (overrides: Record<string, unknown> = {}, youthId = youth.id) => {
    const source = { employerId: employer.user.employerId!, ...(overrides.slotId ? { slotId: overrides.slotId as string, employerId: undefined } : {}) };
    const res = await t.request('POST', '/v1/immersions', { token: advisor.token, json: agreementInput(youthId, source, overrides) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string; [k: string]: any };
  };
  return { structure, advisor, employer, employerId: employer.user.employerId!, slot, youth, newYouth, create, minorBirthDate: yearsAgo(17) };
}

/** Puts an agreement in a state directly: the set-up of tests about what may happen from there. */
export async function forceStatus(t: TestContext, id: string, status: AgreementStatus) {
  await t.deps.db.update(immersionAgreements).set({ status }).where(eq(immersionAgreements.id, id));
}

/** The text of a PDF, as poppler's pdftotext reads it (installed by .ci/run). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-pdf-'));
  try {
    await writeFile(join(dir, 'a.pdf'), bytes);
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

