import { z } from '@hono/zod-openapi';
import { todayInFrance } from '../core/calendar.js';
import { normaliseFrenchPhone } from '../domain/phone.js';
import { SCHEDULES } from '../domain/youth-profile.js';

/**
 * Request fields shared by several modules, each defined once so that the same mistake gets
 * the same code everywhere. Custom refinements carry the stable code of the 422's field error.
 */
export const withCode = (code: string, message: string) => ({ error: message, params: { code } });

const unique = <T>(values: T[]) => [...new Set(values)];

/** A query list: `a,b` or `?x=a&x=b` (or both) → ['a', 'b']; at most 20 items. */
export const listParam = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)),
    z.array(item).max(20).optional(),
  );

export const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }).openapi(name);

/**
 * Characters that nobody types in a name, a title or an address, and that can disguise what
 * is shown: control characters (tab and line breaks included), line and paragraph separators,
 * format characters (zero-width spaces and joiners, soft hyphen, bidi marks, embeddings,
 * overrides and isolates, BOM), lone surrogates, and letters that render as nothing (the
 * combining grapheme joiner, Hangul fillers).
 */
const NOT_IN_A_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034F\u115F\u1160\u3164\uFFA0]/u;

/**
 * Free text keeps its line breaks (\n, after \r\n and \r are folded into it) and the
 * invisible marks some scripts and emoji need, but no other control character and no bidi
 * embedding, override or isolate (U+202A–202E, U+2066–2069), which can make a text read
 * differently from what it holds.
 */
const NOT_IN_FREE_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

function refuseCharacters(forbidden: RegExp) {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = forbidden.exec(value);
    if (!found) return;
    const codePoint = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.addIssue({
      code: 'custom',
      message: `No control, invisible or bidi formatting character here (${codePoint} at position ${found.index}).`,
      params: { code: 'invalid_character' },
      // The one problem to report: lengths measured over such characters would only confuse.
      continue: false,
    });
  };
}

/**
 * A name, a title, a label, an address line: one line of visible text, in NFC (so that
 * « é » typed either way is stored once), trimmed, `min` to `max` characters.
 */
export const singleLineText = ({ max, min = 1 }: { max: number; min?: number }) =>
  z.string().superRefine(refuseCharacters(NOT_IN_A_LINE)).normalize('NFC').trim().min(min).max(max);

/** A description, comments, a reason: several lines of text, in NFC, trimmed, `min` to `max` characters. */
export const plainText = ({ max, min = 1 }: { max: number; min?: number }) =>
  z
    .string()
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .superRefine(refuseCharacters(NOT_IN_FREE_TEXT))
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max);

/** RFC 5321 §4.5.3.1: longer addresses cannot be delivered by every mail server. */
const EMAIL_LIMITS = { localPart: 64, domain: 255, address: 254 };

function emailLengths(value: string, ctx: z.RefinementCtx) {
  const at = value.lastIndexOf('@');
  const [local, domain] = at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
  const refuse = (code: string, message: string) => ctx.addIssue({ code: 'custom', message, params: { code }, continue: false });
  if (local.length > EMAIL_LIMITS.localPart) refuse('email_local_part_too_long', `At most ${EMAIL_LIMITS.localPart} characters before the @.`);
  else if (domain.length > EMAIL_LIMITS.domain) refuse('email_domain_too_long', `At most ${EMAIL_LIMITS.domain} characters after the @.`);
  else if (value.length > EMAIL_LIMITS.address) refuse('email_too_long', `At most ${EMAIL_LIMITS.address} characters.`);
}

export const emailSchema = z
  .string()
  .superRefine(refuseCharacters(NOT_IN_A_LINE))
  .trim()
  .toLowerCase()
  .superRefine(emailLengths)
  .pipe(z.email({ error: 'Not a valid e-mail address.' }))
  .openapi({ example: 'camille.martin@ml-exemple.fr', maxLength: EMAIL_LIMITS.address });

/** A calendar date, YYYY-MM-DD, from 1900 to 2999: beyond, it is a typo (and year 0000 does not exist). */
export const calendarDate = z.iso
  .date({ error: 'A calendar date, YYYY-MM-DD.' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', withCode('out_of_range', 'A date between 1900 and 2999.'));

/** A date from today on (Europe/Paris): an expiry or the end of a period. */
export const notPastDate = calendarDate.refine((d) => d >= todayInFrance(), withCode('in_past', 'This date is already past.'));

/** Any usual spelling of a French number; stored and returned in E.164. */
export const phoneSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normaliseFrenchPhone(value);
    if (e164 === null) {
      ctx.addIssue({ code: 'custom', message: 'Not a French phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78).', params: { code: 'invalid_phone' } });
      return z.NEVER;
    }
    return e164;
  })
  .openapi({ example: '06 12 34 56 78', description: 'French number, any usual spelling; stored and returned in E.164.' });

/**
 * A ROME 4.0 occupation code (France Travail): a letter A–N and 4 digits. Malformed or absent
 * from the reference data (checked by the reference module): the same code, the same fix.
 */
export const romeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[A-N]\d{4}$/.test(v), withCode('unknown_rome_code', 'A ROME code is a letter A–N and 4 digits, e.g. D1102.'))
  .openapi({ description: 'ROME 4.0 occupation code (France Travail).', example: 'D1102' });

/** An INSEE commune code: 5 digits, or 2A/2B and 3 digits in Corsica. */
export const communeInseeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^(\d{5}|2[AB]\d{3})$/.test(v), withCode('unknown_commune', 'An INSEE commune code has 5 characters, e.g. 69123 or 2A004.'))
  .openapi({ example: '42218' });

export const postcodeSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{5}$/.test(v), withCode('unknown_commune', 'A French postcode has 5 digits.'))
  .openapi({ example: '42000' });

export const schedulesInput = z
  .array(z.enum(SCHEDULES))
  .min(1, { error: 'Give at least one schedule.' })
  .transform(unique)
  .openapi({ example: ['day'] });

/** At most 48 hours a week: the legal maximum in France, and the immersion limit (DOMAIN.md). */
export const hoursPerWeekInput = z
  .number()
  .positive({ error: 'Hours per week must be positive.' })
  .max(48, { error: 'At most 48 hours a week.' })
  .openapi({ example: 35 });

/**
 * Free text of a search box, bounded so that no query can cost much: at most `maxLength`
 * characters and `maxWords` words (runs of letters and digits). Empty (`?q=`) counts as absent.
 */
export const searchText = ({ maxLength, maxWords }: { maxLength: number; maxWords: number }) =>
  z
    .string()
    .superRefine(refuseCharacters(NOT_IN_A_LINE))
    .normalize('NFC')
    .trim()
    .max(maxLength, { error: `At most ${maxLength} characters.` })
    .refine((v) => v.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length <= maxWords, {
      error: `At most ${maxWords} words.`,
      params: { code: 'too_many_words' },
    })
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/**
 * A number in a query string. An empty value (`lat=`) is refused rather than read as 0,
 * which `z.coerce.number()` would do — 0,0 is a real place, in the Gulf of Guinea.
 */
export const numberQuery = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Give a number.' })
    .pipe(z.coerce.number<string>({ error: 'Give a number.' }).min(min).max(max));

export const latitudeQuery = numberQuery(-90, 90).openapi({ type: 'number', example: 45.43 });
export const longitudeQuery = numberQuery(-180, 180).openapi({ type: 'number', example: 4.39 });
