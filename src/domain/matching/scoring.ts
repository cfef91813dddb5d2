/**
 * The matching score (DOMAIN.md, "Matching"): hard filters, then 0–100 from occupation &
 * skills, mobility, practical fit and preferences, with the reasons in plain French.
 *
 * It reads the scoring projection only, without even the commune (the caller turns the
 * commune into a point of departure): no name, birth date, gender, nationality, address, QPV,
 * RQTH or barrier can weigh on a score. test/domain/matching/blindness.test.ts proves it.
 */
import type { ScoringProjection } from '../anonymisation.js';
import type { GeoPoint } from '../geo.js';
import type { ContractType, EducationLevel, Schedule, TransportMode } from '../youth-profile.js';
import type { MatchingConfig } from './config.js';
import type { TravelEstimate, TravelEstimator } from './travel.js';

/** What the score may read of a youth: the scoring projection, without the commune. */
export type ScoredYouth = Omit<ScoringProjection, 'communeInsee'>;

/** An offer or an immersion slot, as the score sees it. */
export interface Opportunity {
  kind: 'offer' | 'immersion';
  romeCode: string;
  /** The ROME label, for the reasons. */
  romeLabel?: string | null;
  requiredSkills: readonly string[];
  niceToHaveSkills: readonly string[];
  /** `immersion` for a slot. */
  contractType: ContractType;
  hoursPerWeek: number;
  schedules: readonly Schedule[];
  /** First day of work (a slot: the first day it is available); null: as soon as possible. */
  startDate: string | null;
  minEducationLevel: EducationLevel | null;
  drivingLicenceRequired: boolean;
  location: GeoPoint;
}

export const COMPONENTS = ['occupation', 'mobility', 'practical', 'preferences'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface Reason {
  component: Component;
  /** Stable code for clients; `text` is for people. */
  code: string;
  text: string;
}

export interface ScoreResult {
  /** False when a hard filter rules the match out: see `blockers`. */
  eligible: boolean;
  /** 0–100, rounded; computed even when not eligible, for the advisor's information. */
  score: number;
  /** Each component on 0–1, before weighting. */
  components: Record<Component, number>;
  reasons: Reason[];
  blockers: Reason[];
  /** Null when the youth has no usable mode or no known point of departure. */
  travel: TravelEstimate | null;
}

export interface ScoringContext {
  config: MatchingConfig;
  travel: TravelEstimator;
  /** YYYY-MM-DD in France. */
  today: string;
}

const MODE_LABELS: Record<TransportMode, string> = {
  walk: 'à pied',
  bike: 'à vélo',
  public_transport: 'en transports en commun',
  moped: 'en deux-roues motorisé',
  car: 'en voiture',
};

const CONTRACT_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'intérim',
  apprenticeship: 'apprentissage',
  professional_contract: 'contrat de professionnalisation',
  seasonal: 'saisonnier',
  immersion: 'immersion',
};

const SCHEDULE_LABELS: Record<Schedule, string> = { day: 'de jour', evening: 'du soir', night: 'de nuit', weekend: 'du week-end' };

/** Same code 1, same domain (letter + 2 digits) 0.6, same family (letter) 0.3, else 0 (by default). */
export function romeCloseness(a: string, b: string, config: MatchingConfig): number {
  if (a === b) return config.romeCloseness.code;
  if (a.slice(0, 3) === b.slice(0, 3)) return config.romeCloseness.domain;
  if (a[0] === b[0]) return config.romeCloseness.family;
  return 0;
}

/** Mobility score for a trip of `minutes` and a tolerance of `tolerance` minutes (DOMAIN.md). */
export function mobilityScore(minutes: number, tolerance: number, config: MatchingConfig): number {
  const full = config.mobility.fullScoreMinutes;
  const limit = config.mobility.hardLimitFactor * tolerance;
  if (minutes <= Math.min(full, tolerance)) return 1;
  if (minutes <= tolerance) return 1 - (0.5 * (minutes - full)) / (tolerance - full);
  if (minutes >= limit) return 0;
  return (0.5 * (limit - minutes)) / (limit - tolerance);
}

/** Case, accents and spacing do not make two skills different. */
const skillKey = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const round2 = (x: number) => Math.round(x * 100) / 100;
const minutesText = (m: number) => `${Math.round(m)} min`;

/** Scores one youth against one opportunity from `origin` (the centre of their commune). */
export function scoreMatch(youth: ScoredYouth, opportunity: Opportunity, origin: GeoPoint | null, ctx: ScoringContext): ScoreResult {
  const { config } = ctx;
  const reasons: Reason[] = [];
  const blockers: Reason[] = [];
  const say = (component: Component, code: string, text: string) => reasons.push({ component, code, text });
  const block = (component: Component, code: string, text: string) => blockers.push({ component, code, text });

  // --- Occupation & skills -----------------------------------------------------------------
  const codes = [...youth.targetRomeCodes, ...youth.experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : []))];
  const occupation = Math.max(0, ...codes.map((c) => romeCloseness(c, opportunity.romeCode, config)));
  const label = opportunity.romeLabel ? `${opportunity.romeLabel} (${opportunity.romeCode})` : opportunity.romeCode;
  if (occupation === config.romeCloseness.code) say('occupation', 'same_occupation', `Métier visé ou déjà exercé : ${label}`);
  else if (occupation === config.romeCloseness.domain) say('occupation', 'same_domain', `Métier proche : ${label}`);
  else if (occupation === config.romeCloseness.family) say('occupation', 'same_family', `Même famille de métiers : ${label}`);
  else say('occupation', 'other_occupation', `Métier éloigné du projet : ${label}`);

  const has = new Set(youth.skills.map(skillKey));
  const required = opportunity.requiredSkills.filter((s) => skillKey(s) !== '');
  const nice = opportunity.niceToHaveSkills.filter((s) => skillKey(s) !== '');
  const { required: wr, niceToHave: wn } = config.skillWeights;
  const totalWeight = required.length * wr + nice.length * wn;
  const requiredMet = required.filter((s) => has.has(skillKey(s)));
  const niceMet = nice.filter((s) => has.has(skillKey(s)));
  // Extra skills of the youth never count against them; an offer that asks for none is covered.
  const skills = totalWeight === 0 ? 1 : (requiredMet.length * wr + niceMet.length * wn) / totalWeight;
  if (required.length > 0) say('occupation', 'required_skills', `Compétences requises : ${requiredMet.length} sur ${required.length}`);
  if (nice.length > 0 && niceMet.length > 0) say('occupation', 'nice_skills', `Compétences appréciées : ${niceMet.length} sur ${nice.length}`);
  const occupationScore = config.occupationBlend.occupation * occupation + config.occupationBlend.skills * skills;

  // --- Mobility ------------------------------------------------------------------------------
  const tolerance = youth.mobility.maxCommuteMinutes;
  const travel = origin ? ctx.travel.estimate(origin, opportunity.location, youth.mobility) : null;
  let mobility = 0;
  if (!origin) say('mobility', 'travel_unknown', 'Temps de trajet inconnu');
  else if (!travel) block('mobility', 'no_transport', 'Aucun moyen de transport utilisable');
  else {
    mobility = mobilityScore(travel.minutes, tolerance, config);
    const text = `${minutesText(travel.minutes)} ${MODE_LABELS[travel.mode]} (${Math.round(travel.km)} km)`;
    if (travel.minutes > config.mobility.hardLimitFactor * tolerance)
      block('mobility', 'too_far', `Trajet trop long : ${text}, pour ${tolerance} min acceptées`);
    else say('mobility', travel.minutes <= tolerance ? 'travel_ok' : 'travel_long', text);
  }
  if (opportunity.drivingLicenceRequired && !youth.mobility.drivingLicence) block('mobility', 'licence_required', 'Permis B exigé');

  // --- Legal constraints for minors and schedules ---------------------------------------------
  const workable = new Set(youth.availability.schedules.filter((s) => !youth.barrierConstraints.excludedSchedules.includes(s)));
  if (youth.isMinor && opportunity.schedules.includes('night'))
    block('practical', 'minor_night', 'Horaires de nuit impossibles pour un mineur');
  if (youth.isMinor && opportunity.hoursPerWeek > config.minors.maxHoursPerWeek)
    block('practical', 'minor_hours', `Plus de ${config.minors.maxHoursPerWeek} h par semaine impossibles pour un mineur`);
  // Night work is a hard filter; other schedules lower the practical fit.
  if (!youth.isMinor && opportunity.schedules.includes('night') && !workable.has('night'))
    block('practical', 'night_unavailable', 'Horaires de nuit incompatibles avec les disponibilités');

  // --- Practical fit: hours, schedules, contract type, start date ---------------------------
  const maxHours = youth.availability.maxHoursPerWeek;
  const hours = opportunity.hoursPerWeek <= maxHours ? 1 : maxHours / opportunity.hoursPerWeek;
  if (hours < 1) say('practical', 'hours_over', `${opportunity.hoursPerWeek} h par semaine, au-delà des ${maxHours} h souhaitées`);
  const covered = opportunity.schedules.filter((s) => workable.has(s));
  const schedules = opportunity.schedules.length === 0 ? 1 : covered.length / opportunity.schedules.length;
  const missing = opportunity.schedules.filter((s) => !workable.has(s));
  if (missing.length > 0) say('practical', 'schedules_missing', `Horaires non disponibles : ${missing.map((s) => SCHEDULE_LABELS[s]).join(', ')}`);
  const contract = youth.contractTypes.includes(opportunity.contractType) ? 1 : 0;
  say(
    'practical',
    contract ? 'contract_sought' : 'contract_not_sought',
    `${contract ? 'Type de contrat recherché' : 'Type de contrat non recherché'} : ${CONTRACT_LABELS[opportunity.contractType]}`,
  );
  const start = opportunity.startDate && opportunity.startDate > ctx.today ? opportunity.startDate : ctx.today;
  const lateDays = Math.max(0, daysBetween(start, youth.availability.from));
  const startFit = Math.max(0, 1 - lateDays / config.startDateGraceDays);
  if (lateDays > 0) say('practical', 'available_later', `Disponible ${lateDays} jour${lateDays > 1 ? 's' : ''} après le début`);
  const practical = (hours + schedules + contract + startFit) / 4;

  // --- Preferences: what the youth wants to do, not what they have done ----------------------
  const wanted = Math.max(0, ...youth.targetRomeCodes.map((c) => romeCloseness(c, opportunity.romeCode, config)));
  const education = educationFit(youth.educationLevel, opportunity.minEducationLevel);
  if (education < 1) say('preferences', 'education_below', 'Niveau de formation inférieur à celui demandé');
  const preferences = (wanted + education) / 2;

  const components = { occupation: round2(occupationScore), mobility: round2(mobility), practical: round2(practical), preferences: round2(preferences) };
  const w = config.weights;
  const score = Math.round(
    100 * (w.occupation * occupationScore + w.mobility * mobility + w.practical * practical + w.preferences * preferences),
  );
  return { eligible: blockers.length === 0, score, components, reasons, blockers, travel: travel && roundTravel(travel) };
}

const EDUCATION_RANK: Record<EducationLevel, number> = { none: 0, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8 };

/** Meeting the level asked is 1; each level short costs a third. */
function educationFit(has: EducationLevel, asked: EducationLevel | null): number {
  if (!asked) return 1;
  const gap = EDUCATION_RANK[asked] - EDUCATION_RANK[has];
  return gap <= 0 ? 1 : Math.max(0, 1 - gap / 3);
}

/** Days from `a` to `b` (YYYY-MM-DD), negative when b is before a. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function roundTravel(t: TravelEstimate): TravelEstimate {
  return { mode: t.mode, km: Math.round(t.km * 10) / 10, minutes: Math.round(t.minutes) };
}

/** Eligible results first, best score first; ties by id so that a ranking is reproducible. */
export function rankResults<T extends { id: string; result: ScoreResult }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => Number(b.result.eligible) - Number(a.result.eligible) || b.result.score - a.result.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
