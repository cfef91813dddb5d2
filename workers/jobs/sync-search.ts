import { syncDocuments } from '../../src/modules/search/sources.js';
import { defineJob } from '../job.js';

/** How long the search queue waits before trying again while the engine is unreachable. */
const ENGINE_DOWN_PAUSE_MS = 2000;
/**
 * A sync that has not finished by then is treated as failed. A query can hang for good on a
 * connection that died in a certain way (seen with postgres.js behind a cut link), and one
 * hung job would otherwise block this sequential queue forever.
 */
const SYNC_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`search sync took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A write changed what search shows: re-read the row and upsert or remove its document.
 * While the engine is down the queue pauses instead of burning retries, so changes wait in
 * order and apply once it is back.
 */
export const syncSearch = defineJob({
  name: 'sync-search',
  async process({ index, id }, { deps, log, pauseQueue }) {
    try {
      await withTimeout(syncDocuments(deps, index, [id]), SYNC_TIMEOUT_MS);
    } catch (err) {
      const reachable = await withTimeout(deps.search.health(), 2000).then(
        () => true,
        () => false,
      );
      if (reachable) throw err; // a real failure: retried with backoff
      log.warn({ index, id, engine: deps.search.name }, 'search engine unreachable; pausing the search queue');
      throw await pauseQueue(ENGINE_DOWN_PAUSE_MS);
    }
  },
});
