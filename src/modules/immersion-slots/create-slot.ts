import { immersionSlots } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { enqueueJob } from '../../outbox/jobs.js';
import type { CreateSlotInput } from './immersion-slots.schemas.js';
import { resolveSlotFields } from './slot-references.js';
import { loadSlotView, toSlotDto } from './slot-dto.js';
import { owningEmployerId } from '../accounts/index.js';

/** Opens an immersion slot: advisors see it at once. */
export async function createSlot(deps: Deps, actor: Actor, input: CreateSlotInput) {
  return deps.db.transaction(async (tx) => {
    const employerId = await owningEmployerId(tx, actor, input.employerId);
    const { occupation, workplace } = await resolveSlotFields(tx, input);
    const [row] = await tx
      .insert(immersionSlots)
      .values({
        employerId,
        status: 'open',
        ...occupation!,
        activities: input.activities,
        ...workplace!,
        tutorName: input.tutor.name,
        tutorJob: input.tutor.job,
        tutorEmail: input.tutor.email,
        tutorPhone: input.tutor.phone,
        capacity: input.capacity,
        availableFrom: input.availableFrom,
        availableTo: input.availableTo,
        schedules: input.schedules,
        hoursPerWeek: input.hoursPerWeek,
      })
      .returning({ id: immersionSlots.id });
    await enqueueJob(tx, 'sync-search', { index: 'immersion_slots', id: row!.id });
    return toSlotDto(await loadSlotView(tx, row!.id));
  });
}
