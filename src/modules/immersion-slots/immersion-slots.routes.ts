import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { closeSlot } from './close-slot.js';
import { createSlot } from './create-slot.js';
import { createSlotBody, slotListQuery, slotSchema, updateSlotBody } from './immersion-slots.schemas.js';
import { getSlot, getSlotHistory, listSlots } from './read-slots.js';
import { historySchema } from '../lifecycle/index.js';
import { updateSlot } from './update-slot.js';
import { idParam, listOf } from '../../http/fields.js';

const anyone = requireRole();
/** Writes: the employer's own users and admins; advisors and organisers only read. */
const writers = requireRole('employer', 'admin');

export function immersionSlotsRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/immersion-slots',
      tags: ['Immersion slots'],
      summary: 'Open an immersion slot (PMSMP) for your organisation',
      security: secured,
      middleware: [writers] as const,
      request: { body: body(createSlotBody) },
      responses: { 201: json(slotSchema, 'Created'), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(await createSlot(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersion-slots',
      tags: ['Immersion slots'],
      summary: "List immersion slots (employer: their organisation's; advisor, organiser: open ones; admin: all)",
      security: secured,
      middleware: [anyone] as const,
      request: { query: slotListQuery },
      responses: { 200: json(listOf(slotSchema, 'ImmersionSlotList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listSlots(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersion-slots/{id}',
      tags: ['Immersion slots'],
      summary: 'One immersion slot, within your scope',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(slotSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getSlot(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/immersion-slots/{id}',
      tags: ['Immersion slots'],
      summary: 'Change the fields given',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam, body: body(updateSlotBody) },
      responses: { 200: json(slotSchema), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => c.json(await updateSlot(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/immersion-slots/{id}/close',
      tags: ['Immersion slots'],
      summary: 'Close an open immersion slot',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam },
      responses: { 200: json(slotSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await closeSlot(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersion-slots/{id}/history',
      tags: ['Immersion slots'],
      summary: 'Every change of status: who, from, to, when, why (the organisation and admins)',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam },
      responses: { 200: json(historySchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getSlotHistory(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  return router;
}
