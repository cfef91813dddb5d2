import { and, eq, inArray } from 'drizzle-orm';
import { matches } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { AppError, InvalidStateError, ValidationError } from '../../core/errors.js';
import { scoringProjection, travelTimeBand } from '../../domain/anonymisation.js';
import { scoreMatch } from '../../domain/matching/index.js';
import { ACTIVE_MATCH_STATUSES } from '../../domain/match-lifecycle.js';
import { enqueueJob, scheduleJob } from '../../outbox/jobs.js';
import { findYouthRecord, toYouthProfile } from '../youth/index.js';
import { employerExplanation, toMatchViews } from './match-views.js';
import { loadOffer, loadSlot, scoringContext } from './opportunities.js';
import type { ProposeMatchBody } from './matches.schemas.js';

const DAY_MS = 86_400_000;
export const reminderKey = (matchId: string) => `match:${matchId}:reminder`;
export const expiryKey = (matchId: string) => `match:${matchId}:expiry`;

/**
 * An advisor proposes one of their youth for an offer or an immersion slot. Refused: a youth
 * without consent (422), a match the score rules out (422, with the blockers), a closed offer or
 * slot or a pair already in play (409). The employer is e-mailed; a reminder and the expiry are
 * scheduled, to be cancelled when the employer answers.
 */
export async function proposeMatch(deps: Deps, actor: Actor, body: ProposeMatchBody) {
  const record = await findYouthRecord(deps, actor, body.youthId);
  if (!record.consentAnonymisedSharing)
    throw ValidationError.field('youthId', 'consent_missing', "This youth has not agreed to share their anonymised profile with employers.");
  const target = body.offerId
    ? await loadOffer(deps.db, actor, body.offerId, { anyStatus: true })
    : await loadSlot(deps.db, actor, body.slotId!, { anyStatus: true });
  if (!target.open) throw new InvalidStateError('closed', `This ${body.offerId ? 'offer' : 'immersion slot'} is closed.`);

  const today = todayInFrance();
  const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
  const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
  const result = scoreMatch(projection, target.scored, origin, scoringContext(today));
  if (!result.eligible)
    throw new ValidationError(
      result.blockers.map((b) => ({ path: 'youthId', code: 'not_eligible', message: b.text })),
      'The score rules this match out: ' + result.blockers.map((b) => b.text).join(' ; '),
    );

  return deps.db.transaction(async (tx) => {
    const pair = body.offerId ? eq(matches.offerId, body.offerId) : eq(matches.slotId, body.slotId!);
    const [active] = await tx
      .select({ id: matches.id, status: matches.status })
      .from(matches)
      .where(and(eq(matches.youthId, record.id), pair, inArray(matches.status, [...ACTIVE_MATCH_STATUSES])));
    if (active) throw new AppError('conflict', 'This youth already has an active proposal for it.', { matchId: active.id, currentState: active.status });
    const inserted = await tx
      .insert(matches)
      .values({
        youthId: record.id,
        offerId: body.offerId ?? null,
        slotId: body.slotId ?? null,
        employerId: target.summary.employerId,
        structureId: record.structureId,
        proposedBy: actor.userId,
        score: result.score,
        explanation: employerExplanation(result),
        travelBand: result.travel ? travelTimeBand(result.travel.minutes) : null,
      })
      .onConflictDoNothing()
      .returning();
    // Two proposals racing for the same pair: the unique index lets one through.
    const row = inserted[0];
    if (!row) throw new AppError('conflict', 'This youth already has an active proposal for it.');
    const now = Date.now();
    const { MATCH_REMINDER_DAYS, MATCH_EXPIRY_DAYS } = deps.config;
    await scheduleJob(tx, 'match-deadline', { matchId: row.id, step: 'reminder' }, { runAt: new Date(now + MATCH_REMINDER_DAYS * DAY_MS), key: reminderKey(row.id) });
    await scheduleJob(tx, 'match-deadline', { matchId: row.id, step: 'expiry' }, { runAt: new Date(now + MATCH_EXPIRY_DAYS * DAY_MS), key: expiryKey(row.id) });
    await enqueueJob(tx, 'send-match-email', { matchId: row.id, event: 'proposed' });
    const [view] = await toMatchViews(tx, actor, [row]);
    return view!;
  });
}
