import { prepareDatabase } from '../db/migrator.js';
import { startWorkerRuntime, type WorkerRuntime } from '../workers/runtime.js';
import { loadConfigOrExit } from './config.js';
import { createDeps } from './deps.js';
import { watchDependencies } from './modules/ops/dependencies.js';
import { seed } from './seed/seed.js';
import { onShutdown, startServer, untilDone } from './server.js';

/**
 * `npm start`: everything in one process for a developer machine. HTTP is served at once,
 * whatever the state of Postgres, Redis or the search engine (`/readyz` tells which is
 * missing); migrations, reference data, the search set-up and the worker follow as soon as
 * what they need answers. In production the API and the worker run as separate processes.
 * `npm run demo` (`--demo`) also fills an empty database with the demo territory first.
 */
const config = loadConfigOrExit();
const deps = createDeps(config);
const watcher = watchDependencies(deps);
const http = await startServer(deps);
deps.log.info(`Passerelle is up: ${config.PUBLIC_BASE_URL}/docs`);

let stopping = false;
let worker: WorkerRuntime | undefined;
const preparing = (async () => {
  const prepared = await untilDone(deps.log, 'database migration', () => !stopping, async () => {
    await prepareDatabase(config.DATABASE_URL, (message) => deps.log.info(message));
  });
  if (!prepared) return;
  if (process.argv.includes('--demo')) {
    const result = await seed(deps, { onProgress: (e) => e.kind === 'step' && deps.log.info(`demo territory ${e.index}/${e.total}: ${e.label}`) });
    deps.log.info(result.created ? `demo territory created. ${result.logins}` : 'database not empty: demo territory not created');
  }
  if (!(await untilDone(deps.log, 'search engine set-up', () => !stopping, () => deps.search.setup()))) return;
  worker = await startWorkerRuntime(deps);
  if (stopping) await worker.close();
})();
preparing.catch((err) => deps.log.error({ err }, 'start-up failed'));

onShutdown(deps.log, async () => {
  stopping = true;
  watcher.stop();
  await http.stop();
  await worker?.close();
  await deps.close();
});
