import { and, eq, inArray, lt } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { enqueueJobs } from '../../outbox/jobs.js';
import { TODAY_IN_FRANCE_SQL } from '../../core/calendar.js';
import { offerLifecycle } from '../../domain/offer-lifecycle.js';
import { recordTransitions } from '../lifecycle/index.js';

const BATCH = 500;

/**
 * Closes the published offers whose expiry date has passed, and tells search, in batches of
 * one transaction each. Rows being edited are skipped (their writer closes them itself, see
 * updateOffer) and picked up next time. Returns the ids closed.
 */
export async function closeExpiredOffers(db: Db): Promise<string[]> {
  const closed: string[] = [];
  for (;;) {
    const ids = await db.transaction(async (tx) => {
      const due = tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.status, 'published'), lt(offers.expiryDate, TODAY_IN_FRANCE_SQL)))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const now = new Date();
      const rows = await tx
        .update(offers)
        .set({ status: 'closed', closedAt: now, updatedAt: now })
        .where(inArray(offers.id, due))
        .returning({ id: offers.id });
      await recordTransitions(tx, offerLifecycle, rows.map((r) => ({ id: r.id, from: 'published' as const, action: 'expire' as const })), 'system', 'expiry date passed');
      await enqueueJobs(
        tx,
        'sync-search',
        rows.map((r) => ({ index: 'offers' as const, id: r.id })),
      );
      return rows.map((r) => r.id);
    });
    closed.push(...ids);
    if (ids.length < BATCH) return closed;
  }
}
