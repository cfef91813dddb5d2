import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createDb, type Db, type Sql } from '../db/client.js';
import { createMailer, type Mailer } from './adapters/mailer.js';
import { createSearchEngine, type SearchEngine } from './adapters/search/index.js';

/** Everything a process needs, built once at its edge and passed down. */
export interface Deps {
  config: Config;
  log: Logger;
  db: Db;
  sql: Sql;
  /** Fails fast while Redis is unreachable (no offline queue): callers decide what to do. */
  redis: Redis;
  mailer: Mailer;
  search: SearchEngine;
  close(): Promise<void>;
}

export function redisOptions(config: Pick<Config, 'REDIS_URL'>) {
  return { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 } as const;
}

export function createDeps(config: Config, overrides: { log?: Logger } = {}): Deps {
  const log = overrides.log ?? createLogger(config);
  const { db, sql } = createDb(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, redisOptions(config));
  redis.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
  const mailer = createMailer(config, log);
  const search = createSearchEngine(config, sql);
  return {
    config,
    log,
    db,
    sql,
    redis,
    mailer,
    search,
    async close() {
      await search.close();
      mailer.close();
      redis.disconnect();
      await sql.end({ timeout: 5 });
    },
  };
}
