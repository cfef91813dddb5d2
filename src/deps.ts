import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createDb, type Db, type Sql } from '../db/client.js';
import { createMailer, type Mailer } from './adapters/mailer.js';
import { createSearchEngine, type SearchEngine } from './adapters/search/index.js';
import { createOpportunityCache, type OpportunityCache } from './modules/matches/opportunity-cache.js';

/** Everything a process needs, built once at its edge and passed down. */
export interface Deps {
  config: Config;
  log: Logger;
  db: Db;
  sql: Sql;
  /** Fails fast while Redis is unreachable (one retry): callers decide what to do. */
  redis: Redis;
  mailer: Mailer;
  search: SearchEngine;
  /** The offers and slots the matching's retrieval has read, at their version (MATCHING_CACHE_SIZE). */
  opportunities: OpportunityCache;
  close(): Promise<void>;
}

// Commands wait for the first connection, but during an outage they fail after one
// reconnection attempt, or after a second without a reply (a command caught on a socket as it
// dies would otherwise wait for good): login limits then fall back to memory.
const redisOptions = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000 } as const;

/**
 * Session settings of the search pool. random_page_cost suits SSDs: with Postgres' default (4,
 * spinning disks) the planner scans whole tables for rare words instead of using the text index.
 * Search statements read a page: no parallel workers (starting them costs more than the query)
 * and no JIT. The PostgreSQL engine prepares its statements (parsed once per connection) and
 * needs each execution planned for its values, never a generic plan: force_custom_plan.
 */
export const SEARCH_POOL_SETTINGS: Readonly<Record<string, string>> = {
  random_page_cost: '1.1',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
  plan_cache_mode: 'force_custom_plan',
};

export function createDeps(config: Config, overrides: { log?: Logger } = {}): Deps {
  const log = overrides.log ?? createLogger(config);
  const { db, sql } = createDb(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, redisOptions);
  redis.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
  const mailer = createMailer(config, log);
  // The Postgres engine gets its own pool: heavy searches never starve the API's writes.
  const searchDb = config.MEILI_URL
    ? undefined
    : createDb(config.SEARCH_DATABASE_URL ?? config.DATABASE_URL, { max: 5, settings: SEARCH_POOL_SETTINGS });
  const search = createSearchEngine(config, searchDb?.sql ?? sql);
  return {
    config,
    log,
    db,
    sql,
    redis,
    mailer,
    search,
    opportunities: createOpportunityCache(config.MATCHING_CACHE_SIZE),
    async close() {
      await search.close();
      await searchDb?.sql.end({ timeout: 5 });
      mailer.close();
      redis.disconnect();
      await sql.end({ timeout: 5 });
    },
  };
}
