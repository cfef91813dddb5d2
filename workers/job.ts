import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Logger } from '../src/logger.js';
import type { JobName, JobPayload } from '../src/outbox/jobs.js';

export interface JobContext {
  deps: Deps;
  log: Logger;
  /** `outbox-<event id>`: stable across retries and re-dispatches, the idempotency key. */
  jobId: string;
  job: Job;
  /** The queue the job came from (absent when a test calls a processor directly): a job may take over jobs of its kind still waiting there. */
  queue?: Queue;
  /**
   * Stops this queue taking jobs for `ms` (a dependency is down) and returns the error to
   * throw: the job goes back to the head of the queue without counting as a failed attempt.
   */
  pauseQueue(ms: number): Promise<Error>;
}

/** When a repeatable job runs: every N milliseconds, or on a cron pattern. */
export type RepeatSchedule = { every: number } | { pattern: string; tz?: string };

/** A job's processor and queue options; its payload schema is in src/outbox/jobs.ts. */
export interface JobHandler<N extends JobName = JobName> {
  name: N;
  options?: JobsOptions;
  /**
   * Makes the job repeatable: the runtime registers a BullMQ job scheduler (id = job name)
   * that adds it with an empty payload. Such jobs do not go through the outbox.
   */
  repeat?: RepeatSchedule;
  process(payload: JobPayload<N>, ctx: JobContext): Promise<void>;
}

export function defineJob<N extends JobName>(handler: JobHandler<N>): JobHandler<N> {
  return handler;
}

export const defaultJobOptions: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs are kept a while so that a re-dispatched outbox event (same jobId) is ignored.
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
