import type { JobsOptions, Queue } from 'bullmq';
import type { Deps } from '../src/deps.js';
import { jobContracts, type JobName, type QueueName } from '../src/outbox/jobs.js';
import { defaultJobOptions, type JobHandler } from './job.js';

const BATCH = 500;

interface PendingEvent {
  id: number;
  type: string;
  payload: unknown;
}

/**
 * Hands due outbox events to BullMQ, oldest first (scheduled ones once their time has come:
 * the polling interval bounds how late). An event is marked dispatched only once
 * Redis has accepted its job; the job id is derived from the event id, so an event handed
 * over twice (crash between the two steps) is still one job.
 */
export function createOutboxDispatcher(
  deps: Deps,
  queues: Record<QueueName, Queue>,
  handlers: Map<string, JobHandler>,
) {
  const { sql, log, config } = deps;
  let running = false;
  /** Set while Redis refuses jobs, so that an outage is logged once, not at every poll. */
  let failing = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let current: Promise<void> = Promise.resolve();

  async function dispatchBatch(): Promise<number> {
    return sql.begin(async (tx) => {
      const rows = await tx<PendingEvent[]>`
        select id::int as id, type, payload from outbox_events
        where dispatched_at is null and cancelled_at is null and run_at <= now()
        order by id limit ${BATCH} for update skip locked`;
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, { name: string; data: unknown; opts: JobsOptions }[]>();
      const unknown: number[] = [];
      for (const row of rows) {
        const contract = jobContracts[row.type as JobName];
        if (!contract) {
          unknown.push(row.id);
          continue;
        }
        const opts = { ...defaultJobOptions, ...handlers.get(row.type)?.options, jobId: `outbox-${row.id}` };
        const list = byQueue.get(contract.queue) ?? [];
        list.push({ name: row.type, data: row.payload, opts });
        byQueue.set(contract.queue, list);
      }
      try {
        for (const [queue, jobs] of byQueue) await queues[queue].addBulk(jobs);
      } catch (err) {
        // Recorded (and committed) on the events, which stay pending for the next pass.
        const message = err instanceof Error ? err.message : String(err);
        await tx`update outbox_events set attempts = attempts + 1, last_error = ${message}
                 where id in ${tx(rows.map((r) => r.id))}`;
        if (!failing) log.warn({ err: message, pending: rows.length }, 'outbox dispatch failed; will retry');
        failing = true;
        return 0;
      }
      if (unknown.length > 0) {
        // Set aside (not retried) but kept with the reason, for someone to look at.
        log.error({ ids: unknown }, 'outbox events of unknown type set aside');
        await tx`update outbox_events set dispatched_at = now(), last_error = 'unknown job type'
                 where id in ${tx(unknown)}`;
      }
      const sent = rows.filter((r) => !unknown.includes(r.id)).map((r) => r.id);
      if (sent.length > 0) {
        await tx`update outbox_events set dispatched_at = now(), attempts = attempts + 1, last_error = null
                 where id in ${tx(sent)}`;
      }
      if (failing) log.info('outbox dispatch recovered');
      failing = false;
      // A full batch means there may be more waiting.
      return rows.length === BATCH ? rows.length : 0;
    });
  }

  /** Drains the outbox; concurrent calls coalesce into one more pass. */
  function dispatch(): Promise<void> {
    if (running) {
      again = true;
      return current;
    }
    running = true;
    current = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await dispatchBatch()) > 0);
        } while (again && !stopped);
      } catch (err) {
        log.warn({ err: err instanceof Error ? err.message : err }, 'outbox dispatch failed; will retry');
      } finally {
        running = false;
      }
    })();
    return current;
  }

  return {
    dispatch,
    async start() {
      const listener = await sql.listen('outbox', () => void dispatch());
      unlisten = listener.unlisten;
      const tick = () => {
        if (stopped) return;
        void dispatch().finally(() => {
          if (!stopped) timer = setTimeout(tick, config.OUTBOX_POLL_MS);
        });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten?.().catch(() => {});
      await current;
    },
  };
}
