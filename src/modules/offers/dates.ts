import { sql } from 'drizzle-orm';

/**
 * Calendar dates (offer expiry, immersion availability) are French local dates: an offer
 * "valid until 30 June" is open all that day in Europe/Paris, whatever the server's zone.
 */
export const BUSINESS_TIME_ZONE = 'Europe/Paris';

/** Today's date in Europe/Paris, as YYYY-MM-DD. */
export function businessToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The same, computed by the database: for filters and bulk updates. */
export const BUSINESS_TODAY_SQL = sql.raw(`(now() at time zone '${BUSINESS_TIME_ZONE}')::date`);
