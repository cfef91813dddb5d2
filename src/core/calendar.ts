import { sql } from 'drizzle-orm';

/**
 * Calendar dates (birthdays, offer expiry, availability) are French local dates: a birthday
 * starts at midnight in Paris, and an offer "valid until 30 June" is open all that day there,
 * whatever the server's time zone.
 */
export const FRANCE_TIME_ZONE = 'Europe/Paris';

// en-CA formats as YYYY-MM-DD.
const franceDate = new Intl.DateTimeFormat('en-CA', { timeZone: FRANCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in France at `instant`. */
export function todayInFrance(instant: Date = new Date()): string {
  return franceDate.format(instant);
}

/** Today in France, computed by the database: for filters and bulk updates. */
export const TODAY_IN_FRANCE_SQL = sql.raw(`(now() at time zone '${FRANCE_TIME_ZONE}')::date`);

/** YYYY-MM-DD, `days` calendar days after `date`. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant it is `time` (HH:MM) on `date` in France, summer time or not: when a dated job is due. */
export function franceInstant(date: string, time = '00:00'): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // Paris' offset at that moment, read back from the formatter (1 h in winter, 2 h in summer).
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: FRANCE_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(asUtc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(asUtc - (local - asUtc));
}
