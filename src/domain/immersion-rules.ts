import type { FieldError } from '../core/errors.js';
import { ageOn, isMinorOn } from './age.js';

/**
 * The legal rules of an immersion agreement (PMSMP, *période de mise en situation en milieu
 * professionnel*: a short unpaid period in a company, prescribed by the Mission Locale).
 * Pure: the caller gathers the youth's birth date and their other active immersions.
 * Every violation is reported at once, each with its own stable code.
 */

/** Limits of DOMAIN.md (Code du travail for adults, and its stricter rules for minors). */
export const IMMERSION_LIMITS = {
  maxCalendarDays: 30,
  minAge: 16,
  adult: { maxMinutesPerDay: 10 * 60, maxMinutesPerWeek: 48 * 60 },
  minor: { maxMinutesPerDay: 8 * 60, maxMinutesPerWeek: 35 * 60 },
  /** Minors never work between 22:00 and 06:00. */
  minorNight: { from: 22 * 60, to: 6 * 60 },
} as const;

/** Working hours of one day: `from` < `to`, "HH:MM", `to` may be "24:00". */
export interface TimeRange {
  from: string;
  to: string;
}

export interface ScheduleDay {
  date: string;
  ranges: TimeRange[];
}

export interface AgreementRulesInput {
  startDate: string;
  endDate: string;
  schedule: ScheduleDay[];
  youthBirthDate: string;
  hasLegalRepresentative: boolean;
  tutor: { email?: string | null; phone?: string | null };
  /** The youth's other immersions that still hold their time (neither rejected nor cancelled). */
  otherImmersions: { id: string; startDate: string; endDate: string }[];
}

/** Minutes since midnight of "HH:MM" (00:00–24:00), or null. */
export function minutesOf(time: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** Minutes worked on one day (ranges taken as given; invalid ones count for nothing). */
export function dayMinutes(day: ScheduleDay): number {
  return day.ranges.reduce((sum, r) => {
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    return from !== null && to !== null && to > from ? sum + (to - from) : sum;
  }, 0);
}

/** Total hours of a schedule, for the agreement and its document. */
export function totalHours(schedule: ScheduleDay[]): number {
  return schedule.reduce((sum, d) => sum + dayMinutes(d), 0) / 60;
}

/** Calendar days from `start` to `end`, both included. */
export function calendarDays(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** The Monday of the calendar week of `date`: the *semaine civile* of the Code du travail runs Monday to Sunday. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const hours = (minutes: number) => `${Math.floor(minutes / 60)} h${minutes % 60 ? String(minutes % 60).padStart(2, '0') : ''}`;

/**
 * Every rule the agreement breaks, as field errors (empty when it is lawful).
 *
 * A youth who turns 18 during the immersion is a minor until their birthday: the minors' daily
 * limit, night and Sunday rules apply to the days before it, and a calendar week holding one
 * such day keeps the minors' weekly limit. The legal representative signs when the youth is a
 * minor on the first day, since the agreement is signed before it.
 */
export function checkAgreementRules(input: AgreementRulesInput): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const { startDate, endDate } = input;

  if (endDate < startDate) add('endDate', 'end_before_start', `The immersion cannot end (${endDate}) before it starts (${startDate}).`);
  else if (calendarDays(startDate, endDate) > IMMERSION_LIMITS.maxCalendarDays)
    add('endDate', 'too_long', `An immersion lasts at most ${IMMERSION_LIMITS.maxCalendarDays} calendar days (this one ${calendarDays(startDate, endDate)}).`);

  if (ageOn(input.youthBirthDate, startDate) < IMMERSION_LIMITS.minAge)
    add('youthId', 'below_minimum_age', `The young person must be at least ${IMMERSION_LIMITS.minAge} on the first day.`);
  const minorAtStart = isMinorOn(input.youthBirthDate, startDate);
  if (minorAtStart && !input.hasLegalRepresentative)
    add('legalRepresentative', 'legal_representative_required', 'A minor needs the signature of a legal representative.');

  if (!input.tutor.email) add('tutor.email', 'tutor_email_required', 'The tutor needs an e-mail address.');
  if (!input.tutor.phone) add('tutor.phone', 'tutor_phone_required', 'The tutor needs a phone number.');

  if (input.schedule.length === 0) add('schedule', 'empty_schedule', 'Give at least one working day.');
  const seen = new Set<string>();
  const weekMinutes = new Map<string, { minutes: number; minor: boolean }>();
  input.schedule.forEach((day, i) => {
    const path = `schedule.${i}`;
    if (day.date < startDate || day.date > endDate) add(`${path}.date`, 'day_outside_period', `${day.date} is outside the immersion's period.`);
    if (seen.has(day.date)) add(`${path}.date`, 'duplicate_day', `${day.date} appears twice in the schedule.`);
    seen.add(day.date);

    const minor = isMinorOn(input.youthBirthDate, day.date);
    const spans: [number, number][] = [];
    day.ranges.forEach((range, j) => {
      const from = minutesOf(range.from);
      const to = minutesOf(range.to);
      if (from === null || to === null || to <= from) {
        add(`${path}.ranges.${j}`, 'invalid_time_range', 'A time range goes from HH:MM to HH:MM (24:00 at most), ending after it starts, on the same day.');
        return;
      }
      if (minor && (from < IMMERSION_LIMITS.minorNight.to || to > IMMERSION_LIMITS.minorNight.from))
        add(`${path}.ranges.${j}`, 'minor_night_work', 'A minor may not work between 22:00 and 06:00.');
      spans.push([from, to]);
    });
    spans.sort((a, b) => a[0] - b[0]);
    if (spans.some(([from], k) => k > 0 && from < spans[k - 1]![1]))
      add(`${path}.ranges`, 'overlapping_ranges', `The time ranges of ${day.date} overlap.`);

    if (minor && dayOfWeek(day.date) === 0) add(`${path}.date`, 'minor_sunday_work', 'A minor may not work on Sunday.');

    const minutes = dayMinutes(day);
    const limit = minor ? IMMERSION_LIMITS.minor.maxMinutesPerDay : IMMERSION_LIMITS.adult.maxMinutesPerDay;
    if (minutes > limit)
      add(
        path,
        minor ? 'minor_daily_limit_exceeded' : 'daily_limit_exceeded',
        `${hours(minutes)} on ${day.date}: at most ${hours(limit)} a day${minor ? ' for a minor' : ''}.`,
      );

    const week = weekMinutes.get(weekOf(day.date)) ?? { minutes: 0, minor: false };
    weekMinutes.set(weekOf(day.date), { minutes: week.minutes + minutes, minor: week.minor || minor });
  });

  for (const [monday, week] of [...weekMinutes].sort(([a], [b]) => a.localeCompare(b))) {
    const limit = week.minor ? IMMERSION_LIMITS.minor.maxMinutesPerWeek : IMMERSION_LIMITS.adult.maxMinutesPerWeek;
    if (week.minutes > limit)
      add(
        'schedule',
        week.minor ? 'minor_weekly_limit_exceeded' : 'weekly_limit_exceeded',
        `${hours(week.minutes)} in the week of ${monday}: at most ${hours(limit)} a week${week.minor ? ' for a minor' : ''}.`,
      );
  }

  for (const other of input.otherImmersions)
    if (other.startDate <= endDate && startDate <= other.endDate)
      add('startDate', 'overlapping_immersion', `The young person already has an immersion from ${other.startDate} to ${other.endDate}.`);

  return errors;
}
