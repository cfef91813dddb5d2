import type { TransportMode } from '../youth-profile.js';

/**
 * Every number the matching model depends on, in one place (DOMAIN.md, "Matching": default
 * values, to be tuned with data). Scoring, travel estimates and retrieval read it; nothing
 * else hard-codes a weight, a speed or a threshold.
 */
export interface MatchingConfig {
  /** Share of each component in the 0–100 score; they add up to 1. */
  weights: { occupation: number; mobility: number; practical: number; preferences: number };
  /** Inside the occupation component: the occupation itself against the offer's skills. */
  occupationBlend: { occupation: number; skills: number };
  /** Closeness of two ROME codes: same code, same domain (letter + 2 digits), same family (letter). */
  romeCloseness: { code: number; domain: number; family: number };
  /** Weight of a required skill and of a nice-to-have one in the skills coverage. */
  skillWeights: { required: number; niceToHave: number };
  /**
   * Per transport mode: speed (km/h), detour factor over the straight line, fixed access time
   * (minutes: waiting for the bus, parking), and whether it needs a driving licence.
   */
  modes: Record<TransportMode, { speedKmh: number; detour: number; accessMinutes: number; needsLicence: boolean }>;
  /** Mobility score: 1 up to `fullScoreMinutes`, 0.5 at the youth's tolerance T, 0 at `hardLimitFactor` × T. */
  mobility: { fullScoreMinutes: number; hardLimitFactor: number };
  /**
   * Legal limits for minors (DOMAIN.md; Code du travail L3162-1, L3164-2, L3164-5): no night
   * work, at most 35 h a week and 8 h a day. Offers and slots give their hours per week and
   * their schedules, not their days: the daily hours are bounded from below by spreading the
   * weekly hours over the most days a minor may work on those schedules — `maxDaysPerWeek` (two
   * consecutive days of rest a week), of which `weekendDays` at the weekend (Saturday: Sunday is
   * a day of rest). Only a weekend-only job can then need more than 8 h a day, and it is
   * blocked; any other is bounded by the weekly limit.
   */
  minors: { maxHoursPerWeek: number; maxHoursPerDay: number; maxDaysPerWeek: number; weekendDays: number };
  /** Start-date fit: full when available by the start, none when available this many days after it. */
  startDateGraceDays: number;
  /** Retrieval: how many candidates the search engine hands to the ranking, and the widest radius. */
  retrieval: { candidates: number; maxRadiusKm: number };
}

export const MATCHING_CONFIG: MatchingConfig = {
  weights: { occupation: 0.45, mobility: 0.3, practical: 0.15, preferences: 0.1 },
  occupationBlend: { occupation: 0.6, skills: 0.4 },
  romeCloseness: { code: 1, domain: 0.6, family: 0.3 },
  skillWeights: { required: 2, niceToHave: 1 },
  modes: {
    walk: { speedKmh: 5, detour: 1.4, accessMinutes: 0, needsLicence: false },
    bike: { speedKmh: 15, detour: 1.3, accessMinutes: 0, needsLicence: false },
    public_transport: { speedKmh: 15, detour: 1.3, accessMinutes: 10, needsLicence: false },
    moped: { speedKmh: 30, detour: 1.3, accessMinutes: 0, needsLicence: false },
    car: { speedKmh: 40, detour: 1.3, accessMinutes: 0, needsLicence: true },
  },
  mobility: { fullScoreMinutes: 20, hardLimitFactor: 1.5 },
  minors: { maxHoursPerWeek: 35, maxHoursPerDay: 8, maxDaysPerWeek: 5, weekendDays: 1 },
  startDateGraceDays: 30,
  retrieval: { candidates: 200, maxRadiusKm: 150 },
};
