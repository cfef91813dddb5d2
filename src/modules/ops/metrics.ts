import type { Queue } from 'bullmq';
import { createMiddleware } from 'hono/factory';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Deps } from '../../deps.js';
import type { SearchEngine } from '../../adapters/search/index.js';
import type { AppEnv } from '../../http/context.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/**
 * Prometheus metrics of this API process, in its own registry (no global state): HTTP
 * latency per route and status, and — read from Redis and Postgres when scraped, so that
 * they cover the worker too — queue depths and failures, the outbox backlog and the age of
 * its oldest event, mails sent and failed; and the latency of each search per engine.
 */
export function createMetrics(deps: Deps, queues: Queue[]) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'passerelle_' });

  const httpDuration = new Histogram({
    name: 'passerelle_http_request_duration_seconds',
    help: 'HTTP request latency, per route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const searchDuration = new Histogram({
    name: 'passerelle_search_duration_seconds',
    help: 'Search engine latency, per engine, index searched and outcome.',
    labelNames: ['engine', 'operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  new Gauge({
    name: 'passerelle_queue_jobs',
    help: 'Jobs per queue and state (BullMQ).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...JOB_STATES).catch(() => undefined); // Redis down: no sample
        for (const state of JOB_STATES) if (counts) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });

  const outbox = async () =>
    (
      await deps.sql<{ pending: number; oldest: number | null; sent: number }[]>`
        select (select count(*)::int from outbox_events where dispatched_at is null) as pending,
               (select extract(epoch from now() - min(created_at))::float from outbox_events where dispatched_at is null) as oldest,
               (select count(*)::int from mail_deliveries) as sent`
    )[0];
  new Gauge({
    name: 'passerelle_outbox_pending_events',
    help: 'Outbox events not yet handed to a queue.',
    registers: [registry],
    async collect() {
      const row = await outbox().catch(() => undefined);
      if (row) this.set(row.pending);
    },
  });
  new Gauge({
    name: 'passerelle_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox event not yet handed to a queue (0 when none).',
    registers: [registry],
    async collect() {
      const row = await outbox().catch(() => undefined);
      if (row) this.set(row.oldest ?? 0);
    },
  });
  new Counter({
    name: 'passerelle_mails_sent_total',
    help: 'E-mails delivered (recorded deliveries).',
    registers: [registry],
    async collect() {
      const row = await outbox().catch(() => undefined);
      if (row) {
        this.reset();
        this.inc(row.sent);
      }
    },
  });
  new Gauge({
    name: 'passerelle_mails_failed',
    help: 'Mail jobs that failed for good and wait in the mail queue.',
    registers: [registry],
    async collect() {
      const mail = queues.find((q) => q.name === 'mail');
      const counts = await mail?.getJobCounts('failed').catch(() => undefined);
      if (counts) this.set(counts.failed ?? 0);
    },
  });

  /** Times one search: `engine` is what answered it (postgres or meilisearch), `operation` what was searched. */
  async function timeSearch<R>(engine: string, operation: string, search: () => Promise<R>): Promise<R> {
    const end = searchDuration.startTimer({ engine, operation });
    try {
      const result = await search();
      end({ outcome: 'ok' });
      return result;
    } catch (err) {
      end({ outcome: 'error' });
      throw err;
    }
  }

  /** The engine with each search timed: every module that searches (search routes, suggestions, candidates) goes through it. */
  function timeSearches(engine: SearchEngine): SearchEngine {
    const timed =
      <Q, R>(operation: string, search: (query: Q) => Promise<R>) =>
      (query: Q): Promise<R> =>
        timeSearch(engine.name, operation, () => search(query));
    return {
      ...engine,
      searchOffers: timed('offers', engine.searchOffers),
      searchImmersionSlots: timed('immersion_slots', engine.searchImmersionSlots),
      searchYouth: timed('youth', engine.searchYouth),
    };
  }

  return {
    registry,
    timeSearch,
    timeSearches,
    /** Times every request; the label is the route pattern (`/v1/youth/:id`), never the raw path. */
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      const end = httpDuration.startTimer();
      await next();
      const route = c.req.routePath && c.req.routePath !== '/*' && c.req.routePath !== '*' ? c.req.routePath : 'unmatched';
      end({ method: c.req.method, route, status: String(c.res.status) });
    }),
  };
}
