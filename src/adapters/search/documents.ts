/**
 * What the search engines hold: anonymised projections only. No name, contact, birth date,
 * address or other protected attribute is ever part of a document (DOMAIN.md).
 */
import { anonymisedProfile, scoringProjection } from '../../domain/anonymisation.js';
import type { LicenceUse, YouthProfile } from '../../domain/youth-profile.js';

import type { GeoPoint } from '../../domain/geo.js';
import type { SlotStatus } from '../../domain/immersion-slot-lifecycle.js';
import type { OfferStatus } from '../../domain/offer-lifecycle.js';

export type { GeoPoint };

export const INDEX_NAMES = ['offers', 'immersion_slots', 'youth'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export interface OfferDocument {
  id: string;
  employerId: string;
  /** Only `published` offers are found by the public offer search. */
  status: OfferStatus;
  title: string;
  description: string;
  romeCode: string;
  /** Label of the ROME code, and of the job titles attached to it, for text search. */
  romeLabel: string;
  requiredSkills: string[];
  niceToHaveSkills: string[];
  contractType: string;
  schedules: string[];
  hoursPerWeek: number;
  minEducationLevel: string | null;
  drivingLicenceRequired: boolean;
  /** Absent from documents indexed before it existed: `on_duty`, as it meant then. */
  drivingLicenceUse?: LicenceUse;
  communeInsee: string;
  communeName: string;
  /** The workplace. */
  location: GeoPoint;
  positions: number;
  startDate: string | null;
  expiresAt: string | null;
  /** ISO timestamp: the default sort (newest first) and stable pagination. */
  publishedAt: string | null;
  updatedAt: string;
}

export interface ImmersionSlotDocument {
  id: string;
  employerId: string;
  status: SlotStatus;
  title: string;
  romeCode: string;
  romeLabel: string;
  activities: string;
  schedules: string[];
  hoursPerWeek: number;
  communeInsee: string;
  communeName: string;
  location: GeoPoint;
  capacity: number;
  availableFrom: string;
  availableTo: string;
  updatedAt: string;
}

/** The anonymised projection of a youth profile, plus what advisors filter on. */
export interface YouthDocument {
  id: string;
  structureId: string;
  pseudonym: string;
  targetRomeCodes: string[];
  romeLabels: string[];
  skills: string[];
  educationLevel: string;
  languages: string[];
  /** Experience titles and descriptions, scrubbed of personal data. */
  experiences: string[];
  contractTypes: string[];
  schedules: string[];
  availableFrom: string | null;
  /** The centre of the youth's commune (never the address), for radius filters. */
  location: GeoPoint;
  /** Only youth who consented to share their anonymised profile are `active` in searches. */
  searchable: boolean;
  updatedAt: string;
}

export interface DocumentOf {
  offers: OfferDocument;
  immersion_slots: ImmersionSlotDocument;
  youth: YouthDocument;
}

/** What a youth document adds to the anonymised projections of the profile. */
export interface YouthDocumentExtras {
  structureId: string;
  /** The centre of the youth's commune, from the reference data. */
  location: GeoPoint;
  /** Labels of ROME codes by code (at least the target ones); unknown codes get no label. */
  romeLabels: Readonly<Record<string, string>>;
  /** ISO timestamp of the profile's last change. */
  updatedAt: string;
}

/**
 * The youth document, built only from the employer-facing and scoring projections (which
 * leave out names, contact details, birth date, address, gender, nationality, QPV, RQTH and the
 * barriers themselves), plus ids, the commune centre and consent. Never spread a profile here.
 */
export function toYouthDocument(profile: YouthProfile, extras: YouthDocumentExtras): YouthDocument {
  const shown = anonymisedProfile(profile, { pseudonymSeed: profile.id, travel: null });
  // Only the schedules a barrier rules out are read from this projection; its age-derived fact
  // (isMinor) is not indexed, so the day it is computed for does not matter.
  const scored = scoringProjection(profile, extras.updatedAt.slice(0, 10));
  const excluded = new Set<string>(scored.barrierConstraints.excludedSchedules);
  return {
    id: profile.id,
    structureId: extras.structureId,
    pseudonym: shown.pseudonym,
    targetRomeCodes: shown.targetRomeCodes,
    romeLabels: shown.targetRomeCodes.flatMap((code) => extras.romeLabels[code] ?? []),
    skills: shown.skills,
    educationLevel: shown.educationLevel,
    languages: shown.languages.map((l) => l.code),
    experiences: shown.experiences.flatMap((e) => [e.title, e.description]).filter((text) => text.trim() !== ''),
    contractTypes: shown.contractTypes,
    // What the youth can actually work: a childcare barrier rules out nights and weekends.
    schedules: shown.availability.schedules.filter((s) => !excluded.has(s)),
    availableFrom: shown.availability.from,
    location: { lat: extras.location.lat, lng: extras.location.lng },
    searchable: profile.consent.anonymisedSharing,
    updatedAt: extras.updatedAt,
  };
}
