import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/context.js';
import type { Deps } from '../../deps.js';
import { checkDependencies } from './dependencies.js';

const checkSchema = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });
const readinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ postgres: checkSchema, redis: checkSchema, search: checkSchema.extend({ engine: z.string() }) }),
  })
  .openapi('Readiness');

export async function readiness(deps: Deps) {
  const { postgres, redis, search } = await checkDependencies(deps);
  const checks = { postgres, redis, search: { ...search, engine: deps.search.name } };
  const ready = [postgres, redis, search].every((c) => c.status === 'up');
  return { status: ready ? ('ready' as const) : ('unavailable' as const), checks };
}

export function opsRoutes() {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['Operations'],
      summary: 'The process is alive',
      responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['Operations'],
      summary: 'Postgres, Redis and the search engine are reachable',
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: readinessSchema } } },
        503: { description: 'A dependency is down; `checks` names it', content: { 'application/json': { schema: readinessSchema } } },
      },
    }),
    async (c) => {
      const result = await readiness(c.get('deps'));
      return result.status === 'ready' ? c.json(result, 200) : c.json(result, 503);
    },
  );
  return router;
}
