import { errorResponsesJson } from './errors.js';
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

type Operation = {
  operationId?: string;
  security?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
type Document = { paths?: object; servers?: unknown[] };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `post /v1/immersion-slots/{id}/close` → `postImmersionSlotsByIdClose` (the version is implied). */
function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((part) => part && part !== 'v1')
    .flatMap((part) => (part.startsWith('{') ? ['by', part.slice(1, -1)] : part.split(/[-_.]/)));
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * What every operation shares, added once rather than in each route: an operationId, the
 * server, `security: []` on public operations, and the errors any request may meet
 * (400 from the HTTP layer, 413/415 for a body, 500/503).
 */
export function completeDocument<T extends Document>(doc: T, serverUrl: string): T {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      op.operationId ??= operationId(method, path);
      op.security ??= [];
      const shared = [400, ...(op.requestBody ? [413, 415] : []), 500, 503];
      op.responses = { ...errorResponsesJson(...shared.filter((s) => !op.responses?.[s])), ...op.responses };
    }
  }
  return { ...doc, servers: [{ url: serverUrl, description: 'This service' }] };
}
