import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/context.js';
import type { Deps } from '../../deps.js';

const checkSchema = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });
const readinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ postgres: checkSchema, redis: checkSchema, search: checkSchema.extend({ engine: z.string() }) }),
  })
  .openapi('Readiness');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

/** The answer names the failing part only; hosts, ports and driver messages go to the log. */
async function check(deps: Deps, name: string, probe: () => Promise<unknown>) {
  try {
    await withTimeout(probe(), 2000);
    return { status: 'up' as const };
  } catch (err) {
    deps.log.warn({ dependency: name, err }, 'readiness check failed');
    return { status: 'down' as const, error: err instanceof Error && /no answer within/.test(err.message) ? 'timeout' : 'unreachable' };
  }
}

export async function readiness(deps: Deps) {
  const [postgres, redis, search] = await Promise.all([
    check(deps, 'postgres', () => deps.sql`select 1`),
    check(deps, 'redis', () => deps.redis.ping()),
    check(deps, 'search', () => deps.search.health()),
  ]);
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
