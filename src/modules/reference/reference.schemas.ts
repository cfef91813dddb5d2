import { z } from '@hono/zod-openapi';
import { searchText } from '../../http/fields.js';

const limit = z.coerce.number().int().min(1).max(50).default(10).openapi({ description: 'At most 50.', example: 10 });

/**
 * A query string given empty (`?q=`) counts as absent: autocompletes send it that way. Bounded:
 * the longest commune name has 45 characters and 7 words, the longest job title about as many.
 */
const text = searchText({ maxLength: 80, maxWords: 8 });

export const communesQuery = z
  .object({
    q: text.openapi({
      description:
        'Name (accents, case and punctuation ignored, one typo tolerated, `st`/`ste` read as saint/sainte) or 2 to 5 digits of a postcode.',
      example: 'saint etienne',
    }),
    postcode: z
      .string()
      .regex(/^\d{2,5}$/, { error: 'A postcode or its beginning: 2 to 5 digits.' })
      .optional()
      .openapi({ description: 'Postcode, or its first 2 to 4 digits.', example: '42000' }),
    limit,
  })
  .superRefine((v, ctx) => {
    if (v.q === undefined && v.postcode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'Give a name or a postcode (q), or a postcode.', params: { code: 'required' } });
    } else if (v.q !== undefined && /^\d+$/.test(v.q) && !/^\d{2,5}$/.test(v.q)) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'A postcode or its beginning: 2 to 5 digits.', params: { code: 'invalid_postcode' } });
    } else if (v.q !== undefined && v.q.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'At least 2 characters.', params: { code: 'too_small' } });
    }
  });

export const communeSchema = z
  .object({
    insee: z.string().openapi({ description: 'INSEE code of the commune (COG).', example: '42218' }),
    name: z.string().openapi({ example: 'Saint-Étienne' }),
    type: z.enum(['COM', 'ARM']).openapi({ description: 'COM commune, ARM municipal arrondissement (Paris, Lyon, Marseille).' }),
    postcodes: z.array(z.string()).openapi({ example: ['42000', '42100', '42230'] }),
    department: z.string().openapi({ example: '42' }),
    lat: z.number(),
    lng: z.number(),
    population: z.number().int().nullable(),
    delegatedCommune: z.string().nullable().openapi({
      description:
        'When the query matched a delegated commune (a former commune merged into this one, still used in addresses): its name.',
      example: null,
    }),
  })
  .openapi('Commune');

export const communeList = z.object({ items: z.array(communeSchema) }).openapi('CommuneList');

export const romeQuery = z
  .object({
    q: text.openapi({
      description: 'Job title or ROME label (one typo tolerated), or a ROME code or its beginning (`D1102`, `d11`).',
      example: 'boulanger',
    }),
    limit,
  })
  .superRefine((v, ctx) => {
    if (v.q === undefined) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'Give a job title or a ROME code.', params: { code: 'required' } });
    }
  });

export const romeMatchSchema = z
  .object({
    romeCode: z.string().openapi({ example: 'D1102' }),
    romeLabel: z.string().openapi({ example: 'Boulanger / Boulangère' }),
    appellation: z
      .object({ ogr: z.number().int(), label: z.string() })
      .nullable()
      .openapi({ description: 'The job title (appellation) that matched, when the match came from a title.' }),
  })
  .openapi('RomeMatch');

export const romeList = z.object({ items: z.array(romeMatchSchema) }).openapi('RomeMatchList');

export type CommunesQuery = z.infer<typeof communesQuery>;
export type Commune = z.infer<typeof communeSchema>;
export type RomeQuery = z.infer<typeof romeQuery>;
export type RomeMatch = z.infer<typeof romeMatchSchema>;
