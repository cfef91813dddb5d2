import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer, jsonResponse } from '../../http/openapi.js';
import {
  offerHitSchema,
  offerSearchQuery,
  searchPage,
  slotHitSchema,
  slotSearchQuery,
  youthHitSchema,
  youthSearchQuery,
} from './search.schemas.js';
import { searchImmersionSlots, searchOffers, searchYouth } from './search.js';

const place =
  'Text is typo- and accent-tolerant. `commune` (INSEE) or `lat`/`lon` with `radius` (km, ≤ 200, default 10) ' +
  'filter by distance; each hit carries `distanceKm`. With text, results come by relevance; with a place and no text, by distance.';

export function searchRoutes() {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search/offers',
      tags: ['Search'],
      summary: 'Search published offers (employers: their own offers, any status)',
      description: place,
      security: bearer,
      middleware: [requireRole()] as const,
      request: { query: offerSearchQuery },
      responses: { 200: jsonResponse(searchPage(offerHitSchema, 'OfferSearchPage')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await searchOffers(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search/immersion-slots',
      tags: ['Search'],
      summary: 'Search open immersion slots (employers: their own slots)',
      description: place,
      security: bearer,
      middleware: [requireRole()] as const,
      request: { query: slotSearchQuery },
      responses: { 200: jsonResponse(searchPage(slotHitSchema, 'ImmersionSlotSearchPage')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await searchImmersionSlots(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search/youth',
      tags: ['Search'],
      summary: "Search your structure's youth (advisors): anonymised hits with the youth id",
      description: `${place} Only youth who consented to share their anonymised profile are found.`,
      security: bearer,
      middleware: [requireRole('advisor')] as const,
      request: { query: youthSearchQuery },
      responses: { 200: jsonResponse(searchPage(youthHitSchema, 'YouthSearchPage')), ...errorResponses(401, 403, 422) },
    }),
    async (c) => c.json(await searchYouth(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  return router;
}
