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
import type { ContractType, EducationLevel, LicenceUse, Schedule, TransportMode } from '../youth-profile.js';
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
  /** Read only when the licence is required: driving on duty, or only to get there. */
  drivingLicenceUse: LicenceUse;
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
  if (a[0] !== b[0]) return 0;
  // Characters compared in place: called for every opportunity a ranking reads.
  if (a[1] === b[1] && a[2] === b[2]) return config.romeCloseness.domain;
  return config.romeCloseness.family;
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
/** Hours the French way: « 8,5 h ». */
const hoursText = (h: number) => `${String(h).replace('.', ',')} h`;

/**
 * What the score needs of a youth, worked out once: a ranking scores hundreds of opportunities
 * against the same youth, so nothing per youth is recomputed per opportunity.
 */
export interface PreparedYouth {
  readonly youth: ScoredYouth;
  readonly origin: GeoPoint | null;
  readonly ctx: ScoringContext;
  /** Target codes, then the codes of past experiences. */
  readonly codes: readonly string[];
  /** The schedules the youth can work: theirs, less those a barrier rules out. */
  readonly workable: ReadonlySet<Schedule>;
  /** Whether the youth has a skill, by the offer's wording (normalised once per wording). */
  hasSkill(skill: string): boolean | null;
  /** Day number (days since 1970-01-01) of the youth's availability. */
  readonly availableDay: number;
  /** Day number of a start date (many opportunities share one). */
  dayOf(date: string): number;
}

export function prepareYouth(youth: ScoredYouth, origin: GeoPoint | null, ctx: ScoringContext): PreparedYouth {
  const keys = new Set(youth.skills.map(skillKey));
  const known = new Map<string, boolean | null>();
  const days = new Map<string, number>();
  return {
    youth,
    origin,
    ctx,
    codes: [...youth.targetRomeCodes, ...youth.experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : []))],
    workable: new Set(youth.availability.schedules.filter((s) => !youth.barrierConstraints.excludedSchedules.includes(s))),
    hasSkill(skill) {
      let has = known.get(skill);
      if (has === undefined) {
        const key = skillKey(skill);
        // A wording with nothing left once normalised is not a skill: null, left out of the coverage.
        has = key === '' ? null : keys.has(key);
        known.set(skill, has);
      }
      return has;
    },
    availableDay: dayNumber(youth.availability.from),
    dayOf(date) {
      let day = days.get(date);
      if (day === undefined) days.set(date, (day = dayNumber(date)));
      return day;
    },
  };
}

/** The hard filters, by code (each has its French wording in `explain`). */
type BlockerCode = 'no_transport' | 'too_far' | 'licence_required' | 'licence_to_get_there' | 'minor_night' | 'minor_hours' | 'minor_daily_hours' | 'night_unavailable';

/** The raw figures of one youth against one opportunity, before any wording. */
interface Measures {
  closeness: number;
  wanted: number;
  requiredCount: number;
  requiredMet: number;
  niceCount: number;
  niceMet: number;
  travel: TravelEstimate | null;
  components: Record<Component, number>;
  /** Unrounded 0–100. */
  raw: number;
  blockers: BlockerCode[];
  hours: number;
  contract: number;
  lateDays: number;
  education: number;
}

function bestCloseness(codes: readonly string[], romeCode: string, config: MatchingConfig): number {
  let best = 0;
  for (const c of codes) {
    const x = romeCloseness(c, romeCode, config);
    if (x > best) best = x;
  }
  return best;
}

function measure(p: PreparedYouth, opportunity: Opportunity): Measures {
  const { youth, ctx } = p;
  const { config } = ctx;
  const blockers: BlockerCode[] = [];

  // Occupation & skills. Extra skills of the youth never count against them; an offer that asks for none is covered.
  const closeness = bestCloseness(p.codes, opportunity.romeCode, config);
  let requiredCount = 0;
  let requiredMet = 0;
  let niceCount = 0;
  let niceMet = 0;
  for (const s of opportunity.requiredSkills) {
    const has = p.hasSkill(s);
    if (has === null) continue;
    requiredCount++;
    if (has) requiredMet++;
  }
  for (const s of opportunity.niceToHaveSkills) {
    const has = p.hasSkill(s);
    if (has === null) continue;
    niceCount++;
    if (has) niceMet++;
  }
  const { required: wr, niceToHave: wn } = config.skillWeights;
  const totalWeight = requiredCount * wr + niceCount * wn;
  const skills = totalWeight === 0 ? 1 : (requiredMet * wr + niceMet * wn) / totalWeight;
  const occupation = config.occupationBlend.occupation * closeness + config.occupationBlend.skills * skills;

  // Mobility.
  const tolerance = youth.mobility.maxCommuteMinutes;
  const travel = p.origin ? ctx.travel.estimate(p.origin, opportunity.location, youth.mobility) : null;
  let mobility = 0;
  if (p.origin && !travel) blockers.push('no_transport');
  else if (travel) {
    mobility = mobilityScore(travel.minutes, tolerance, config);
    if (travel.minutes > config.mobility.hardLimitFactor * tolerance) blockers.push('too_far');
  }
  // A licence needed only to get there blocks only when no other mode the youth has gets there
  // in time (the estimate already leaves out the car without a licence).
  if (opportunity.drivingLicenceRequired && !youth.mobility.drivingLicence) {
    if (opportunity.drivingLicenceUse === 'on_duty') blockers.push('licence_required');
    else if (p.origin && (!travel || blockers.includes('too_far'))) blockers.push('licence_to_get_there');
  }

  // Legal constraints for minors; night work is a hard filter, other schedules lower the practical fit.
  const night = opportunity.schedules.includes('night');
  if (youth.isMinor && night) blockers.push('minor_night');
  if (youth.isMinor && opportunity.hoursPerWeek > config.minors.maxHoursPerWeek) blockers.push('minor_hours');
  else if (youth.isMinor && opportunity.hoursPerWeek / minorWorkingDays(opportunity.schedules, config) > config.minors.maxHoursPerDay)
    blockers.push('minor_daily_hours');
  if (!youth.isMinor && night && !p.workable.has('night')) blockers.push('night_unavailable');

  // Practical fit: hours, schedules, contract type, start date.
  const maxHours = youth.availability.maxHoursPerWeek;
  const hours = opportunity.hoursPerWeek <= maxHours ? 1 : maxHours / opportunity.hoursPerWeek;
  let covered = 0;
  for (const s of opportunity.schedules) if (p.workable.has(s)) covered++;
  const schedules = opportunity.schedules.length === 0 ? 1 : covered / opportunity.schedules.length;
  const contract = youth.contractTypes.includes(opportunity.contractType) ? 1 : 0;
  const start = opportunity.startDate && opportunity.startDate > ctx.today ? opportunity.startDate : ctx.today;
  const lateDays = Math.max(0, p.availableDay - p.dayOf(start));
  const startFit = Math.max(0, 1 - lateDays / config.startDateGraceDays);
  const practical = (hours + schedules + contract + startFit) / 4;

  // Preferences: what the youth wants to do, not what they have done.
  const wanted = bestCloseness(youth.targetRomeCodes, opportunity.romeCode, config);
  const education = educationFit(youth.educationLevel, opportunity.minEducationLevel);
  const preferences = (wanted + education) / 2;

  const w = config.weights;
  return {
    closeness,
    wanted,
    requiredCount,
    requiredMet,
    niceCount,
    niceMet,
    travel,
    components: { occupation, mobility, practical, preferences },
    raw: 100 * (w.occupation * occupation + w.mobility * mobility + w.practical * practical + w.preferences * preferences),
    blockers,
    hours,
    contract,
    lateDays,
    education,
  };
}

/** The score alone, without the wording: what a ranking sorts hundreds of candidates by. */
export function quickScore(p: PreparedYouth, opportunity: Opportunity): { eligible: boolean; score: number } {
  const m = measure(p, opportunity);
  return { eligible: m.blockers.length === 0, score: Math.round(m.raw) };
}

/**
 * The highest score any opportunity could reach with this youth when its occupation is at
 * `closeness` from theirs and it lies at least `minKm` away in a straight line: every other
 * component at its best. Retrieval stops reading a tier of opportunities once this bound can no
 * longer beat the suggestions already found.
 */
export function scoreUpperBound(p: PreparedYouth, closeness: number, minKm: number): number {
  const { config, travel } = p.ctx;
  const minutes = travel.fastestMinutes(minKm, p.youth.mobility);
  const mobility = minutes === null ? 0 : mobilityScore(minutes, p.youth.mobility.maxCommuteMinutes, config);
  const occupation = config.occupationBlend.occupation * closeness + config.occupationBlend.skills;
  // What the youth wants is at most as close as anything they want or have done.
  const preferences = (closeness + 1) / 2;
  const w = config.weights;
  return 100 * (w.occupation * occupation + w.mobility * mobility + w.practical + w.preferences * preferences);
}

/** Scores one youth against one opportunity from `origin` (the centre of their commune). */
export function scoreMatch(youth: ScoredYouth, opportunity: Opportunity, origin: GeoPoint | null, ctx: ScoringContext): ScoreResult {
  return explain(prepareYouth(youth, origin, ctx), opportunity);
}

/** The score with its breakdown, reasons and blockers in plain French. */
export function explain(p: PreparedYouth, opportunity: Opportunity): ScoreResult {
  const { youth, ctx } = p;
  const { config } = ctx;
  const m = measure(p, opportunity);
  const reasons: Reason[] = [];
  const blockers: Reason[] = [];
  const say = (component: Component, code: string, text: string) => reasons.push({ component, code, text });
  const label = opportunity.romeLabel ? `${opportunity.romeLabel} (${opportunity.romeCode})` : opportunity.romeCode;
  if (m.closeness === config.romeCloseness.code) say('occupation', 'same_occupation', `Métier visé ou déjà exercé : ${label}`);
  else if (m.closeness === config.romeCloseness.domain) say('occupation', 'same_domain', `Métier proche : ${label}`);
  else if (m.closeness === config.romeCloseness.family) say('occupation', 'same_family', `Même famille de métiers : ${label}`);
  else say('occupation', 'other_occupation', `Métier éloigné du projet : ${label}`);
  if (m.requiredCount > 0) say('occupation', 'required_skills', `Compétences requises : ${m.requiredMet} sur ${m.requiredCount}`);
  if (m.niceCount > 0 && m.niceMet > 0) say('occupation', 'nice_skills', `Compétences appréciées : ${m.niceMet} sur ${m.niceCount}`);

  const tolerance = youth.mobility.maxCommuteMinutes;
  const travelText = m.travel && `${minutesText(m.travel.minutes)} ${MODE_LABELS[m.travel.mode]} (${Math.round(m.travel.km)} km)`;
  if (!p.origin) say('mobility', 'travel_unknown', 'Temps de trajet inconnu');
  else if (m.travel && !m.blockers.includes('too_far')) say('mobility', m.travel.minutes <= tolerance ? 'travel_ok' : 'travel_long', travelText!);

  if (opportunity.drivingLicenceRequired && opportunity.drivingLicenceUse === 'commute' && !youth.mobility.drivingLicence && m.travel && !m.blockers.includes('too_far'))
    say('mobility', 'licence_not_needed', `Permis B demandé pour le trajet, mais lieu de travail accessible ${MODE_LABELS[m.travel.mode]}`);

  const maxHours = youth.availability.maxHoursPerWeek;
  if (m.hours < 1) say('practical', 'hours_over', `${hoursText(opportunity.hoursPerWeek)} par semaine, au-delà des ${hoursText(maxHours)} souhaitées`);
  const missingSchedules = opportunity.schedules.filter((s) => !p.workable.has(s));
  if (missingSchedules.length > 0)
    say('practical', 'schedules_missing', `Horaires non disponibles : ${missingSchedules.map((s) => SCHEDULE_LABELS[s]).join(', ')}`);
  say(
    'practical',
    m.contract ? 'contract_sought' : 'contract_not_sought',
    `${m.contract ? 'Type de contrat recherché' : 'Type de contrat non recherché'} : ${CONTRACT_LABELS[opportunity.contractType]}`,
  );
  if (m.lateDays > 0) say('practical', 'available_later', `Disponible ${m.lateDays} jour${m.lateDays > 1 ? 's' : ''} après le début`);
  if (m.education < 1) say('preferences', 'education_below', 'Niveau de formation inférieur à celui demandé');

  const blockerText: Record<BlockerCode, () => [Component, string]> = {
    no_transport: () => ['mobility', 'Aucun moyen de transport utilisable'],
    too_far: () => ['mobility', `Trajet trop long : ${travelText}, pour ${tolerance} min acceptées`],
    licence_required: () => ['mobility', 'Permis B exigé'],
    licence_to_get_there: () => ['mobility', 'Permis B exigé pour se rendre sur le lieu de travail, inaccessible autrement'],
    minor_night: () => ['practical', 'Horaires de nuit impossibles pour un mineur'],
    minor_hours: () => ['practical', `Plus de ${config.minors.maxHoursPerWeek} h par semaine impossibles pour un mineur`],
    minor_daily_hours: () => {
      const days = minorWorkingDays(opportunity.schedules, config);
      return [
        'practical',
        `${hoursText(opportunity.hoursPerWeek)} sur ${days === 1 ? 'un seul jour' : `${days} jours`} par semaine : plus de ${config.minors.maxHoursPerDay} h par jour impossibles pour un mineur`,
      ];
    },
    night_unavailable: () => ['practical', 'Horaires de nuit incompatibles avec les disponibilités'],
  };
  for (const code of m.blockers) {
    const [component, text] = blockerText[code]();
    blockers.push({ component, code, text });
  }

  const c = m.components;
  const components = { occupation: round2(c.occupation), mobility: round2(c.mobility), practical: round2(c.practical), preferences: round2(c.preferences) };
  return { eligible: blockers.length === 0, score: Math.round(m.raw), components, reasons, blockers, travel: m.travel && roundTravel(m.travel) };
}

/**
 * The most days a week a minor may work on these schedules (see `MatchingConfig.minors`): the
 * weekdays for day, evening or night work (or no schedule given), Saturday for weekend work.
 */
function minorWorkingDays(schedules: readonly Schedule[], config: MatchingConfig): number {
  const weekdays = schedules.length === 0 || schedules.some((s) => s !== 'weekend') ? config.minors.maxDaysPerWeek : 0;
  const weekend = schedules.includes('weekend') ? config.minors.weekendDays : 0;
  return Math.min(config.minors.maxDaysPerWeek, weekdays + weekend);
}

const EDUCATION_RANK: Record<EducationLevel, number> = { none: 0, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8 };

/** Meeting the level asked is 1; each level short costs a third. */
function educationFit(has: EducationLevel, asked: EducationLevel | null): number {
  if (!asked) return 1;
  const gap = EDUCATION_RANK[asked] - EDUCATION_RANK[has];
  return gap <= 0 ? 1 : Math.max(0, 1 - gap / 3);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
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
