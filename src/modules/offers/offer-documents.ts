import { asc, gt, inArray } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { OfferDocument } from '../../adapters/search/documents.js';
import type { OfferRow } from './offer-dto.js';
import { effectiveOfferStatus } from '../../domain/offer-lifecycle.js';
import { searchableRomeLabel } from '../reference/index.js';
import { todayInFrance } from '../../core/calendar.js';

/**
 * The search document of an offer: what the engines hold, field by field. An offer past its
 * expiry date is indexed as closed even before the periodic job closes it.
 */
export function toOfferDocument(row: OfferRow, romeLabel: string, today: string = todayInFrance()): OfferDocument {
  return {
    id: row.id,
    employerId: row.employerId,
    status: effectiveOfferStatus(row, today),
    title: row.title,
    description: row.description,
    romeCode: row.romeCode,
    romeLabel,
    requiredSkills: row.requiredSkills,
    niceToHaveSkills: row.niceToHaveSkills,
    contractType: row.contractType,
    schedules: row.schedules,
    hoursPerWeek: row.hoursPerWeek,
    minEducationLevel: row.minEducationLevel,
    drivingLicenceRequired: row.drivingLicenceRequired,
    drivingLicenceUse: row.drivingLicenceUse,
    communeInsee: row.communeInsee,
    communeName: row.communeName,
    location: { lat: row.lat, lng: row.lng },
    positions: row.positions,
    startDate: row.startDate,
    expiresAt: row.expiryDate,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The documents of these offers, in one query; ids that do not exist are simply absent. */
export async function loadOfferDocuments(db: DbOrTx, ids: readonly string[]): Promise<OfferDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ offer: offers, romeLabel: searchableRomeLabel('offers') })
    .from(offers)
    .where(inArray(offers.id, [...ids]));
  const today = todayInFrance();
  return rows.map((r) => toOfferDocument(r.offer, r.romeLabel, today));
}

/** Every offer id, in batches ordered by id (keyset paging): what a full reindex walks. */
export async function* allOfferIds(db: DbOrTx, batchSize = 1000): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({ id: offers.id })
      .from(offers)
      .where(after ? gt(offers.id, after) : undefined)
      .orderBy(asc(offers.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
