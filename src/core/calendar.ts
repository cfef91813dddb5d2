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
