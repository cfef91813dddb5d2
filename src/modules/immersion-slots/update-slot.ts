import { and, eq } from 'drizzle-orm';
import { immersionSlots } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import type { UpdateSlotInput } from './immersion-slots.schemas.js';
import { loadSlotView, toSlotDto } from './slot-dto.js';
import { resolveSlotFields } from './slot-references.js';
import { employerWriteScope } from '../accounts/index.js';

/** Changes the fields given, open or closed. */
export async function updateSlot(deps: Deps, actor: Actor, id: string, input: UpdateSlotInput) {
  const scope = employerWriteScope(actor, immersionSlots.employerId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(immersionSlots).where(and(eq(immersionSlots.id, id), scope)).for('update');
    if (!row) throw new NotFoundError('Immersion slot');
    const { occupation, workplace } = await resolveSlotFields(tx, input, row);
    const { tutor } = input;
    await tx
      .update(immersionSlots)
      .set({
        ...occupation,
        ...workplace,
        ...(tutor ? { tutorName: tutor.name, tutorJob: tutor.job, tutorEmail: tutor.email, tutorPhone: tutor.phone } : {}),
        activities: input.activities,
        capacity: input.capacity,
        availableFrom: input.availableFrom,
        availableTo: input.availableTo,
        schedules: input.schedules,
        hoursPerWeek: input.hoursPerWeek,
        updatedAt: new Date(),
      })
      .where(eq(immersionSlots.id, id));
    await enqueueJob(tx, 'sync-search', { index: 'immersion_slots', id });
    return toSlotDto(await loadSlotView(tx, id));
  });
}
