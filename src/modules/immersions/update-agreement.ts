import { eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { immersionAgreementLifecycle } from '../../domain/immersion-agreement-lifecycle.js';
import { applyTransition } from '../lifecycle/index.js';
import type { UpdateAgreementInput } from './immersions.schemas.js';
import { checkTerms, lockOpenSlot, lockYouth } from './agreement-checks.js';
import { loadAgreementView, toAgreementDto } from './agreement-dto.js';
import { employerRepColumns, legalRepColumns, sortedSchedule, tutorColumns } from './create-agreement.js';
import { lockAgreement } from './lock-agreement.js';
import { openSignatureRound } from './signature-round.js';

/**
 * Changes the fields given, checked again as a whole. A draft just changes; once sent for
 * signature, an edit (`amend`) voids every signature and sends new links, since the parties
 * signed another text. From `validated` on, an agreement no longer changes (409).
 */
export async function updateAgreement(deps: Deps, actor: Actor, id: string, input: UpdateAgreementInput) {
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, actor, id);
    if (row.status !== 'draft') await applyTransition(tx, immersionAgreementLifecycle, { id, current: row.status, action: 'amend', by: actor });
    const person = await lockYouth(tx, actor, row.youthId);
    if (row.slotId && (input.startDate || input.endDate)) await lockOpenSlot(tx, row.slotId);
    const legal = input.legalRepresentative === undefined ? undefined : legalRepColumns(input.legalRepresentative);
    const merged = {
      startDate: input.startDate ?? row.startDate,
      endDate: input.endDate ?? row.endDate,
      schedule: input.schedule ? sortedSchedule(input.schedule) : row.schedule,
      ...(input.tutor ? tutorColumns(input.tutor) : {}),
      ...(input.employerRepresentative ? employerRepColumns(input.employerRepresentative) : {}),
      ...legal,
    };
    await checkTerms(
      tx,
      {
        youthId: row.youthId,
        slotId: row.slotId,
        startDate: merged.startDate,
        endDate: merged.endDate,
        schedule: merged.schedule,
        tutorEmail: merged.tutorEmail ?? row.tutorEmail,
        tutorPhone: merged.tutorPhone ?? row.tutorPhone,
        hasLegalRepresentative: (legal ? legal.legalRepName : row.legalRepName) !== null,
      },
      person.birthDate,
      id,
    );
    const [updated] = await tx
      .update(immersionAgreements)
      .set({
        ...merged,
        objective: input.objective,
        activities: input.activities,
        skillsToObserve: input.skillsToObserve,
        status: row.status === 'draft' ? 'draft' : 'ready_to_sign',
        updatedAt: new Date(),
      })
      .where(eq(immersionAgreements.id, id))
      .returning();
    if (row.status !== 'draft') await openSignatureRound(tx, updated!);
    return toAgreementDto((await loadAgreementView(tx, id))!);
  });
}
