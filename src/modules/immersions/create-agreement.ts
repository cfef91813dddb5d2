import { and, eq, inArray } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { AppError, ValidationError, type FieldError } from '../../core/errors.js';
import { HOLDING_STATUSES } from '../../domain/immersion-agreement-lifecycle.js';
import { lockAcceptedMatch, openMatchOfPair } from '../matches/index.js';
import type { CreateAgreementInput } from './immersions.schemas.js';
import { checkEmployerExists, checkTerms, lockOpenSlot, lockYouth } from './agreement-checks.js';
import { loadAgreementView, toAgreementDto } from './agreement-dto.js';

/** Who and where an agreement is for: given in the request, or taken from the match. */
interface AgreementSource {
  youthId: string;
  slotId?: string;
  employerId?: string;
  matchId?: string;
}

/**
 * The advisor prepares an immersion agreement (`draft`) for a youth of their structure, from
 * an immersion slot (it takes one of its places), from a match the employer accepted, or
 * agreed directly with an employer.
 */
export async function createAgreement(deps: Deps, actor: Actor, input: CreateAgreementInput) {
  return deps.db.transaction(async (tx) => {
    const source = input.matchId ? await sourceOfMatch(tx, actor, input.matchId, input) : { youthId: input.youthId!, slotId: input.slotId, employerId: input.employerId };
    const person = await lockYouth(tx, actor, source.youthId);
    const slot = source.slotId ? await lockOpenSlot(tx, source.slotId) : undefined;
    const employerId = slot?.employerId ?? source.employerId!;
    if (!slot) await checkEmployerExists(tx, employerId);
    if (!source.matchId) await refuseAroundOpenMatch(tx, person.id, employerId);
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
        matchId: source.matchId ?? null,
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

/**
 * The youth, the employer and the slot of an accepted match (404 outside the advisor's
 * structure, 409 unless accepted), locked while the agreement is written. A field of the
 * request that says otherwise is refused (422 `contradicts_match`, all at once), as is a second
 * agreement while one from the match is still in play (409).
 */
async function sourceOfMatch(tx: DbOrTx, actor: Actor, matchId: string, input: CreateAgreementInput): Promise<AgreementSource> {
  const match = await lockAcceptedMatch(tx, actor, matchId);
  const errors: FieldError[] = [];
  const mustMatch = (path: 'youthId' | 'employerId' | 'slotId', given: string | undefined, expected: string | null, message: string) => {
    if (given !== undefined && given !== expected) errors.push({ path, code: 'contradicts_match', message });
  };
  mustMatch('youthId', input.youthId, match.youthId, `The match is for youth ${match.youthId}.`);
  mustMatch('employerId', input.employerId, match.employerId, `The match is with employer ${match.employerId}.`);
  mustMatch('slotId', input.slotId, match.slotId, match.slotId ? `The match is for immersion slot ${match.slotId}.` : 'The match is for an offer, not an immersion slot.');
  if (errors.length > 0) throw new ValidationError(errors);
  const [live] = await tx
    .select({ id: immersionAgreements.id, status: immersionAgreements.status })
    .from(immersionAgreements)
    .where(and(eq(immersionAgreements.matchId, match.id), inArray(immersionAgreements.status, HOLDING_STATUSES)));
  if (live)
    throw new AppError('conflict', 'An immersion agreement from this match is already in play: edit it, or cancel it first.', {
      agreementId: live.id,
      currentState: live.status,
    });
  return { youthId: match.youthId, slotId: match.slotId ?? undefined, employerId: match.employerId, matchId: match.id };
}

/**
 * Without a match, an agreement for a youth whom this employer has been proposed (still
 * unanswered) would name them to the employer before they accept (409); one accepted is the
 * agreement's source (409 naming it: send its `matchId`).
 */
async function refuseAroundOpenMatch(tx: DbOrTx, youthId: string, employerId: string) {
  const open = await openMatchOfPair(tx, youthId, employerId);
  if (!open) return;
  throw new AppError(
    'conflict',
    open.status === 'proposed'
      ? 'This youth has been proposed to this employer and the proposal awaits its answer: the employer learns who they are only on accepting.'
      : 'The employer accepted a proposal of this youth: prepare the agreement from it (matchId).',
    { matchId: open.id, currentState: open.status },
  );
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
