import { loadConfigOrExit } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { startWorkerRuntime } from './runtime.js';

/** `npm run worker`: the job process. Stops cleanly on SIGTERM/SIGINT. */
const config = loadConfigOrExit();
const deps = createDeps(config);
await deps.search.setup();
const runtime = await startWorkerRuntime(deps);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'worker stopping: finishing running jobs');
    await runtime.close();
    await deps.close();
    process.exit(0);
  });
}
