import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { youth } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError, ValidationError, type FieldError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { checkAge } from './age.js';
import { checkRomeCodes } from '../reference/index.js';
import { resolveYouthCommune, romeCodeRefs } from './reference-checks.js';
import { youthWriteScope } from './scope.js';
import type { UpdateYouthInput } from './youth.schemas.js';
import { selectYouthRecords, toYouthDto } from './youth-record.js';
import { todayInFrance } from '../../core/calendar.js';

/** Fields copied as they are sent. */
const PLAIN_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'gender',
  'email',
  'phone',
  'address',
  'nationality',
  'photoUrl',
  'qpv',
  'rqth',
  'targetRomeCodes',
  'skills',
  'languages',
  'educationLevel',
  'experiences',
  'contractTypes',
  'barriers',
] as const satisfies readonly (keyof UpdateYouthInput & keyof typeof youth.$inferInsert)[];

/**
 * An advisor edits a profile of their structure. Fields sent replace the stored ones;
 * `availability` and `mobility` may be sent in part. The same checks as at creation apply to
 * what changes; the age is checked against the day the profile was created.
 */
export async function updateYouth(deps: Deps, actor: Actor, id: string, input: UpdateYouthInput) {
  const scope = youthWriteScope(actor);

  return deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(youth).where(and(eq(youth.id, id), scope)).for('update');
    if (!current) throw new NotFoundError('Youth');

    const errors: FieldError[] = [];
    const changes: PgUpdateSetSource<typeof youth> = {};
    for (const field of PLAIN_FIELDS) {
      if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
    }
    if (input.birthDate !== undefined) checkAge(input.birthDate, todayInFrance(current.createdAt), errors);
    if (input.communeInsee !== undefined || input.postcode !== undefined) {
      const commune = await resolveYouthCommune(tx, input, errors);
      if (commune) Object.assign(changes, { communeInsee: commune.insee, postcode: commune.postcode });
    }
    await checkRomeCodes(tx, romeCodeRefs(input), errors);

    const { availability, mobility, consent } = input;
    if (availability?.from !== undefined) changes.availableFrom = availability.from;
    if (availability?.maxHoursPerWeek !== undefined) changes.maxHoursPerWeek = availability.maxHoursPerWeek;
    if (availability?.schedules !== undefined) changes.schedules = availability.schedules;
    if (mobility?.modes !== undefined) changes.transportModes = mobility.modes;
    if (mobility?.drivingLicence !== undefined) changes.drivingLicence = mobility.drivingLicence;
    if (mobility?.maxCommuteMinutes !== undefined) changes.maxCommuteMinutes = mobility.maxCommuteMinutes;
    // Giving consent again keeps its first date; withdrawing it clears the date and records when.
    // The clock is read after the row lock, not at the start of the transaction (now()):
    // a change that waited for a concurrent one is dated after it.
    if (consent && consent.anonymisedSharing !== current.consentAnonymisedSharing) {
      changes.consentAnonymisedSharing = consent.anonymisedSharing;
      changes.consentGivenAt = consent.anonymisedSharing ? sql`clock_timestamp()` : null;
      if (!consent.anonymisedSharing) changes.consentWithdrawnAt = sql`clock_timestamp()`;
    }

    if (errors.length > 0) throw new ValidationError(errors);
    if (Object.keys(changes).length > 0) {
      await tx.update(youth).set({ ...changes, updatedAt: sql`now()` }).where(eq(youth.id, id));
      await enqueueJob(tx, 'sync-search', { index: 'youth', id });
    }
    const [record] = await selectYouthRecords(tx).where(eq(youth.id, id));
    return toYouthDto(record!);
  });
}
