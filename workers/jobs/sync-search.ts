import { syncDocuments } from '../../src/modules/search/sources.js';
import { defineJob } from '../job.js';

/** How long the search queue waits before trying again while the engine is unreachable. */
const ENGINE_DOWN_PAUSE_MS = 2000;

/**
 * A write changed what search shows: re-read the row and upsert or remove its document.
 * While the engine is down the queue pauses instead of burning retries, so changes wait in
 * order and apply once it is back.
 */
export const syncSearch = defineJob({
  name: 'sync-search',
  async process({ index, id }, { deps, log, pauseQueue }) {
    try {
      await syncDocuments(deps, index, [id]);
    } catch (err) {
      const reachable = await deps.search.health().then(
        () => true,
        () => false,
      );
      if (reachable) throw err; // a real failure: retried with backoff
      log.warn({ index, id, engine: deps.search.name }, 'search engine unreachable; pausing the search queue');
      throw await pauseQueue(ENGINE_DOWN_PAUSE_MS);
    }
  },
});
