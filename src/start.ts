import { prepareDatabase } from '../db/migrator.js';
import { startWorkerRuntime } from '../workers/runtime.js';
import { loadConfigOrExit } from './config.js';
import { createDeps } from './deps.js';
import { DEMO_PASSWORD, seed } from './seed/seed.js';
import { onShutdown, startServer } from './server.js';

/**
 * `npm start`: everything in one process for a developer machine: migrations and reference
 * data, then the API and the worker. In production they run as separate processes.
 * `npm run demo` (`--demo`) also fills an empty database with the demo territory first.
 */
const config = loadConfigOrExit();
const deps = createDeps(config);
await prepareDatabase(config.DATABASE_URL, (message) => deps.log.info(message));
if (process.argv.includes('--demo')) {
  const result = await seed(deps, { onProgress: (e) => e.kind === 'step' && deps.log.info(`demo territory ${e.index}/${e.total}: ${e.label}`) });
  deps.log.info(result.created ? `demo territory created (accounts: see the README, password ${DEMO_PASSWORD})` : 'database not empty: demo territory not created');
}
await deps.search.setup();
const worker = await startWorkerRuntime(deps);
const http = await startServer(deps);
deps.log.info(`Passerelle is up: ${config.PUBLIC_BASE_URL}/docs`);
onShutdown(deps.log, async () => {
  await http.stop();
  await worker.close();
  await deps.close();
});
