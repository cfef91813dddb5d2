import { sql } from 'drizzle-orm';
import { FRANCE_TIME_ZONE } from '../../domain/calendar.js';

export { todayInFrance } from '../../domain/calendar.js';

/** Today in France, computed by the database: for filters and bulk updates. */
export const BUSINESS_TODAY_SQL = sql.raw(`(now() at time zone '${FRANCE_TIME_ZONE}')::date`);
