import fc from 'fast-check';
import {
  BARRIERS,
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  GENDERS,
  SCHEDULES,
  TRANSPORT_MODES,
  type YouthProfile,
} from '../../../src/domain/youth-profile.js';
import type { Opportunity } from '../../../src/domain/matching/index.js';
import type { GeoPoint } from '../../../src/domain/geo.js';

/** A few communes of the Loire with their centres: departures for the generated youth. */
export const COMMUNES: Record<string, GeoPoint> = {
  '42218': { lat: 45.434, lng: 4.39 }, // Saint-Étienne
  '42187': { lat: 46.036, lng: 4.068 }, // Roanne
  '42147': { lat: 45.607, lng: 4.065 }, // Montbrison
  '43157': { lat: 45.043, lng: 3.885 }, // Le Puy-en-Velay
  '42279': { lat: 45.52, lng: 4.26 }, // Saint-Galmier (rural)
};
export const originOf = (insee: string) => COMMUNES[insee] ?? null;

export const ROME = ['D1102', 'D1106', 'D1101', 'G1602', 'G1603', 'H2102', 'N1103', 'K2204', 'A1203'];
const SKILLS = ['Accueil client', 'Encaissement', 'Pétrissage', 'Hygiène HACCP', 'Anglais', 'Cariste', 'Vente', 'Service en salle'];
/** Syllables that make no skill word: a name never collides with a skill (see scrubbing). */
const SYLLABLES = ['zo', 'ka', 'ry', 'mé', 'lu', 'dja', 'tou', 'xi', 'noë', 'qua', 'bé', 'waf'];
const name = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 })
  .map((s) => s.join(''))
  .map((s) => s[0]!.toUpperCase() + s.slice(1));

const TODAY = '2026-11-29';
export const today = TODAY;

/** A birth date giving a minor (16–17) or an adult (18–25) on TODAY. */
export const birthDate = (minor: boolean) =>
  fc.integer({ min: minor ? 16 : 18, max: minor ? 17 : 25 }).chain((age) =>
    fc.integer({ min: 1, max: 360 }).map((days) => {
      const d = new Date(Date.UTC(2026 - age - 1, 10, 29 + days));
      return d.toISOString().slice(0, 10);
    }),
  );

export const youthProfile: fc.Arbitrary<YouthProfile> = fc
  .record({
    id: fc.uuid(),
    firstName: name,
    lastName: name,
    minor: fc.boolean(),
    gender: fc.constantFrom(...GENDERS),
    communeInsee: fc.constantFrom(...Object.keys(COMMUNES)),
    nationality: fc.constantFrom('FR', 'DZ', 'SN', 'MA', null),
    qpv: fc.boolean(),
    rqth: fc.boolean(),
    photoUrl: fc.constantFrom(null, 'https://cdn.example.fr/p.jpg'),
    targetRomeCodes: fc.subarray(ROME, { minLength: 1, maxLength: 3 }),
    skills: fc.subarray(SKILLS),
    educationLevel: fc.constantFrom(...EDUCATION_LEVELS),
    experienceRome: fc.option(fc.constantFrom(...ROME)),
    from: fc.constantFrom('2026-09-01', '2026-12-15', '2027-02-01'),
    maxHoursPerWeek: fc.integer({ min: 10, max: 40 }),
    schedules: fc.subarray([...SCHEDULES], { minLength: 1 }),
    contractTypes: fc.subarray([...CONTRACT_TYPES], { minLength: 1 }),
    modes: fc.subarray([...TRANSPORT_MODES]),
    drivingLicence: fc.boolean(),
    maxCommuteMinutes: fc.integer({ min: 10, max: 90 }),
    barriers: fc.subarray([...BARRIERS]),
  })
  .chain((r) =>
    birthDate(r.minor).map(
      (birth): YouthProfile => ({
        id: r.id,
        firstName: r.firstName,
        lastName: r.lastName,
        birthDate: birth,
        gender: r.gender,
        email: `${r.firstName.toLowerCase()}@example.fr`,
        phone: '+33612345678',
        address: '12 rue des Lilas',
        communeInsee: r.communeInsee,
        postcode: '42000',
        nationality: r.nationality,
        photoUrl: r.photoUrl,
        qpv: r.qpv,
        rqth: r.rqth,
        targetRomeCodes: r.targetRomeCodes,
        skills: r.skills,
        languages: [{ code: 'fr', level: 'C1' }],
        educationLevel: r.educationLevel,
        experiences: r.experienceRome ? [{ title: 'Vendeur', romeCode: r.experienceRome, months: 6, description: '' }] : [],
        availability: { from: r.from, maxHoursPerWeek: r.maxHoursPerWeek, schedules: r.schedules },
        contractTypes: r.contractTypes,
        mobility: { modes: r.modes, drivingLicence: r.drivingLicence, maxCommuteMinutes: r.maxCommuteMinutes },
        barriers: r.barriers,
        consent: { anonymisedSharing: true, givenAt: '2026-01-01T00:00:00Z' },
      }),
    ),
  );

export const opportunity: fc.Arbitrary<Opportunity & { id: string }> = fc.record({
  id: fc.uuid(),
  kind: fc.constant('offer' as const),
  romeCode: fc.constantFrom(...ROME),
  romeLabel: fc.constant(null),
  requiredSkills: fc.subarray(SKILLS, { maxLength: 3 }),
  niceToHaveSkills: fc.subarray(SKILLS, { maxLength: 2 }),
  contractType: fc.constantFrom(...CONTRACT_TYPES),
  hoursPerWeek: fc.integer({ min: 10, max: 40 }),
  schedules: fc.subarray([...SCHEDULES], { minLength: 1 }),
  startDate: fc.constantFrom(null, '2026-12-01', '2027-01-15'),
  minEducationLevel: fc.constantFrom(null, ...EDUCATION_LEVELS),
  drivingLicenceRequired: fc.boolean(),
  drivingLicenceUse: fc.constantFrom('on_duty', 'commute' as const),
  location: fc.record({ lat: fc.double({ min: 44.9, max: 46.2, noNaN: true }), lng: fc.double({ min: 3.7, max: 4.6, noNaN: true }) }),
});

/** A CDD of baker in the day, asking for one skill the generated bakers may have (`location` to give). */
export function bakeryOffer(overrides: Partial<Opportunity> & Pick<Opportunity, 'location'>): Opportunity {
  return {
    kind: 'offer',
    romeCode: 'D1102',
    romeLabel: 'Boulangerie - viennoiserie',
    requiredSkills: ['Pétrissage'],
    niceToHaveSkills: ['Anglais'],
    contractType: 'cdd',
    hoursPerWeek: 35,
    schedules: ['day'],
    startDate: null,
    minEducationLevel: null,
    drivingLicenceRequired: false,
    drivingLicenceUse: 'on_duty',
    ...overrides,
  };
}
