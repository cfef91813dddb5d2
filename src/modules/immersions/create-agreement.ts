import { immersionAgreements } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import type { CreateAgreementInput } from './immersions.schemas.js';
import { checkEmployerExists, checkTerms, lockOpenSlot, lockYouth } from './agreement-checks.js';
import { loadAgreementView, toAgreementDto } from './agreement-dto.js';

/**
 * The advisor prepares an immersion agreement (`draft`) for a youth of their structure, from
 * an immersion slot (it takes one of its places) or agreed directly with an employer.
 */
export async function createAgreement(deps: Deps, actor: Actor, input: CreateAgreementInput) {
  return deps.db.transaction(async (tx) => {
    const person = await lockYouth(tx, actor, input.youthId);
    const slot = input.slotId ? await lockOpenSlot(tx, input.slotId) : undefined;
    const employerId = slot?.employerId ?? input.employerId!;
    if (!slot) await checkEmployerExists(tx, employerId);
    const legal = input.legalRepresentative ?? null;
    await checkTerms(
      tx,
      {
        youthId: person.id,
        slotId: slot?.id ?? null,
        startDate: input.startDate,
        endDate: input.endDate,
        schedule: input.schedule,
        tutorEmail: input.tutor.email,
        tutorPhone: input.tutor.phone,
        hasLegalRepresentative: legal !== null,
      },
      person.birthDate,
    );
    const [row] = await tx
      .insert(immersionAgreements)
      .values({
        structureId: person.structureId,
        youthId: person.id,
        employerId,
        slotId: slot?.id ?? null,
        createdBy: actor.userId,
        status: 'draft',
        startDate: input.startDate,
        endDate: input.endDate,
        schedule: sortedSchedule(input.schedule),
        objective: input.objective,
        activities: input.activities,
        skillsToObserve: input.skillsToObserve,
        ...tutorColumns(input.tutor),
        ...employerRepColumns(input.employerRepresentative),
        ...legalRepColumns(legal),
      })
      .returning({ id: immersionAgreements.id });
    return toAgreementDto((await loadAgreementView(tx, row!.id))!);
  });
}

type Person = { name: string; role: string; email: string; phone: string };

export const tutorColumns = (p: Person) => ({ tutorName: p.name, tutorRole: p.role, tutorEmail: p.email, tutorPhone: p.phone });
export const employerRepColumns = (p: Person) => ({
  employerRepName: p.name,
  employerRepRole: p.role,
  employerRepEmail: p.email,
  employerRepPhone: p.phone,
});
export const legalRepColumns = (p: Omit<Person, 'role'> | null) => ({
  legalRepName: p?.name ?? null,
  legalRepEmail: p?.email ?? null,
  legalRepPhone: p?.phone ?? null,
});

/** Days in date order, each day's ranges in time order: the document reads like a calendar. */
export function sortedSchedule<T extends { date: string; ranges: { from: string; to: string }[] }>(schedule: T[]) {
  return [...schedule]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d) => ({ date: d.date, ranges: [...d.ranges].sort((a, b) => a.from.localeCompare(b.from)).map((r) => ({ from: r.from, to: r.to })) }));
}
