import { sql } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { ValidationError, type FieldError } from '../../core/errors.js';
import { youthWriteScope } from './scope.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { checkAge } from './age.js';
import { checkRomeCodes } from '../reference/index.js';
import { resolveYouthCommune, romeCodeRefs } from './reference-checks.js';
import type { CreateYouthInput } from './youth.schemas.js';
import { toYouthDto } from './youth-record.js';
import { todayInFrance } from '../../core/calendar.js';

/**
 * An advisor registers a young person of their structure. Every check against the reference
 * data runs before the insert, in the same transaction as the search-index job, so a refused
 * request writes nothing.
 */
export async function createYouth(deps: Deps, actor: Actor, input: CreateYouthInput) {
  youthWriteScope(actor);
  const structureId = actor.structureId!;

  return deps.db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    checkAge(input.birthDate, todayInFrance(), errors);
    const commune = await resolveYouthCommune(tx, input, errors);
    await checkRomeCodes(tx, romeCodeRefs(input), errors);
    if (errors.length > 0 || !commune) throw new ValidationError(errors);

    const [row] = await tx
      .insert(youth)
      .values({
        structureId,
        createdBy: actor.userId,
        firstName: input.firstName,
        lastName: input.lastName,
        birthDate: input.birthDate,
        gender: input.gender,
        email: input.email,
        phone: input.phone,
        address: input.address,
        communeInsee: commune.insee,
        postcode: commune.postcode,
        nationality: input.nationality,
        photoUrl: input.photoUrl,
        qpv: input.qpv,
        rqth: input.rqth,
        targetRomeCodes: input.targetRomeCodes,
        skills: input.skills,
        languages: input.languages,
        educationLevel: input.educationLevel,
        experiences: input.experiences,
        availableFrom: input.availability.from,
        maxHoursPerWeek: input.availability.maxHoursPerWeek,
        schedules: input.availability.schedules,
        contractTypes: input.contractTypes,
        transportModes: input.mobility.modes,
        drivingLicence: input.mobility.drivingLicence,
        maxCommuteMinutes: input.mobility.maxCommuteMinutes,
        barriers: input.barriers,
        consentAnonymisedSharing: input.consent.anonymisedSharing,
        // Server time, never the client's: the date is the evidence of consent.
        consentGivenAt: input.consent.anonymisedSharing ? sql`now()` : null,
      })
      .returning();
    await enqueueJob(tx, 'sync-search', { index: 'youth', id: row!.id });
    return toYouthDto({ ...row!, communeName: commune.name });
  });
}
