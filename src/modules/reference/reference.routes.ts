import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { jsonResponse as json } from '../../http/openapi.js';
import { communeList, communesQuery, romeList, romeQuery } from './reference.schemas.js';
import { searchCommunes } from './search-communes.js';
import { searchRome } from './search-rome.js';
import { referenceRateLimit } from './rate-limit.js';
import type { Deps } from '../../deps.js';

/** Public open data (INSEE, La Poste, France Travail): no token needed, and caches may keep it. */
const CACHE_CONTROL = 'public, max-age=3600';

/** Times a search for the metrics (the reference data is always searched in PostgreSQL). */
export type TimeSearch = <R>(engine: string, operation: string, search: () => Promise<R>) => Promise<R>;

export function referenceRoutes(deps: Deps, timeSearch: TimeSearch) {
  const router = createRouter();
  const limited = referenceRateLimit(deps);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/ref/communes',
      tags: ['Reference data'],
      summary: 'Search communes by name or postcode (public)',
      description:
        'One item per INSEE code with all its postcodes. Ranking: exact name, name prefix, a later word of the name, then one typo; ties by population.',
      middleware: [limited] as const,
      request: { query: communesQuery },
      responses: { 200: json(communeList), ...errorResponses(422, 429) },
    }),
    async (c) => {
      const result = await timeSearch('postgres', 'ref_communes', () => searchCommunes(c.get('deps'), c.req.valid('query')));
      c.header('Cache-Control', CACHE_CONTROL);
      return c.json(result, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/ref/rome',
      tags: ['Reference data'],
      summary: 'Search ROME occupations by job title or code (public)',
      description:
        'ROME 4.0 codes and job titles (appellations). A code or its beginning (`D1102`, `d11`) lists codes; words match labels and titles, one typo tolerated.',
      middleware: [limited] as const,
      request: { query: romeQuery },
      responses: { 200: json(romeList), ...errorResponses(422, 429) },
    }),
    async (c) => {
      const result = await timeSearch('postgres', 'ref_rome', () => searchRome(c.get('deps'), c.req.valid('query')));
      c.header('Cache-Control', CACHE_CONTROL);
      return c.json(result, 200);
    },
  );

  return router;
}
