import type { Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { answerClientErrors } from './http/client-errors.js';
import type { Deps } from './deps.js';

/** Starts the HTTP server; `stop()` stops accepting connections and lets running requests end. */
export function startServer(
  deps: Deps,
  listen: { port?: number } = {},
): Promise<{ server: ServerType; port: number; stop(): Promise<void> }> {
  const app = createApp(deps);
  return new Promise((resolve) => {
    const port = listen.port ?? deps.config.PORT;
    const server = serve({ fetch: app.fetch, port, hostname: deps.config.HOST }, (info) => {
      deps.log.info({ port: info.port, search: deps.search.name }, 'api listening');
      resolve({
        server,
        port: info.port,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    answerClientErrors(server as Server);
  });
}

/** Runs `stop` once on SIGTERM/SIGINT, then exits. */
export function onShutdown(log: Deps['log'], stop: () => Promise<void>) {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        log.error('shutdown took over 20 s; exiting');
        process.exit(1);
      }, 20_000);
      force.unref();
      stop()
        .then(() => process.exit(0))
        .catch((err) => {
          log.error({ err }, 'error during shutdown');
          process.exit(1);
        });
    });
  }
}

/**
 * Runs `step` until it succeeds or `goOn()` turns false; the first failure is logged at
 * `warn`, the next ones at `debug` (the dependency watcher reports the outage itself).
 * Resolves to whether the step succeeded.
 */
export async function untilDone(log: Deps['log'], what: string, goOn: () => boolean, step: () => Promise<unknown>, retryMs = 2000) {
  for (let attempt = 1; goOn(); attempt++) {
    try {
      await step();
      if (attempt > 1) log.warn({ attempts: attempt }, `${what} done`);
      return true;
    } catch (err) {
      if (attempt === 1) log.warn({ err }, `${what} failed; retrying until it succeeds`);
      else log.debug({ err, attempt }, `${what} failed again`);
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
  return false;
}

// `npm run api`: the API alone (docker-compose runs the worker in its own container).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfigOrExit } = await import('./config.js');
  const { createDeps } = await import('./deps.js');
  const { watchDependencies } = await import('./modules/ops/dependencies.js');
  const deps = createDeps(loadConfigOrExit());
  const watcher = watchDependencies(deps);
  const http = await startServer(deps);
  let stopping = false;
  void untilDone(deps.log, 'search engine set-up', () => !stopping, () => deps.search.setup());
  onShutdown(deps.log, async () => {
    stopping = true;
    watcher.stop();
    await http.stop();
    await deps.close();
  });
}
