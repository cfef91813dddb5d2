import { describe, expect, it } from 'vitest';
import {
  MATCHING_CONFIG,
  mobilityScore,
  rankResults,
  romeCloseness,
  scoreMatch,
  straightLineTravel,
  type Opportunity,
  type ScoredYouth,
} from '../../../src/domain/matching/index.js';
import { distanceKm } from '../../../src/domain/geo.js';
import { bakeryOffer } from './profiles.js';

const config = MATCHING_CONFIG;
const ctx = { config, travel: straightLineTravel(config), today: '2026-11-29' };
const SAINT_ETIENNE = { lat: 45.434, lng: 4.39 };

function youth(overrides: Partial<ScoredYouth> = {}): ScoredYouth {
  return {
    targetRomeCodes: ['D1102'],
    skills: ['Pétrissage', 'Hygiène HACCP'],
    educationLevel: '3',
    languages: [{ code: 'fr', level: 'C2' }],
    experiences: [],
    availability: { from: '2026-11-01', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
    contractTypes: ['apprenticeship', 'cdd'],
    mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 45 },
    isMinor: false,
    barrierConstraints: { excludedSchedules: [] },
    ...overrides,
  };
}

const offer = (overrides: Partial<Opportunity> = {}) => bakeryOffer({ location: SAINT_ETIENNE, ...overrides });

/** A point `km` east of Saint-Étienne, straight line. */
function east(km: number) {
  return { lat: SAINT_ETIENNE.lat, lng: SAINT_ETIENNE.lng + km / (111.32 * Math.cos((SAINT_ETIENNE.lat * Math.PI) / 180)) };
}

describe('travel estimate', () => {
  const travel = straightLineTravel(config);

  it('takes km × detour ÷ speed + access time, for the fastest usable mode', () => {
    const to = east(10);
    const km = distanceKm(SAINT_ETIENNE, to);
    expect(km).toBeCloseTo(10, 1);
    const bus = travel.estimate(SAINT_ETIENNE, to, { modes: ['public_transport', 'walk'], drivingLicence: false })!;
    expect(bus.mode).toBe('public_transport');
    expect(bus.minutes).toBeCloseTo(((km * 1.3) / 15) * 60 + 10, 5);
    const walk = travel.estimate(SAINT_ETIENNE, east(0.5), { modes: ['public_transport', 'walk'], drivingLicence: false })!;
    expect(walk.mode).toBe('walk');
  });

  it('needs a licence for the car, and answers null without any usable mode', () => {
    const to = east(10);
    expect(travel.estimate(SAINT_ETIENNE, to, { modes: ['car', 'bike'], drivingLicence: false })!.mode).toBe('bike');
    expect(travel.estimate(SAINT_ETIENNE, to, { modes: ['car', 'bike'], drivingLicence: true })!.mode).toBe('car');
    expect(travel.estimate(SAINT_ETIENNE, to, { modes: ['car'], drivingLicence: false })).toBeNull();
    expect(travel.estimate(SAINT_ETIENNE, to, { modes: [], drivingLicence: true })).toBeNull();
  });

  it('reachableKm inverts the estimate', () => {
    const means = { modes: ['public_transport', 'bike'] as const, drivingLicence: false };
    const km = travel.reachableKm(60, { ...means, modes: [...means.modes] });
    const t = travel.estimate(SAINT_ETIENNE, east(km), { ...means, modes: [...means.modes] })!;
    expect(t.minutes).toBeCloseTo(60, 0);
  });
});

describe('components', () => {
  it('ROME closeness: code 1, domain 0.6, family 0.3, else 0', () => {
    expect(romeCloseness('D1102', 'D1102', config)).toBe(1);
    expect(romeCloseness('D1102', 'D1106', config)).toBe(0.6);
    expect(romeCloseness('D1102', 'D1401', config)).toBe(0.3);
    expect(romeCloseness('D1102', 'N1103', config)).toBe(0);
  });

  it('mobility: 1 up to 20 min, 0.5 at the tolerance, 0 at 1.5 × tolerance', () => {
    expect(mobilityScore(5, 40, config)).toBe(1);
    expect(mobilityScore(20, 40, config)).toBe(1);
    expect(mobilityScore(30, 40, config)).toBeCloseTo(0.75);
    expect(mobilityScore(40, 40, config)).toBeCloseTo(0.5);
    expect(mobilityScore(50, 40, config)).toBeCloseTo(0.25);
    expect(mobilityScore(60, 40, config)).toBe(0);
    expect(mobilityScore(90, 40, config)).toBe(0);
  });

  it('skills: required count double, extra skills of the youth never count against them', () => {
    const o = offer({ requiredSkills: ['Pétrissage', 'Façonnage'], niceToHaveSkills: ['Anglais'] });
    const base = scoreMatch(youth({ skills: ['petrissage'] }), o, SAINT_ETIENNE, ctx);
    const more = scoreMatch(youth({ skills: ['petrissage', 'Jonglage', 'Soudure'] }), o, SAINT_ETIENNE, ctx);
    expect(more.components).toEqual(base.components);
    // occupation 1 × 0.6 + skills 2/5 × 0.4
    expect(base.components.occupation).toBeCloseTo(0.6 + 0.4 * (2 / 5), 2);
    expect(base.reasons.map((r) => r.text)).toContain('Compétences requises : 1 sur 2');
  });

  it('a perfect match on the doorstep scores 100 and says why', () => {
    const r = scoreMatch(youth(), offer({ niceToHaveSkills: [] }), SAINT_ETIENNE, ctx);
    expect(r).toMatchObject({ eligible: true, score: 100, blockers: [] });
    expect(r.travel).toEqual({ mode: 'public_transport', km: 0, minutes: 10 });
    expect(r.reasons.map((x) => x.text)).toEqual(
      expect.arrayContaining(['Métier visé ou déjà exercé : Boulangerie - viennoiserie (D1102)', '10 min en transports en commun (0 km)', 'Type de contrat recherché : CDD']),
    );
  });

  it('weights add up to 1', () => {
    const w = config.weights;
    expect(w.occupation + w.mobility + w.practical + w.preferences).toBeCloseTo(1, 10);
  });
});

describe('hard filters', () => {
  const texts = (r: { blockers: { text: string }[] }) => r.blockers.map((b) => b.text);

  it('a licence the youth does not hold', () => {
    const r = scoreMatch(youth(), offer({ drivingLicenceRequired: true }), SAINT_ETIENNE, ctx);
    expect(r.eligible).toBe(false);
    expect(texts(r)).toEqual(['Permis B exigé']);
    expect(scoreMatch(youth({ mobility: { modes: ['bike'], drivingLicence: true, maxCommuteMinutes: 30 } }), offer({ drivingLicenceRequired: true }), SAINT_ETIENNE, ctx).eligible).toBe(true);
  });

  it('night work or more than 35 h a week for a minor', () => {
    const minor = youth({ isMinor: true, availability: { from: '2026-11-01', maxHoursPerWeek: 40, schedules: ['day', 'night'] } });
    expect(texts(scoreMatch(minor, offer({ schedules: ['night'] }), SAINT_ETIENNE, ctx))).toEqual(['Horaires de nuit impossibles pour un mineur']);
    expect(texts(scoreMatch(minor, offer({ hoursPerWeek: 38 }), SAINT_ETIENNE, ctx))).toEqual(['Plus de 35 h par semaine impossibles pour un mineur']);
    expect(scoreMatch({ ...minor, isMinor: false }, offer({ schedules: ['night'], hoursPerWeek: 38 }), SAINT_ETIENNE, ctx).eligible).toBe(true);
  });

  describe('a licence needed only to get there blocks only when nothing else gets there in time', () => {
    const commute = (o: Partial<Opportunity> = {}) => offer({ drivingLicenceRequired: true, drivingLicenceUse: 'commute', ...o });
    const codes = (r: { blockers: { code: string }[] }) => r.blockers.map((b) => b.code);

    it('reachable by bus: no blocker, and the reason says so', () => {
      const r = scoreMatch(youth(), commute(), SAINT_ETIENNE, ctx);
      expect(r.eligible).toBe(true);
      expect(r.reasons.map((x) => x.text)).toContain('Permis B demandé pour le trajet, mais lieu de travail accessible en transports en commun');
    });

    it('too far by every other mode the youth has: blocked, for the licence and for the trip', () => {
      const r = scoreMatch(youth(), commute({ location: east(30) }), SAINT_ETIENNE, ctx);
      expect(codes(r)).toEqual(['too_far', 'licence_to_get_there']);
      expect(texts(r)).toContain('Permis B exigé pour se rendre sur le lieu de travail, inaccessible autrement');
    });

    it('a car without a licence is no way there', () => {
      const r = scoreMatch(youth({ mobility: { modes: ['car'], drivingLicence: false, maxCommuteMinutes: 45 } }), commute(), SAINT_ETIENNE, ctx);
      expect(codes(r)).toEqual(['no_transport', 'licence_to_get_there']);
    });

    it('the youth holds the licence: nothing to block', () => {
      const r = scoreMatch(youth({ mobility: { modes: ['car'], drivingLicence: true, maxCommuteMinutes: 45 } }), commute({ location: east(30) }), SAINT_ETIENNE, ctx);
      expect(r).toMatchObject({ eligible: true, blockers: [] });
    });

    it('driving on duty blocks a youth without a licence however close (the default, as before)', () => {
      expect(codes(scoreMatch(youth(), offer({ drivingLicenceRequired: true }), SAINT_ETIENNE, ctx))).toEqual(['licence_required']);
      expect(codes(scoreMatch(youth(), offer({ drivingLicenceRequired: true, drivingLicenceUse: 'on_duty' }), SAINT_ETIENNE, ctx))).toEqual(['licence_required']);
    });
  });

  describe('a minor works at most 35 h a week and 8 h a day', () => {
    const minor = youth({ isMinor: true, availability: { from: '2026-11-01', maxHoursPerWeek: 40, schedules: ['day', 'evening', 'weekend'] } });
    const blockersOf = (o: Partial<Opportunity>) => texts(scoreMatch(minor, offer(o), SAINT_ETIENNE, ctx));

    it('35 h a week passes, 35.5 h does not', () => {
      expect(blockersOf({ hoursPerWeek: 35, schedules: ['day'] })).toEqual([]);
      expect(blockersOf({ hoursPerWeek: 35.5, schedules: ['day'] })).toEqual(['Plus de 35 h par semaine impossibles pour un mineur']);
    });

    it('weekly hours are spread over five days at most: 35 h by day and weekend is 7 h a day', () => {
      expect(blockersOf({ hoursPerWeek: 35, schedules: ['day', 'weekend'] })).toEqual([]);
      expect(blockersOf({ hoursPerWeek: 35, schedules: ['evening'] })).toEqual([]);
    });

    it('a weekend-only job is one day (Sunday is a day of rest): 8 h passes, 8.5 h does not', () => {
      expect(blockersOf({ hoursPerWeek: 8, schedules: ['weekend'] })).toEqual([]);
      expect(blockersOf({ hoursPerWeek: 8.5, schedules: ['weekend'] })).toEqual([
        '8,5 h sur un seul jour par semaine : plus de 8 h par jour impossibles pour un mineur',
      ]);
      const blocked = scoreMatch(minor, offer({ hoursPerWeek: 8.5, schedules: ['weekend'] }), SAINT_ETIENNE, ctx);
      expect(blocked).toMatchObject({ eligible: false, blockers: [{ component: 'practical', code: 'minor_daily_hours' }] });
    });

    it('an adult is held to none of it', () => {
      expect(texts(scoreMatch({ ...minor, isMinor: false }, offer({ hoursPerWeek: 16, schedules: ['weekend'] }), SAINT_ETIENNE, ctx))).toEqual([]);
      expect(texts(scoreMatch({ ...minor, isMinor: false }, offer({ hoursPerWeek: 39, schedules: ['day'] }), SAINT_ETIENNE, ctx))).toEqual([]);
    });
  });

  it('travel time beyond 1.5 × the tolerance, and no usable mode', () => {
    // 30 km by bus: 30 × 1.3 / 15 h + 10 min = 166 min.
    const far = scoreMatch(youth(), offer({ location: east(30) }), SAINT_ETIENNE, ctx);
    expect(far.eligible).toBe(false);
    expect(far.blockers[0]!.code).toBe('too_far');
    expect(far.components.mobility).toBe(0);
    const tolerant = scoreMatch(youth({ mobility: { modes: ['public_transport'], drivingLicence: false, maxCommuteMinutes: 120 } }), offer({ location: east(30) }), SAINT_ETIENNE, ctx);
    expect(tolerant.eligible).toBe(true);
    const stuck = scoreMatch(youth({ mobility: { modes: ['car'], drivingLicence: false, maxCommuteMinutes: 60 } }), offer(), SAINT_ETIENNE, ctx);
    expect(texts(stuck)).toEqual(['Aucun moyen de transport utilisable']);
  });

  it('a night job for a youth who cannot work nights; a barrier rules out schedules without being named', () => {
    expect(texts(scoreMatch(youth(), offer({ schedules: ['night'] }), SAINT_ETIENNE, ctx))).toEqual(['Horaires de nuit incompatibles avec les disponibilités']);
    const parent = youth({
      availability: { from: '2026-11-01', maxHoursPerWeek: 35, schedules: ['day', 'weekend', 'night'] },
      barrierConstraints: { excludedSchedules: ['night', 'weekend'] },
    });
    const r = scoreMatch(parent, offer({ schedules: ['day', 'weekend'] }), SAINT_ETIENNE, ctx);
    expect(r.eligible).toBe(true);
    expect(r.reasons.map((x) => x.text)).toContain('Horaires non disponibles : du week-end');
    expect(JSON.stringify(r)).not.toMatch(/garde|enfant|childcare/i);
  });
});

describe('ranking', () => {
  it('eligible first, then score, then id', () => {
    const res = (eligible: boolean, score: number) => ({ eligible, score, components: { occupation: 0, mobility: 0, practical: 0, preferences: 0 }, reasons: [], blockers: [], travel: null });
    const ranked = rankResults([
      { id: 'c', result: res(true, 50) },
      { id: 'a', result: res(false, 90) },
      { id: 'b', result: res(true, 50) },
      { id: 'd', result: res(true, 70) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});
