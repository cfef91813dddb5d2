import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import type { Deps } from '../../deps.js';
import { QUEUE_NAMES } from '../../outbox/jobs.js';

export const QUEUES_DASHBOARD_PATH = '/admin/queues';

/** Bull Board's page loads its own scripts and styles (and injects some inline styles), relative to its `<base href>`. */
const DASHBOARD_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** Bull Board, the BullMQ dashboard: jobs per queue and state, failures with their reasons, retries. */
export function queuesDashboard(queues: Queue[]) {
  const adapter = new HonoAdapter(serveStatic).setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Passerelle' } },
  });
  const plugin = adapter.registerPlugin();
  const router = new Hono();
  router.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      // Its page links a web font on another site: dropped, so that no browser asks for it.
      const page = (await c.res.text()).replace(/<link [^>]*href="https?:\/\/[^"]*"[^>]*>\s*/g, '');
      c.res = new Response(page, c.res);
    }
    c.res.headers.set('content-security-policy', DASHBOARD_CSP);
  });
  router.route('/', plugin);
  return router;
}

/**
 * The queues as the API process sees them, to observe them (metrics, dashboard) — the
 * worker process runs them. They share the API's Redis connection: no socket of their own.
 */
export function observedQueues(deps: Pick<Deps, 'redis' | 'config' | 'log'>): Queue[] {
  return QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection: deps.redis, prefix: deps.config.REDIS_PREFIX });
    queue.on('error', (err) => deps.log.debug({ queue: name, err: err.message }, 'queue connection error'));
    return queue;
  });
}
