import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonResponse as json } from '../../http/openapi.js';
import { idParam } from '../../http/fields.js';
import { candidatesForOffer, candidatesForSlot } from './candidates.js';
import { candidatesQuery, candidatesSchema, suggestionsQuery, suggestionsSchema } from './matches.schemas.js';
import { suggestForYouth } from './suggestions.js';

/** Suggestions and candidates are the advisor's work: an employer (or anyone else) gets 403. */
const advisor = requireRole('advisor');

export function matchesRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/youth/{id}/suggestions',
      tags: ['Matching'],
      summary: 'Ranked, explained offers or immersion slots for a youth of your structure (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: suggestionsQuery },
      responses: { 200: json(suggestionsSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await suggestForYouth(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers/{id}/candidates',
      tags: ['Matching'],
      summary: 'The youth of your structure who consented, ranked for this offer (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: candidatesQuery },
      responses: { 200: json(candidatesSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await candidatesForOffer(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersion-slots/{id}/candidates',
      tags: ['Matching'],
      summary: 'The youth of your structure who consented, ranked for this immersion slot (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: candidatesQuery },
      responses: { 200: json(candidatesSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await candidatesForSlot(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  return router;
}
