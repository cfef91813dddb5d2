import { Queue, RateLimitError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { serializeError } from '../src/logger.js';
import { Redis } from 'ioredis';
import type { Deps } from '../src/deps.js';
import { jobContracts, QUEUE_NAMES, type JobName, type QueueName } from '../src/outbox/jobs.js';
import type { JobHandler } from './job.js';
import { createOutboxDispatcher } from './outbox-dispatcher.js';
import { allJobs } from './jobs/index.js';

/** How many jobs of a queue run at once. Search indexing stays sequential to keep order. */
const concurrency: Record<QueueName, number> = { mail: 4, search: 1, maintenance: 1 };

/** Delay before trying again to register the job schedulers when Redis refused. */
const SCHEDULER_RETRY_MS = 5_000;

/** Starts the queues, their workers and the outbox dispatcher. */
export async function startWorkerRuntime(deps: Deps, handlers: JobHandler[] = allJobs) {
  const { config, log } = deps;
  const byName = new Map<string, JobHandler>(handlers.map((h) => [h.name, h]));
  const prefix = config.REDIS_PREFIX;
  // Producers fail fast while Redis is away (the outbox keeps the events);
  // workers wait for it indefinitely, as BullMQ requires.
  const producerConnection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const workerConnection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  for (const c of [producerConnection, workerConnection]) c.on('error', () => {});

  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection: producerConnection, prefix });
      // Without a listener BullMQ prints every connection error; the dispatcher reports outages.
      queue.on('error', (err) => log.debug({ queue: name, err: err.message }, 'queue connection error'));
      return [name, queue];
    }),
  ) as Record<QueueName, Queue>;

  const workersByQueue = new Map<string, Worker>();

  /** A scheduled job cancelled between its hand-over to the queue and now (see cancelJobs). */
  async function cancelledMeanwhile(jobId: string | undefined): Promise<boolean> {
    const outboxId = /^outbox-(\d+)$/.exec(jobId ?? '')?.[1];
    if (!outboxId) return false;
    const [row] = await deps.sql<{ cancelled: boolean }[]>`
      select cancelled_at is not null as cancelled from outbox_events where id = ${outboxId}`;
    return row?.cancelled ?? false;
  }

  async function processJob(job: Job) {
    const handler = byName.get(job.name);
    const contract = jobContracts[job.name as JobName];
    if (!handler || !contract) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const parsed = contract.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    const jobLog = log.child({ job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    if (await cancelledMeanwhile(job.id)) {
      jobLog.info('job cancelled after it was queued; nothing done');
      return;
    }
    const pauseQueue = async (ms: number) => {
      await workersByQueue.get(job.queueName)?.rateLimit(ms);
      return Worker.RateLimitError();
    };
    try {
      const queue = queues[job.queueName as QueueName];
      await handler.process(parsed.data as never, { deps, log: jobLog, jobId: job.id ?? '', job, queue, pauseQueue });
    } catch (err) {
      if (err instanceof RateLimitError || err instanceof UnrecoverableError) throw err;
      // BullMQ keeps the message in Redis as the job's failure reason: only what is safe to keep.
      jobLog.warn({ err }, 'job attempt failed');
      const safe = serializeError(err);
      throw new Error([safe.type, safe.message, safe.code, safe.query].filter(Boolean).join(': '));
    }
  }

  const workers = QUEUE_NAMES.map((name) => {
    const worker = new Worker(name, processJob, {
      connection: workerConnection,
      prefix,
      concurrency: concurrency[name],
    });
    worker.on('failed', (job, err) =>
      log.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, reason: err.message }, 'job failed'),
    );
    worker.on('error', (err) => log.debug({ err: err.message }, 'worker connection error'));
    workersByQueue.set(name, worker);
    return worker;
  });

  const dispatcher = createOutboxDispatcher(deps, queues, byName);
  await dispatcher.start();

  /**
   * Repeatable jobs (handler.repeat) become BullMQ job schedulers, upserted at each start so a
   * changed interval takes effect; schedulers no handler declares any more are removed.
   */
  const repeatable = handlers.filter((h) => h.repeat);
  async function registerSchedulers() {
    for (const handler of repeatable) {
      const queue = queues[jobContracts[handler.name].queue];
      await queue.upsertJobScheduler(handler.name, handler.repeat!, {
        name: handler.name,
        data: {},
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 }, ...handler.options },
      });
    }
    for (const queue of Object.values(queues)) {
      for (const scheduler of await queue.getJobSchedulers()) {
        if (!repeatable.some((h) => h.name === scheduler.key)) await queue.removeJobScheduler(scheduler.key);
      }
    }
  }
  let schedulerRetry: NodeJS.Timeout | undefined;
  async function registerSchedulersUntilDone(): Promise<void> {
    try {
      await registerSchedulers();
    } catch (err) {
      // Redis away at start: the API and the outbox do not wait for it, the schedulers retry.
      log.warn({ err: err instanceof Error ? err.message : err }, 'job schedulers not registered; will retry');
      schedulerRetry = setTimeout(() => void registerSchedulersUntilDone(), SCHEDULER_RETRY_MS);
    }
  }
  await registerSchedulersUntilDone();
  log.info({ queues: QUEUE_NAMES, repeatable: repeatable.map((h) => h.name) }, 'worker started');

  return {
    queues,
    dispatcher,
    async close() {
      clearTimeout(schedulerRetry);
      await dispatcher.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      producerConnection.disconnect();
      workerConnection.disconnect();
    },
  };
}

export type WorkerRuntime = Awaited<ReturnType<typeof startWorkerRuntime>>;
