import { ensureDatabase, runMigrations } from '../db/migrator.js';
import { loadReferenceData } from '../db/reference.js';
import { startWorkerRuntime } from '../workers/runtime.js';
import { loadConfigOrExit } from './config.js';
import { createDeps } from './deps.js';
import { onShutdown, startServer } from './server.js';

/**
 * `npm start`: everything in one process for a developer machine: migrations and reference
 * data, then the API and the worker. In production they run as separate processes.
 */
const config = loadConfigOrExit();
const deps = createDeps(config);
await ensureDatabase(config.DATABASE_URL);
await runMigrations(config.DATABASE_URL);
await loadReferenceData(deps.sql, (message) => deps.log.info(message));
await deps.search.setup();
const worker = await startWorkerRuntime(deps);
const http = await startServer(deps);
deps.log.info(`Passerelle is up: ${config.PUBLIC_BASE_URL}/docs`);
onShutdown(deps.log, async () => {
  await http.stop();
  await worker.close();
  await deps.close();
});
