import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { getAnonymisedYouth } from './anonymised-youth.js';
import { createYouth } from './create-youth.js';
import { getYouth } from './get-youth.js';
import { searchYouth } from './search-youth.js';
import { updateYouth } from './update-youth.js';
import { anonymisedPreviewSchema, createYouthBody, searchYouthQuery, updateYouthBody, youthListSchema, youthSchema } from './youth.schemas.js';
import { idParam } from '../../http/fields.js';

/** Advisors manage their structure's youth; admins may read every profile (GDPR requests, support), never write. */
const advisor = requireRole('advisor');
const reader = requireRole('advisor', 'admin');

export function youthRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/youth',
      tags: ['Youth'],
      summary: 'Register a young person in your structure (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { body: body(createYouthBody) },
      responses: { 201: json(youthSchema, 'Created'), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(await createYouth(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/youth',
      tags: ['Youth'],
      summary: "Find youth by name (advisor: your structure's; admin: all, read-only)",
      security: secured,
      middleware: [reader] as const,
      request: { query: searchYouthQuery },
      responses: { 200: json(youthListSchema), ...errorResponses(401, 403, 422) },
    }),
    async (c) => c.json(await searchYouth(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/youth/{id}',
      tags: ['Youth'],
      summary: 'One youth profile, with identity and barriers (advisor of their structure, admin)',
      security: secured,
      middleware: [reader] as const,
      request: { params: idParam },
      responses: { 200: json(youthSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getYouth(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/youth/{id}',
      tags: ['Youth'],
      summary: "Edit a youth profile of your structure (advisor); consent is dated by the server",
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, body: body(updateYouthBody) },
      responses: { 200: json(youthSchema), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => c.json(await updateYouth(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/youth/{id}/anonymised',
      tags: ['Youth'],
      summary: 'What an employer would see of this youth before accepting them',
      security: secured,
      middleware: [reader] as const,
      request: { params: idParam },
      responses: { 200: json(anonymisedPreviewSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getAnonymisedYouth(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  return router;
}
