import { eq } from 'drizzle-orm';
import { employers, offers, romeCodes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { ContractType, EducationLevel, Schedule } from '../../domain/youth-profile.js';
import { effectiveOfferStatus } from '../../domain/offer-lifecycle.js';
import type { OfferDto } from './offers.schemas.js';
import { toWorkplaceDto } from '../reference/index.js';

export type OfferRow = typeof offers.$inferSelect;

/** An offer with the labels its representation shows. */
export interface OfferView {
  offer: OfferRow;
  romeLabel: string;
  employerName: string;
}

/** Selects offers with their ROME label and employer name; add where/order/limit. */
export function selectOfferViews(db: DbOrTx) {
  return db
    .select({ offer: offers, romeLabel: romeCodes.label, employerName: employers.name })
    .from(offers)
    .innerJoin(romeCodes, eq(romeCodes.code, offers.romeCode))
    .innerJoin(employers, eq(employers.id, offers.employerId));
}

export async function loadOfferView(db: DbOrTx, id: string): Promise<OfferView> {
  const [view] = await selectOfferViews(db).where(eq(offers.id, id));
  if (!view) throw new Error(`offer ${id} vanished`);
  return view;
}

export function toOfferDto({ offer: o, romeLabel, employerName }: OfferView, today: string): OfferDto {
  return {
    id: o.id,
    employerId: o.employerId,
    employerName,
    status: effectiveOfferStatus(o, today),
    title: o.title,
    romeCode: o.romeCode,
    romeLabel,
    description: o.description,
    requiredSkills: o.requiredSkills,
    niceToHaveSkills: o.niceToHaveSkills,
    contractType: o.contractType as ContractType,
    hoursPerWeek: o.hoursPerWeek,
    schedules: o.schedules as Schedule[],
    minEducationLevel: o.minEducationLevel as EducationLevel | null,
    drivingLicenceRequired: o.drivingLicenceRequired,
    drivingLicenceUse: o.drivingLicenceUse,
    workplace: toWorkplaceDto(o),
    positions: o.positions,
    startDate: o.startDate,
    expiryDate: o.expiryDate,
    publishedAt: o.publishedAt?.toISOString() ?? null,
    closedAt: o.closedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
