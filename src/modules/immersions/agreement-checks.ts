import { and, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { employers, immersionAgreements, immersionSlots, youth } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../core/actor.js';
import { AppError, InvalidStateError, ValidationError, type FieldError } from '../../core/errors.js';
import { HOLDING_STATUSES } from '../../domain/immersion-agreement-lifecycle.js';
import { checkAgreementRules, type ScheduleDay } from '../../domain/immersion-rules.js';

/** What the rules look at, once a creation or an edit is merged with what is stored. */
export interface AgreementTerms {
  youthId: string;
  slotId: string | null;
  startDate: string;
  endDate: string;
  schedule: ScheduleDay[];
  tutorEmail: string;
  tutorPhone: string;
  hasLegalRepresentative: boolean;
}

/** The youth of the advisor's structure, locked: two agreements of the same youth are checked one after the other. */
export async function lockYouth(tx: DbOrTx, actor: Actor, youthId: string) {
  const [row] = actor.structureId
    ? await tx
        .select({ id: youth.id, structureId: youth.structureId, birthDate: youth.birthDate })
        .from(youth)
        .where(and(eq(youth.id, youthId), eq(youth.structureId, actor.structureId)))
        .for('update')
    : [];
  if (!row) throw ValidationError.field('youthId', 'unknown_youth', 'No young person with this id in your structure.');
  return row;
}

/** The slot an agreement fills, locked: places are counted one agreement at a time. A closed slot takes no one (409). */
export async function lockOpenSlot(tx: DbOrTx, slotId: string) {
  const [slot] = await tx.select().from(immersionSlots).where(eq(immersionSlots.id, slotId)).for('update');
  if (!slot) throw ValidationError.field('slotId', 'unknown_slot', 'No immersion slot with this id.');
  if (slot.status !== 'open') throw new InvalidStateError(slot.status, 'This immersion slot is closed: it takes no one.');
  return slot;
}

export async function checkEmployerExists(tx: DbOrTx, employerId: string) {
  const [row] = await tx.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
  if (!row) throw ValidationError.field('employerId', 'unknown_employer', 'No employer with this id.');
}

/**
 * Every legal rule (422, all at once), then the slot's capacity (409 `slot_full`): the places
 * of a slot are "young people at a time", so only agreements whose periods overlap this one
 * count. The caller holds the locks on the youth and the slot.
 */
export async function checkTerms(tx: DbOrTx, terms: AgreementTerms, birthDate: string, self?: string) {
  const holding = and(inArray(immersionAgreements.status, HOLDING_STATUSES), self ? ne(immersionAgreements.id, self) : undefined);
  const others = await tx
    .select({ id: immersionAgreements.id, startDate: immersionAgreements.startDate, endDate: immersionAgreements.endDate })
    .from(immersionAgreements)
    .where(and(eq(immersionAgreements.youthId, terms.youthId), holding));
  const errors: FieldError[] = checkAgreementRules({
    startDate: terms.startDate,
    endDate: terms.endDate,
    schedule: terms.schedule,
    youthBirthDate: birthDate,
    hasLegalRepresentative: terms.hasLegalRepresentative,
    tutor: { email: terms.tutorEmail, phone: terms.tutorPhone },
    otherImmersions: others,
  });

  const slot = terms.slotId ? (await tx.select().from(immersionSlots).where(eq(immersionSlots.id, terms.slotId)))[0] : undefined;
  if (slot && (terms.startDate < slot.availableFrom || terms.endDate > slot.availableTo))
    errors.push({
      path: 'startDate',
      code: 'outside_slot_period',
      message: `The slot takes young people from ${slot.availableFrom} to ${slot.availableTo}.`,
    });
  if (errors.length > 0) throw new ValidationError(errors);

  if (slot) {
    const [taken] = await tx
      .select({ n: count() })
      .from(immersionAgreements)
      .where(
        and(
          eq(immersionAgreements.slotId, slot.id),
          holding,
          lte(immersionAgreements.startDate, terms.endDate),
          gte(immersionAgreements.endDate, terms.startDate),
        ),
      );
    if ((taken?.n ?? 0) >= slot.capacity)
      throw new AppError('slot_full', `All ${slot.capacity} places of this immersion slot are taken for these dates.`, { capacity: slot.capacity });
  }
}
