import { eq } from 'drizzle-orm';
import { matches } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { applyMatchMove } from './answer-match.js';

/** The reminder or the expiry of a proposal still unanswered; false when it has been answered. */
export async function runMatchDeadline(deps: Deps, matchId: string, step: 'reminder' | 'expiry'): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(matches).where(eq(matches.id, matchId)).for('update');
    if (!row || row.status !== 'proposed') return false;
    if (step === 'reminder') await enqueueJob(tx, 'send-match-email', { matchId, event: 'reminder' });
    else await applyMatchMove(tx, row, 'expire', 'system');
    return true;
  });
}
