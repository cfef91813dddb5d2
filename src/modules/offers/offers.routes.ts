import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { closeOffer, publishOffer } from './change-offer-status.js';
import { createOffer } from './create-offer.js';
import { createOfferBody, offerListQuery, offerSchema, updateOfferBody } from './offers.schemas.js';
import { getOffer, getOfferHistory, listOffers } from './read-offers.js';
import { historySchema } from '../lifecycle/index.js';
import { updateOffer } from './update-offer.js';
import { idParam, listOf } from '../../http/fields.js';

const anyone = requireRole();
/** Writes: the employer's own users and admins; advisors and organisers only read. */
const writers = requireRole('employer', 'admin');

export function offersRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/offers',
      tags: ['Offers'],
      summary: 'Create a job offer (a draft) for your organisation',
      security: secured,
      middleware: [writers] as const,
      request: { body: body(createOfferBody) },
      responses: { 201: json(offerSchema, 'Created'), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(await createOffer(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers',
      tags: ['Offers'],
      summary: "List offers (employer: their organisation's; advisor, organiser: published ones; admin: all)",
      security: secured,
      middleware: [anyone] as const,
      request: { query: offerListQuery },
      responses: { 200: json(listOf(offerSchema, 'OfferList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listOffers(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers/{id}',
      tags: ['Offers'],
      summary: 'One offer, within your scope',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(offerSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getOffer(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/offers/{id}',
      tags: ['Offers'],
      summary: 'Change the fields given',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam, body: body(updateOfferBody) },
      responses: { 200: json(offerSchema), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => c.json(await updateOffer(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/offers/{id}/publish',
      tags: ['Offers'],
      summary: 'Publish a draft, or a closed offer whose expiry date has not passed',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam },
      responses: { 200: json(offerSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await publishOffer(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/offers/{id}/close',
      tags: ['Offers'],
      summary: 'Close a published offer',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam },
      responses: { 200: json(offerSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await closeOffer(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers/{id}/history',
      tags: ['Offers'],
      summary: 'Every change of status: who, from, to, when, why (the organisation and admins)',
      security: secured,
      middleware: [writers] as const,
      request: { params: idParam },
      responses: { 200: json(historySchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getOfferHistory(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  return router;
}
