import { eq } from 'drizzle-orm';
import { employers, immersionSlots, romeAppellations, romeCodes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Schedule } from '../../domain/youth-profile.js';
import { toWorkplaceDto } from '../reference/index.js';
import type { SlotDto } from './immersion-slots.schemas.js';

export type SlotRow = typeof immersionSlots.$inferSelect;

/** A slot with the labels its representation shows. */
export interface SlotView {
  slot: SlotRow;
  romeLabel: string;
  appellationLabel: string | null;
  employerName: string;
}

/** Selects slots with their ROME and job title labels and employer name; add where/order/limit. */
export function selectSlotViews(db: DbOrTx) {
  return db
    .select({
      slot: immersionSlots,
      romeLabel: romeCodes.label,
      appellationLabel: romeAppellations.label,
      employerName: employers.name,
    })
    .from(immersionSlots)
    .innerJoin(romeCodes, eq(romeCodes.code, immersionSlots.romeCode))
    .leftJoin(romeAppellations, eq(romeAppellations.ogr, immersionSlots.appellationOgr))
    .innerJoin(employers, eq(employers.id, immersionSlots.employerId));
}

export async function loadSlotView(db: DbOrTx, id: string): Promise<SlotView> {
  const [view] = await selectSlotViews(db).where(eq(immersionSlots.id, id));
  if (!view) throw new Error(`immersion slot ${id} vanished`);
  return view;
}

export function toSlotDto({ slot: s, romeLabel, appellationLabel, employerName }: SlotView): SlotDto {
  return {
    id: s.id,
    employerId: s.employerId,
    employerName,
    status: s.status,
    title: appellationLabel ?? romeLabel,
    romeCode: s.romeCode,
    romeLabel,
    appellation: s.appellationOgr !== null && appellationLabel !== null ? { ogr: s.appellationOgr, label: appellationLabel } : null,
    activities: s.activities,
    workplace: toWorkplaceDto(s),
    tutor: { name: s.tutorName, job: s.tutorJob, email: s.tutorEmail, phone: s.tutorPhone },
    capacity: s.capacity,
    availableFrom: s.availableFrom,
    availableTo: s.availableTo,
    schedules: s.schedules as Schedule[],
    hoursPerWeek: s.hoursPerWeek,
    closedAt: s.closedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
