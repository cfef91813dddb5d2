import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { eventRegistrations, events } from '../../../db/schema/index.js';
import { SEAT_STATUSES } from '../../domain/event-lifecycle.js';

/** Seats taken (confirmed, attended or marked absent: SEAT_STATUSES) or places on the waitlist of a pool. */
const seats = (which: 'taken' | 'waitlisted', pool: 'youth' | 'stands') =>
  sql<number>`(select count(*)::int from ${eventRegistrations} r
    where r.event_id = "events"."id"
      and r.status in (${sql.join((which === 'taken' ? SEAT_STATUSES : (['waitlisted'] as const)).map((s) => sql`${s}`), sql`, `)})
      and r.kind ${pool === 'stands' ? sql`= 'employer'` : sql`<> 'employer'`})`;

// Written out: drizzle drops the table name of columns in a single-table select, and a bare
// "id" inside the subquery would be the registration's.
/** Events with their seat counts (youth and public share the youth seats; employers the stands). */
export function selectEventViews(db: DbOrTx) {
  return db
    .select({
      ...getTableColumns(events),
      youthConfirmed: seats('taken', 'youth'),
      youthWaitlisted: seats('waitlisted', 'youth'),
      standsConfirmed: seats('taken', 'stands'),
      standsWaitlisted: seats('waitlisted', 'stands'),
    })
    .from(events);
}
export type EventView = Awaited<ReturnType<ReturnType<typeof selectEventViews>['where']>>[number];

export async function loadEventView(db: DbOrTx, id: string): Promise<EventView> {
  const [view] = await selectEventViews(db).where(eq(events.id, id));
  return view!;
}

export function toEventDto(e: EventView) {
  return {
    id: e.id,
    structureId: e.structureId,
    kind: e.kind,
    status: e.status,
    title: e.title,
    description: e.description,
    themes: e.themes as never[],
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    registrationDeadline: e.registrationDeadline.toISOString(),
    place:
      e.communeInsee === null
        ? null
        : { address: e.address!, communeInsee: e.communeInsee, communeName: e.communeName!, postcode: e.postcode, location: { lat: e.lat!, lng: e.lng! } },
    onlineUrl: e.onlineUrl,
    youthCapacity: e.youthCapacity,
    standCapacity: e.standCapacity,
    isPublic: e.isPublic,
    seats: {
      youthConfirmed: e.youthConfirmed,
      youthWaitlisted: e.youthWaitlisted,
      standsConfirmed: e.standsConfirmed,
      standsWaitlisted: e.standsWaitlisted,
    },
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
