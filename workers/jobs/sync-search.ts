import type { Job, Queue } from 'bullmq';
import type { IndexName } from '../../src/adapters/search/index.js';
import { syncDocuments } from '../../src/modules/search/sources.js';
import { jobContracts } from '../../src/outbox/jobs.js';
import { defineJob } from '../job.js';

/** How long the search queue waits before trying again while the engine is unreachable. */
const ENGINE_DOWN_PAUSE_MS = 2000;
/**
 * A sync that has not finished by then is treated as failed. A query can hang for good on a
 * connection that died in a certain way (seen with postgres.js behind a cut link), and one
 * hung job would otherwise block this sequential queue forever.
 */
const SYNC_TIMEOUT_MS = 10_000;
/** Waiting sync-search jobs a job takes over: one engine write (one Meilisearch task) per index. */
const DRAIN_BATCH = 500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`search sync took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The oldest sync-search jobs waiting behind this one, with a valid payload. */
async function waitingBehind(queue: Queue | undefined, self: Job): Promise<{ job: Job; index: IndexName; id: string }[]> {
  if (!queue) return [];
  const jobs = await queue.getJobs(['wait'], 0, DRAIN_BATCH - 1, true);
  return jobs.flatMap((job) => {
    if (!job || job.id === self.id || job.name !== 'sync-search') return [];
    const payload = jobContracts['sync-search'].payload.safeParse(job.data);
    return payload.success ? [{ job, ...payload.data }] : []; // a bad one fails on its own turn
  });
}

/**
 * A write changed what search shows: re-read the rows and upsert or remove their documents.
 * The job also takes over the sync-search jobs waiting behind it, so a burst of writes costs
 * one engine write per index and batch rather than one per document. This is safe because a
 * sync reads the current rows: every job listed before the read was dispatched after its
 * write committed, so the read sees that write; the jobs are then removed, and one another
 * worker took meanwhile only syncs its row once more.
 * While the engine is down the queue pauses instead of burning retries, so changes wait in
 * order and apply once it is back.
 */
export const syncSearch = defineJob({
  name: 'sync-search',
  async process({ index, id }, { deps, log, job, queue, pauseQueue }) {
    const behind = await waitingBehind(queue, job);
    const byIndex = new Map<IndexName, Set<string>>([[index, new Set([id])]]);
    for (const other of behind) {
      const ids = byIndex.get(other.index) ?? new Set<string>();
      byIndex.set(other.index, ids.add(other.id));
    }
    try {
      for (const [name, ids] of byIndex) await withTimeout(syncDocuments(deps, name, [...ids]), SYNC_TIMEOUT_MS);
    } catch (err) {
      const reachable = await withTimeout(deps.search.health(), 2000).then(
        () => true,
        () => false,
      );
      if (reachable) throw err; // a real failure: retried with backoff
      log.warn({ index, id, engine: deps.search.name }, 'search engine unreachable; pausing the search queue');
      throw await pauseQueue(ENGINE_DOWN_PAUSE_MS);
    }
    if (behind.length > 0) {
      // A job another worker holds cannot be removed: it will sync its row again, harmlessly.
      await Promise.all(behind.map(({ job: other }) => other.remove().catch(() => undefined)));
      log.debug({ taken: behind.length }, 'search sync took over waiting jobs');
    }
  },
});
