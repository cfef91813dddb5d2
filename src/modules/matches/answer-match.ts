import { and, eq } from 'drizzle-orm';
import { matches } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { InvalidStateError, NotFoundError } from '../../core/errors.js';
import { allowedActions } from '../../domain/state-machine.js';
import { matchLifecycle, type DeclineReason, type MatchAction, type MatchOutcome } from '../../domain/match-lifecycle.js';
import { cancelJobs, enqueueJob } from '../../outbox/jobs.js';
import { applyTransition, type Mover } from '../lifecycle/index.js';
import { toMatchViews, type MatchRow } from './match-views.js';
import { expiryKey, reminderKey } from './propose-match.js';
import { matchScope } from './scope.js';

/** The employer accepts: the advisor is told, and the employer now sees who the youth is (audited). */
export const acceptMatch = (deps: Deps, actor: Actor, id: string) => moveMatch(deps, actor, id, 'accept');

/** The employer declines, with a reason from the fixed list. */
export const declineMatch = (deps: Deps, actor: Actor, id: string, reason: DeclineReason) => moveMatch(deps, actor, id, 'decline', reason);

/** The advisor takes the proposal back (the youth found something else, changed their mind…). */
export const withdrawMatch = (deps: Deps, actor: Actor, id: string) => moveMatch(deps, actor, id, 'withdraw');

/** What became of an accepted match, recorded by the employer or the advisor. */
export const recordOutcome = (deps: Deps, actor: Actor, id: string, outcome: MatchOutcome) => moveMatch(deps, actor, id, outcome);

/** The match within the actor's scope, locked for a change (404 outside it). */
async function lockMatch(tx: DbOrTx, actor: Actor, id: string) {
  const scope = matchScope(actor);
  if (scope === false) throw new NotFoundError('Match');
  const [row] = await tx.select().from(matches).where(and(eq(matches.id, id), scope)).for('update');
  if (!row) throw new NotFoundError('Match');
  return row;
}

/**
 * The accepted match an immersion agreement is prepared from, locked until the agreement is
 * written (two agreements from one match are checked one after the other). 404 outside the
 * actor's scope, 409 with the current state unless the employer has accepted it.
 */
export async function lockAcceptedMatch(tx: DbOrTx, actor: Actor, id: string) {
  const row = await lockMatch(tx, actor, id);
  if (row.status !== 'accepted')
    throw new InvalidStateError(row.status, `An immersion agreement is prepared from an accepted match; this one is ${row.status.replaceAll('_', ' ')}.`);
  return row;
}

/**
 * The platform records an outcome that an immersion agreement from the match implies (its
 * start, a no-show reported by the tutor), when the match's state allows it; otherwise the
 * match is left as it is (someone has already recorded what became of it, or withdrew it).
 * Returns the match's state afterwards.
 */
export async function recordImmersionOutcome(tx: DbOrTx, matchId: string, outcome: Extract<MatchOutcome, 'immersion_started' | 'no_show'>, reason: string) {
  const [row] = await tx.select().from(matches).where(eq(matches.id, matchId)).for('update');
  if (!row) return undefined;
  if (!allowedActions(matchLifecycle, row.status, 'system').includes(outcome)) return row.status;
  return (await applyMatchMove(tx, row, outcome, 'system', undefined, reason)).status;
}

async function moveMatch(deps: Deps, actor: Actor, id: string, action: MatchAction, declineReason?: DeclineReason) {
  return deps.db.transaction(async (tx) => {
    const row = await lockMatch(tx, actor, id);
    const updated = await applyMatchMove(tx, row, action, actor, declineReason);
    const [view] = await toMatchViews(tx, actor, [updated], { reveal: action === 'accept' ? 'match_accepted' : 'match_viewed' });
    return view!;
  });
}

/**
 * One move of a locked match row, with its effects: the history, the status, the cancelled
 * reminder and expiry once answered, the e-mail to the advisor. Also used by the expiry job.
 */
export async function applyMatchMove(
  tx: DbOrTx,
  row: MatchRow,
  action: MatchAction,
  by: Mover,
  declineReason?: DeclineReason,
  reason: string | null = declineReason ?? null,
): Promise<MatchRow> {
  const result = await applyTransition(tx, matchLifecycle, { id: row.id, current: row.status, action, by, reason });
  const now = new Date();
  const answer = action === 'accept' || action === 'decline' || action === 'withdraw' || action === 'expire';
  const [updated] = await tx
    .update(matches)
    .set({
      status: result.to,
      updatedAt: now,
      ...(answer ? { answeredAt: now } : { outcomeAt: now }),
      ...(declineReason ? { declineReason } : {}),
    })
    .where(eq(matches.id, row.id))
    .returning();
  if (answer) await cancelJobs(tx, [reminderKey(row.id), expiryKey(row.id)]);
  if (action === 'accept' || action === 'decline' || action === 'expire')
    await enqueueJob(tx, 'send-match-email', { matchId: row.id, event: result.to as 'accepted' | 'declined' | 'expired' });
  return updated!;
}
