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

// `npm run api`: the API alone (docker-compose runs the worker in its own container).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfigOrExit } = await import('./config.js');
  const { createDeps } = await import('./deps.js');
  const deps = createDeps(loadConfigOrExit());
  await deps.search.setup();
  const http = await startServer(deps);
  onShutdown(deps.log, async () => {
    await http.stop();
    await deps.close();
  });
}
