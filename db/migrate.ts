import { loadConfigOrExit } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDb } from './client.js';
import { ensureDatabase, runMigrations } from './migrator.js';
import { loadReferenceData } from './reference.js';

/** `npm run db:migrate`: creates the database if needed, migrates, loads reference data. */
const config = loadConfigOrExit();
const log = createLogger(config, 'migrate');
await ensureDatabase(config.DATABASE_URL);
await runMigrations(config.DATABASE_URL);
log.info('migrations applied');
const { sql } = createDb(config.DATABASE_URL, { max: 1 });
await loadReferenceData(sql, (message) => log.info(message));
await sql.end();
