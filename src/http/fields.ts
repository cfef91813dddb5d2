import { z } from '@hono/zod-openapi';

/** A calendar date, YYYY-MM-DD, from 1900 to 2999: beyond, it is a typo (and year 0000 does not exist). */
export const calendarDate = z.iso
  .date({ error: 'A calendar date, YYYY-MM-DD.' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: 'A date between 1900 and 2999.', params: { code: 'out_of_range' } });

/**
 * Free text of a search box, bounded so that no query can cost much: at most `maxLength`
 * characters and `maxWords` words (runs of letters and digits). Empty (`?q=`) counts as absent.
 */
export const searchText = ({ maxLength, maxWords }: { maxLength: number; maxWords: number }) =>
  z
    .string()
    .trim()
    .max(maxLength, { error: `At most ${maxLength} characters.` })
    .refine((v) => v.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length <= maxWords, {
      error: `At most ${maxWords} words.`,
      params: { code: 'too_many_words' },
    })
    .transform((v) => (v === '' ? undefined : v))
    .optional();
