import { z } from '@hono/zod-openapi';

/** A calendar date, YYYY-MM-DD, from 1900 to 2999: beyond, it is a typo (and year 0000 does not exist). */
export const calendarDate = z.iso
  .date({ error: 'A calendar date, YYYY-MM-DD.' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: 'A date between 1900 and 2999.', params: { code: 'out_of_range' } });
