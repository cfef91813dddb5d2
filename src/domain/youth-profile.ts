/**
 * A young person followed by a Mission Locale, as the domain sees it. Plain types only: the
 * zod schemas of the HTTP layer and the database mapping reuse the value arrays below.
 *
 * The identity block holds personal data and protected attributes (see DOMAIN.md): it never
 * reaches an employer before acceptance, nor the matching score (see anonymisation.ts).
 */

export const GENDERS = ['female', 'male', 'non_binary', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const SCHEDULES = ['day', 'evening', 'night', 'weekend'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'interim',
  'apprenticeship',
  'professional_contract',
  'seasonal',
  'immersion',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const TRANSPORT_MODES = ['walk', 'bike', 'public_transport', 'moped', 'car'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/**
 * Why an offer asks for a driving licence: to drive on duty (deliveries, site visits), or only to
 * get to the workplace (early hours, no bus). Only the first rules out every youth without a
 * licence; the second, only those with no other way of getting there in time (DOMAIN.md:
 * « not reachable otherwise »).
 */
export const LICENCE_USES = ['on_duty', 'commute'] as const;
export type LicenceUse = (typeof LICENCE_USES)[number];

/** *Freins*: what holds the young person back; known to their advisor only. */
export const BARRIERS = ['housing', 'health', 'childcare', 'mobility', 'confidence', 'administrative'] as const;
export type Barrier = (typeof BARRIERS)[number];

/** French qualification levels: 3 = CAP/BEP, 4 = Bac, 5 = Bac+2, 6 = Licence, 7 = Master, 8 = Doctorate. */
export const EDUCATION_LEVELS = ['none', '3', '4', '5', '6', '7', '8'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** CEFR levels, plus native speaker. */
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export interface Language {
  /** ISO 639-1 code: 'fr', 'en', 'ar'… */
  code: string;
  level: LanguageLevel;
}

export interface Experience {
  title: string;
  /** ROME code (*Répertoire Opérationnel des Métiers et des Emplois*, France Travail's occupation list), e.g. 'D1102'. */
  romeCode: string | null;
  months: number;
  /** Written by the youth or their advisor: may contain personal data until scrubbed. */
  description: string;
}

export interface Availability {
  /** YYYY-MM-DD */
  from: string;
  maxHoursPerWeek: number;
  schedules: Schedule[];
}

export interface Mobility {
  modes: TransportMode[];
  drivingLicence: boolean;
  /** The young person's own tolerance for a one-way commute. */
  maxCommuteMinutes: number;
}

export interface Consent {
  /** No proposal to an employer without it. */
  anonymisedSharing: boolean;
  /** ISO timestamp, null while not given. */
  givenAt: string | null;
}

export interface YouthProfile {
  // Identity: personal data and protected attributes.
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
  email: string;
  /** E.164, e.g. '+33612345678'. */
  phone: string;
  /** Street line. */
  address: string | null;
  /** INSEE code of the commune (not the postcode: several communes share one postcode). */
  communeInsee: string;
  postcode: string;
  nationality: string | null;
  photoUrl: string | null;
  /** Lives in a *quartier prioritaire de la politique de la ville* (priority neighbourhood). */
  qpv: boolean;
  /** *Reconnaissance de la qualité de travailleur handicapé*: recognised disability. */
  rqth: boolean;

  // Professional.
  targetRomeCodes: string[];
  skills: string[];
  languages: Language[];
  educationLevel: EducationLevel;
  experiences: Experience[];
  availability: Availability;
  contractTypes: ContractType[];

  mobility: Mobility;
  barriers: Barrier[];
  consent: Consent;
}
