import type { z } from '@hono/zod-openapi';

/** Small helpers to keep route declarations short. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearerAuth: [] }];
