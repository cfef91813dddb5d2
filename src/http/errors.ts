import { z } from '@hono/zod-openapi';
import { errorCatalog, type ErrorCode } from '../core/errors.js';

export const fieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: 'siret' }),
    code: z.string().openapi({ example: 'invalid_siret' }),
    message: z.string(),
  })
  .openapi('FieldError');

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://passerelle.dev/problems/validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    currentState: z.string().optional(),
    allowedTransitions: z.array(z.object({ action: z.string(), to: z.string() })).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: problemSchema } };
const descriptions: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, invalid or expired token',
  403: 'Role not allowed',
  404: 'Not found, or outside your scope',
  409: 'Conflict with the current state',
  410: 'Link invalid, used or expired',
  413: 'Body over 1 MiB',
  415: 'Body is not JSON',
  422: 'Invalid fields',
  429: 'Too many attempts',
  500: 'Unexpected error (quote the request id)',
  503: 'A dependency is down',
};

/** The same, already in the document's JSON form (the Problem schema by reference). */
export function errorResponsesJson(...statuses: number[]) {
  const content = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  return Object.fromEntries(statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content }]));
}

/** OpenAPI response entries for the given error statuses. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: problemContent }]),
  );
}
