import { loadConfigOrExit } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase } from './migrator.js';

/** `npm run db:migrate`: creates the database if needed, migrates, loads reference data. */
const config = loadConfigOrExit();
const log = createLogger(config, 'migrate');
await prepareDatabase(config.DATABASE_URL, (message) => log.info(message));
