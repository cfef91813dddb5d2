/**
 * What the search engines hold: anonymised projections only. No name, contact, birth date,
 * address or other protected attribute is ever part of a document (DOMAIN.md).
 */
export interface GeoPoint {
  lat: number;
  lng: number;
}

export const INDEX_NAMES = ['offers', 'immersion_slots', 'youth'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export interface OfferDocument {
  id: string;
  employerId: string;
  /** Only `published` offers are found by the public offer search. */
  status: 'draft' | 'published' | 'closed';
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
  status: 'open' | 'closed';
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
