import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { immersionSlots, offers, romeAppellations, romeCodes } from '../../../db/schema/index.js';
import type { ImmersionSlotDocument, OfferDocument } from '../../adapters/search/index.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { MATCHING_CONFIG, straightLineTravel, type Opportunity, type ScoringContext } from '../../domain/matching/index.js';
import type { ContractType, EducationLevel, Schedule } from '../../domain/youth-profile.js';
import { effectiveOfferStatus } from '../../domain/offer-lifecycle.js';
import { todayInFrance } from '../../core/calendar.js';
import { offerReadScope } from '../offers/index.js';
import { slotReadScope } from '../immersion-slots/index.js';

export const OPPORTUNITY_TYPES = ['offer', 'immersion'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

/** The model's configuration and the travel estimator: one place to swap in a routing engine. */
export function scoringContext(today: string): ScoringContext {
  return { config: MATCHING_CONFIG, travel: straightLineTravel(MATCHING_CONFIG), today };
}

/** What a suggestion or a match shows of the offer or slot. */
export interface OpportunitySummary {
  type: OpportunityType;
  id: string;
  employerId: string;
  title: string;
  romeCode: string;
  romeLabel: string;
  communeInsee: string;
  communeName: string;
  contractType: ContractType;
}

export interface LoadedOpportunity {
  summary: OpportunitySummary;
  scored: Opportunity;
}

/** The engines index the ROME label followed by its job titles (for text search): keep the label. */
const labelOnly = (indexed: string) => indexed.split(' ; ')[0]!;

/**
 * What a suggestion reads of an offer or a slot document: its score's inputs and its summary,
 * with the label of its ROME code (from the reference: the indexed label also carries every job
 * title of the code, more than half of what a page would ship). The retrieval asks the engine
 * for these fields only.
 */
export const OFFER_FIELDS = [
  'id', 'employerId', 'title', 'romeCode', 'communeInsee', 'communeName', 'contractType', 'requiredSkills',
  'niceToHaveSkills', 'hoursPerWeek', 'schedules', 'startDate', 'minEducationLevel', 'drivingLicenceRequired',
  'drivingLicenceUse', 'location',
] as const satisfies readonly (keyof OfferDocument)[];
export const SLOT_FIELDS = [
  'id', 'employerId', 'title', 'romeCode', 'communeInsee', 'communeName', 'hoursPerWeek', 'schedules',
  'availableFrom', 'availableTo', 'location',
] as const satisfies readonly (keyof ImmersionSlotDocument)[];

export type OfferFields = Pick<OfferDocument, (typeof OFFER_FIELDS)[number]>;
export type SlotFields = Pick<ImmersionSlotDocument, (typeof SLOT_FIELDS)[number]>;

/**
 * An offer as the score sees it. The retrieval scores hundreds of documents per suggestion and
 * keeps a handful: it builds this view for each, and the summary (and the label) only for those it keeps.
 */
export function offerOpportunity(d: OfferFields, romeLabel: string | null = null): Opportunity {
  return {
    kind: 'offer',
    romeCode: d.romeCode,
    romeLabel,
    requiredSkills: d.requiredSkills,
    niceToHaveSkills: d.niceToHaveSkills,
    contractType: d.contractType as ContractType,
    hoursPerWeek: d.hoursPerWeek,
    schedules: d.schedules as Schedule[],
    startDate: d.startDate,
    minEducationLevel: d.minEducationLevel as EducationLevel | null,
    drivingLicenceRequired: d.drivingLicenceRequired,
    drivingLicenceUse: d.drivingLicenceUse ?? 'on_duty',
    location: d.location,
  };
}

/** What a suggestion shows of an offer or a slot, with the label of its ROME code. */
function summary(
  type: OpportunityType,
  d: Pick<OfferFields, 'id' | 'employerId' | 'title' | 'romeCode' | 'communeInsee' | 'communeName'>,
  romeLabel: string,
  contractType: ContractType,
): OpportunitySummary {
  return { type, id: d.id, employerId: d.employerId, title: d.title, romeCode: d.romeCode, romeLabel, communeInsee: d.communeInsee, communeName: d.communeName, contractType };
}

export const offerSummary = (d: OfferFields, romeLabel: string) => summary('offer', d, romeLabel, d.contractType as ContractType);
export const slotSummary = (d: SlotFields, romeLabel: string) => summary('immersion', d, romeLabel, 'immersion');

/** A slot is an immersion from the first day it is available. */
export function slotOpportunity(d: SlotFields, romeLabel: string | null = null): Opportunity {
  return {
    kind: 'immersion',
    romeCode: d.romeCode,
    romeLabel,
    requiredSkills: [],
    niceToHaveSkills: [],
    contractType: 'immersion',
    hoursPerWeek: d.hoursPerWeek,
    schedules: d.schedules as Schedule[],
    startDate: d.availableFrom,
    minEducationLevel: null,
    drivingLicenceRequired: false,
    drivingLicenceUse: 'on_duty',
    location: d.location,
  };
}

/** An offer document carrying its indexed label (or the reference's). */
export function fromOfferDocument(d: OfferFields & Pick<OfferDocument, 'romeLabel'>): LoadedOpportunity {
  const label = labelOnly(d.romeLabel);
  return { summary: offerSummary(d, label), scored: offerOpportunity(d, label) };
}

export function fromSlotDocument(d: SlotFields & Pick<ImmersionSlotDocument, 'romeLabel'>): LoadedOpportunity {
  const label = labelOnly(d.romeLabel);
  return { summary: slotSummary(d, label), scored: slotOpportunity(d, label) };
}

/**
 * One offer within the actor's read scope (advisors: published ones), else 404. `anyStatus`
 * widens an advisor's scope to closed offers (never drafts): proposing for one is a 409.
 */
export async function loadOffer(db: DbOrTx, actor: Actor | 'system', id: string, options: { anyStatus?: boolean } = {}): Promise<LoadedOpportunity & { open: boolean }> {
  const scope = actor === 'system' ? undefined : options.anyStatus && actor.role === 'advisor' ? ne(offers.status, 'draft') : offerReadScope(actor);
  if (scope === false) throw new NotFoundError('Offer');
  const [row] = await db
    .select({ offer: offers, romeLabel: romeCodes.label })
    .from(offers)
    .innerJoin(romeCodes, eq(romeCodes.code, offers.romeCode))
    .where(and(eq(offers.id, id), scope));
  if (!row) throw new NotFoundError('Offer');
  const o = row.offer;
  return {
    open: effectiveOfferStatus(o, todayInFrance()) === 'published',
    ...fromOfferDocument({
      ...o,
      romeLabel: row.romeLabel,
      contractType: o.contractType,
      location: { lat: o.lat, lng: o.lng },
    }),
  };
}

/** One immersion slot within the actor's read scope (advisors: open ones, or closed ones with `anyStatus`), else 404. */
export async function loadSlot(db: DbOrTx, actor: Actor | 'system', id: string, options: { anyStatus?: boolean } = {}): Promise<LoadedOpportunity & { open: boolean }> {
  const scope = actor === 'system' ? undefined : options.anyStatus && actor.role === 'advisor' ? undefined : slotReadScope(actor);
  if (scope === false) throw new NotFoundError('Immersion slot');
  const [row] = await db
    .select({ slot: immersionSlots, romeLabel: romeCodes.label, appellation: romeAppellations.label })
    .from(immersionSlots)
    .innerJoin(romeCodes, eq(romeCodes.code, immersionSlots.romeCode))
    .leftJoin(romeAppellations, eq(romeAppellations.ogr, immersionSlots.appellationOgr))
    .where(and(eq(immersionSlots.id, id), scope));
  if (!row) throw new NotFoundError('Immersion slot');
  const s = row.slot;
  return {
    open: s.status === 'open',
    ...fromSlotDocument({
      ...s,
      title: row.appellation ?? row.romeLabel,
      romeLabel: row.romeLabel,
      location: { lat: s.lat, lng: s.lng },
    }),
  };
}
