import { z } from '@hono/zod-openapi';

export const transitionSchema = z
  .object({
    action: z.string().openapi({ example: 'publish' }),
    from: z.string().openapi({ example: 'draft' }),
    to: z.string().openapi({ example: 'published' }),
    by: z.object({
      userId: z.uuid().nullable().openapi({ description: 'Null when the platform moved it (a date reached, a scheduled job).' }),
      role: z.string().openapi({ example: 'employer' }),
    }),
    reason: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .openapi('StateTransition');

export const historySchema = z.object({ items: z.array(transitionSchema) }).openapi('StateHistory');
