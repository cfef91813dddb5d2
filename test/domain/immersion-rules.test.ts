import { describe, expect, it } from 'vitest';
import { calendarDays, checkAgreementRules, totalHours, weekOf, type AgreementRulesInput, type ScheduleDay } from '../../src/domain/immersion-rules.js';

// 2027-03-01 is a Monday.
const MONDAY = '2027-03-01';
const plus = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const day = (date: string, ...ranges: [string, string][]): ScheduleDay => ({ date, ranges: ranges.map(([from, to]) => ({ from, to })) });
/** Weekdays Monday to Friday of the week starting `monday`, each from `from` to `to`. */
const week = (monday: string, from: string, to: string, days = 5) => Array.from({ length: days }, (_, i) => day(plus(monday, i), [from, to]));

function agreement(overrides: Partial<AgreementRulesInput> = {}): AgreementRulesInput {
  return {
    startDate: MONDAY,
    endDate: plus(MONDAY, 4),
    schedule: week(MONDAY, '09:00', '17:00'),
    youthBirthDate: '2005-06-15',
    hasLegalRepresentative: false,
    tutor: { email: 'tutrice@example.test', phone: '+33612345678' },
    otherImmersions: [],
    ...overrides,
  };
}
const codes = (input: AgreementRulesInput) => checkAgreementRules(input).map((e) => e.code);

describe('immersion rules: period', () => {
  it('a lawful agreement breaks no rule', () => {
    expect(checkAgreementRules(agreement())).toEqual([]);
  });

  it('exactly 30 calendar days passes, 31 fails', () => {
    expect(calendarDays(MONDAY, plus(MONDAY, 29))).toBe(30);
    expect(codes(agreement({ endDate: plus(MONDAY, 29) }))).toEqual([]);
    expect(checkAgreementRules(agreement({ endDate: plus(MONDAY, 30) }))).toEqual([
      expect.objectContaining({ path: 'endDate', code: 'too_long' }),
    ]);
  });

  it('a one-day immersion passes; ending before it starts fails', () => {
    expect(codes(agreement({ endDate: MONDAY, schedule: [day(MONDAY, ['09:00', '17:00'])] }))).toEqual([]);
    expect(codes(agreement({ endDate: plus(MONDAY, -1), schedule: [] }))).toEqual(['end_before_start', 'empty_schedule']);
  });

  it('a day outside the period, a day given twice, no day at all', () => {
    expect(codes(agreement({ schedule: [...week(MONDAY, '09:00', '12:00'), day(plus(MONDAY, 5), ['09:00', '12:00'])] }))).toEqual([
      'day_outside_period',
    ]);
    expect(codes(agreement({ schedule: [day(MONDAY, ['09:00', '12:00']), day(MONDAY, ['14:00', '16:00'])] }))).toEqual(['duplicate_day']);
    expect(codes(agreement({ schedule: [] }))).toEqual(['empty_schedule']);
  });

  it('an overlap with another immersion of the youth fails, touching the day before passes', () => {
    const other = { id: 'x', startDate: plus(MONDAY, -10), endDate: MONDAY };
    expect(checkAgreementRules(agreement({ otherImmersions: [other] }))).toEqual([
      expect.objectContaining({ path: 'startDate', code: 'overlapping_immersion' }),
    ]);
    expect(codes(agreement({ otherImmersions: [{ ...other, endDate: plus(MONDAY, -1) }] }))).toEqual([]);
  });
});

describe('immersion rules: hours of an adult', () => {
  it('10 h a day passes, 10 h 15 fails', () => {
    expect(codes(agreement({ schedule: [day(MONDAY, ['08:00', '12:00'], ['13:00', '19:00'])] }))).toEqual([]);
    expect(checkAgreementRules(agreement({ schedule: [day(MONDAY, ['08:00', '12:00'], ['13:00', '19:15'])] }))).toEqual([
      expect.objectContaining({ path: 'schedule.0', code: 'daily_limit_exceeded' }),
    ]);
  });

  it('48 h in a week passes, 48.5 fails', () => {
    const six = (to: string) => week(MONDAY, '09:00', to, 6); // Monday to Saturday
    expect(totalHours(six('17:00'))).toBe(48);
    expect(codes(agreement({ endDate: plus(MONDAY, 6), schedule: six('17:00') }))).toEqual([]);
    const over = [...six('17:00').slice(0, 5), day(plus(MONDAY, 5), ['09:00', '17:30'])];
    expect(totalHours(over)).toBe(48.5);
    expect(checkAgreementRules(agreement({ endDate: plus(MONDAY, 6), schedule: over }))).toEqual([
      expect.objectContaining({ path: 'schedule', code: 'weekly_limit_exceeded' }),
    ]);
  });

  it('weeks are calendar weeks, Monday to Sunday: 40 h then 40 h across a Sunday passes', () => {
    expect(weekOf(plus(MONDAY, 6))).toBe(MONDAY);
    expect(weekOf(plus(MONDAY, 7))).toBe(plus(MONDAY, 7));
    const start = plus(MONDAY, 2); // Wednesday
    const schedule = [...[2, 3, 4, 5, 6].map((i) => day(plus(MONDAY, i), ['08:00', '16:00'])), ...week(plus(MONDAY, 7), '08:00', '16:00')];
    expect(codes(agreement({ startDate: start, endDate: plus(MONDAY, 11), schedule }))).toEqual([]);
  });

  it('an adult may work nights and Sundays', () => {
    const sunday = plus(MONDAY, 6);
    expect(codes(agreement({ endDate: sunday, schedule: [day(sunday, ['20:00', '24:00']), day(MONDAY, ['00:00', '05:00'])] }))).toEqual([]);
  });

  it('time ranges: malformed, ending before they start, or overlapping', () => {
    expect(codes(agreement({ schedule: [day(MONDAY, ['9h', '12:00'])] }))).toEqual(['invalid_time_range']);
    expect(codes(agreement({ schedule: [day(MONDAY, ['14:00', '12:00'])] }))).toEqual(['invalid_time_range']);
    expect(codes(agreement({ schedule: [day(MONDAY, ['22:00', '24:01'])] }))).toEqual(['invalid_time_range']);
    expect(checkAgreementRules(agreement({ schedule: [day(MONDAY, ['09:00', '12:00'], ['11:00', '13:00'])] }))).toEqual([
      expect.objectContaining({ path: 'schedule.0.ranges', code: 'overlapping_ranges' }),
    ]);
    expect(codes(agreement({ schedule: [day(MONDAY, ['09:00', '12:00'], ['12:00', '13:00'])] }))).toEqual([]);
  });
});

describe('immersion rules: age and minors', () => {
  // 17 in March 2027, 7 h a day.
  const minor = { youthBirthDate: '2010-01-10', hasLegalRepresentative: true, schedule: week(MONDAY, '09:00', '16:00') };

  it('16 on the first day passes, the day before the 16th birthday fails', () => {
    expect(codes(agreement({ ...minor, youthBirthDate: '2011-03-01' }))).toEqual([]);
    expect(checkAgreementRules(agreement({ ...minor, youthBirthDate: '2011-03-02' }))).toEqual([
      expect.objectContaining({ path: 'youthId', code: 'below_minimum_age' }),
    ]);
  });

  it('a minor needs a legal representative; an adult does not', () => {
    expect(checkAgreementRules(agreement({ ...minor, hasLegalRepresentative: false }))).toEqual([
      expect.objectContaining({ path: 'legalRepresentative', code: 'legal_representative_required' }),
    ]);
    expect(codes(agreement({ youthBirthDate: '2009-03-01' }))).toEqual([]);
  });

  it('a minor: 8 h a day passes, 8 h 30 fails', () => {
    expect(codes(agreement({ ...minor, schedule: [day(MONDAY, ['08:00', '12:00'], ['13:00', '17:00'])] }))).toEqual([]);
    expect(codes(agreement({ ...minor, schedule: [day(MONDAY, ['08:00', '12:00'], ['13:00', '17:30'])] }))).toEqual([
      'minor_daily_limit_exceeded',
    ]);
  });

  it('a minor: 35 h a week passes, 36 fails', () => {
    expect(codes(agreement({ ...minor, schedule: week(MONDAY, '09:00', '16:00') }))).toEqual([]);
    const over = [...week(MONDAY, '09:00', '16:00').slice(0, 4), day(plus(MONDAY, 4), ['09:00', '17:00'])];
    expect(codes(agreement({ ...minor, schedule: over }))).toEqual(['minor_weekly_limit_exceeded']);
  });

  it('a 17-year-old at 22:30 fails, until 22:00 passes; before 06:00 fails, from 06:00 passes', () => {
    expect(checkAgreementRules(agreement({ ...minor, schedule: [day(MONDAY, ['16:00', '22:30'])] }))).toEqual([
      expect.objectContaining({ path: 'schedule.0.ranges.0', code: 'minor_night_work' }),
    ]);
    expect(codes(agreement({ ...minor, schedule: [day(MONDAY, ['15:00', '22:00'])] }))).toEqual([]);
    expect(codes(agreement({ ...minor, schedule: [day(MONDAY, ['05:30', '12:00'])] }))).toEqual(['minor_night_work']);
    expect(codes(agreement({ ...minor, schedule: [day(MONDAY, ['06:00', '12:00'])] }))).toEqual([]);
  });

  it('a minor may not work on Sunday', () => {
    const sunday = plus(MONDAY, 6);
    expect(checkAgreementRules(agreement({ ...minor, endDate: sunday, schedule: [day(sunday, ['09:00', '12:00'])] }))).toEqual([
      expect.objectContaining({ path: 'schedule.0.date', code: 'minor_sunday_work' }),
    ]);
  });

  it('a youth who turns 18 during the immersion: minors’ rules until the birthday, adults’ from it', () => {
    const birthday = plus(MONDAY, 3); // 18 on Thursday
    const youthBirthDate = `2009-${birthday.slice(5)}`;
    const schedule = [
      day(MONDAY, ['08:00', '16:00']), // 8 h, a minor: fine
      day(plus(MONDAY, 2), ['08:00', '17:00']), // 9 h the day before the birthday: too long for a minor
      day(birthday, ['08:00', '18:00']), // 10 h on the birthday: fine for an adult
      day(plus(MONDAY, 4), ['17:00', '23:00']), // evening after the birthday: fine
    ];
    expect(checkAgreementRules(agreement({ youthBirthDate, hasLegalRepresentative: true, schedule }))).toEqual([
      expect.objectContaining({ path: 'schedule.1', code: 'minor_daily_limit_exceeded' }),
    ]);
    // The week holding minor days keeps the minors' weekly limit (8 + 9 + 10 + 6 = 33 h ≤ 35 h here).
    const longWeek = [...schedule, day(plus(MONDAY, 5), ['08:00', '12:00'])];
    expect(codes(agreement({ youthBirthDate, hasLegalRepresentative: true, endDate: plus(MONDAY, 5), schedule: longWeek }))).toEqual([
      'minor_daily_limit_exceeded',
      'minor_weekly_limit_exceeded',
    ]);
    // The legal representative is still required: a minor on the first day.
    expect(codes(agreement({ youthBirthDate, schedule: schedule.filter((_, i) => i !== 1) }))).toEqual(['legal_representative_required']);
  });
});

describe('immersion rules: tutor, and everything at once', () => {
  it('a tutor without e-mail or phone fails', () => {
    expect(codes(agreement({ tutor: { email: '', phone: null } }))).toEqual(['tutor_email_required', 'tutor_phone_required']);
  });

  it('reports every violation at once, each with its code', () => {
    const errors = checkAgreementRules({
      startDate: MONDAY,
      endDate: plus(MONDAY, 40),
      schedule: [day(plus(MONDAY, 6), ['21:00', '23:00'], ['08:00', '18:00'])],
      youthBirthDate: '2011-06-01',
      hasLegalRepresentative: false,
      tutor: {},
      otherImmersions: [{ id: 'y', startDate: plus(MONDAY, 1), endDate: plus(MONDAY, 2) }],
    });
    expect(errors.map((e) => e.code).sort()).toEqual(
      [
        'too_long',
        'below_minimum_age',
        'legal_representative_required',
        'tutor_email_required',
        'tutor_phone_required',
        'minor_night_work',
        'minor_sunday_work',
        'minor_daily_limit_exceeded',
        'overlapping_immersion',
      ].sort(),
    );
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
  });
});
