import { z } from '@hono/zod-openapi';
import { communeInseeSchema, postcodeSchema } from '../../http/fields.js';

/**
 * The workplace of an offer or an immersion slot. A commune is named by its INSEE code, or by
 * a postcode that belongs to exactly one commune (several communes often share one); precise
 * coordinates may be added, otherwise the commune's centre stands for the workplace.
 */
export const workplaceInput = z
  .object({
    communeInsee: communeInseeSchema.optional(),
    postcode: postcodeSchema.optional(),
    location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .openapi({ description: 'Precise coordinates of the workplace (WGS84), inside France and its commune.' }),
  })
  .superRefine((v, ctx) => {
    if (!v.communeInsee && !v.postcode)
      ctx.addIssue({
        code: 'custom',
        path: ['communeInsee'],
        message: 'Give the commune: its INSEE code or its postcode.',
        params: { code: 'required' },
      });
  })
  .openapi('WorkplaceInput');
export type WorkplaceInput = z.infer<typeof workplaceInput>;

export const workplaceSchema = z
  .object({
    communeInsee: z.string(),
    communeName: z.string(),
    postcode: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    /** False: the location is the commune's centre. */
    preciseLocation: z.boolean(),
  })
  .openapi('Workplace');

