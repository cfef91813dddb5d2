import { and, eq } from 'drizzle-orm';
import { immersionSlots } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { InvalidStateError, NotFoundError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadSlotView, toSlotDto } from './slot-dto.js';
import { slotTransition } from './slot-states.js';
import { employerWriteScope } from '../accounts/index.js';

/** Takes the slot off the market: advisors no longer see it. */
export async function closeSlot(deps: Deps, actor: Actor, id: string) {
  const scope = employerWriteScope(actor, immersionSlots.employerId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(immersionSlots).where(and(eq(immersionSlots.id, id), scope)).for('update');
    if (!row) throw new NotFoundError('Immersion slot');
    const next = slotTransition(row.status, 'close');
    if (!next) throw new InvalidStateError(row.status, `An immersion slot that is ${row.status} cannot be closed.`);
    const now = new Date();
    await tx.update(immersionSlots).set({ status: next, closedAt: now, updatedAt: now }).where(eq(immersionSlots.id, id));
    await enqueueJob(tx, 'sync-search', { index: 'immersion_slots', id });
    return toSlotDto(await loadSlotView(tx, id));
  });
}
