import { immersionSlotLifecycle } from '../../domain/immersion-slot-lifecycle.js';
import { employerWriteScope } from '../accounts/index.js';
import { readHistory } from '../lifecycle/index.js';
import { and, count, desc, eq } from 'drizzle-orm';
import { immersionSlots } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import type { SlotListQuery } from './immersion-slots.schemas.js';
import { selectSlotViews, toSlotDto } from './slot-dto.js';
import { slotReadScope } from './scope.js';

export async function getSlot(deps: Deps, actor: Actor, id: string) {
  const scope = slotReadScope(actor);
  if (scope === false) throw new NotFoundError('Immersion slot');
  const [view] = await selectSlotViews(deps.db).where(and(eq(immersionSlots.id, id), scope));
  if (!view) throw new NotFoundError('Immersion slot');
  return toSlotDto(view);
}

/** The slot's changes of status, for its organisation and admins. */
export async function getSlotHistory(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.db
    .select({ id: immersionSlots.id })
    .from(immersionSlots)
    .where(and(eq(immersionSlots.id, id), employerWriteScope(actor, immersionSlots.employerId)));
  if (!row) throw new NotFoundError('Immersion slot');
  return { items: await readHistory(deps.db, immersionSlotLifecycle, id) };
}

/** Newest first. Each role sees its scope (see slotReadScope), optionally filtered. */
export async function listSlots(deps: Deps, actor: Actor, query: SlotListQuery) {
  const page = { limit: query.limit, offset: query.offset };
  const scope = slotReadScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const where = and(
    scope,
    query.status ? eq(immersionSlots.status, query.status) : undefined,
    query.employerId ? eq(immersionSlots.employerId, query.employerId) : undefined,
  );
  const [views, [total]] = await Promise.all([
    selectSlotViews(deps.db).where(where).orderBy(desc(immersionSlots.createdAt), desc(immersionSlots.id)).limit(page.limit).offset(page.offset),
    deps.db.select({ n: count() }).from(immersionSlots).where(where),
  ]);
  return { items: views.map(toSlotDto), total: total?.n ?? 0, ...page };
}
