import { and, eq } from 'drizzle-orm';
import { immersionSlots } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadSlotView, toSlotDto } from './slot-dto.js';
import { immersionSlotLifecycle } from '../../domain/immersion-slot-lifecycle.js';
import { applyTransition } from '../lifecycle/index.js';
import { employerWriteScope } from '../accounts/index.js';

/** Takes the slot off the market: advisors no longer see it. */
export async function closeSlot(deps: Deps, actor: Actor, id: string) {
  const scope = employerWriteScope(actor, immersionSlots.employerId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(immersionSlots).where(and(eq(immersionSlots.id, id), scope)).for('update');
    if (!row) throw new NotFoundError('Immersion slot');
    const { to } = await applyTransition(tx, immersionSlotLifecycle, { id, current: row.status, action: 'close', by: actor });
    const now = new Date();
    await tx.update(immersionSlots).set({ status: to, closedAt: now, updatedAt: now }).where(eq(immersionSlots.id, id));
    await enqueueJob(tx, 'sync-search', { index: 'immersion_slots', id });
    return toSlotDto(await loadSlotView(tx, id));
  });
}
