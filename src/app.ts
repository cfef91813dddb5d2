import { requestId } from 'hono/request-id';
import type { Deps } from './deps.js';
import { createRouter } from './http/context.js';
import { authenticate, requireRole } from './http/auth.js';
import { createMetrics } from './modules/ops/metrics.js';
import { observedQueues, queuesDashboard, QUEUES_DASHBOARD_PATH } from './modules/ops/queues-dashboard.js';
import { checkInput, limitBody } from './http/input.js';
import { completeDocument } from './http/openapi.js';
import { methodIndex } from './http/methods.js';
import { corsPolicy, securityHeaders } from './http/security.js';
import { onError, problemResponse } from './http/problem.js';
import { opsRoutes } from './modules/ops/ops.routes.js';
import { pageAssets } from './http/pages/layout.js';
import { docsRoutes } from './http/docs.js';
import { accountPages } from './modules/accounts/account-pages.js';
import { adminCookieSession, adminSessionPages } from './modules/accounts/admin-session.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { publicRegistrationRoutes } from './modules/events/public-registration.routes.js';
import { offersRoutes } from './modules/offers/offers.routes.js';
import { immersionSlotsRoutes } from './modules/immersion-slots/immersion-slots.routes.js';
import { youthRoutes } from './modules/youth/youth.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { matchesRoutes } from './modules/matches/matches.routes.js';
import { immersionsRoutes } from './modules/immersions/immersions.routes.js';
import { immersionPagesRoutes } from './modules/immersions/immersion-pages.routes.js';

const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: Deps) {
  const app = createRouter();
  const queues = observedQueues(deps);
  const metrics = createMetrics(deps, queues);
  // What requests reach through their context: the same dependencies, searches timed for /metrics.
  const served: Deps = { ...deps, search: metrics.timeSearches(deps.search) };

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', served);
    c.set('log', deps.log.child({ requestId: c.get('requestId') }));
    await next();
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use('*', metrics.middleware, ...securityHeaders, corsPolicy(deps.config.CORS_ORIGINS));
  app.use(
    '*',
    limitBody(MAX_BODY_BYTES, (c) => {
      // The rest of the body is left unread, so the socket cannot carry another request:
      // say so, rather than promise keep-alive and drop it.
      c.header('connection', 'close');
      return problemResponse(c, 'payload_too_large', 'The request body is over 1 MiB.');
    }),
  );
  app.use('/v1/*', checkInput);
  app.use('/v1/*', authenticate);
  // Operations for admins: the metrics (bearer token) and the queues dashboard (bearer token, or the console's session cookie from a browser).
  app.use('/metrics', authenticate, requireRole('admin'));
  for (const path of [QUEUES_DASHBOARD_PATH, `${QUEUES_DASHBOARD_PATH}/*`]) app.use(path, authenticate, adminCookieSession, requireRole('admin'));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Token from POST /v1/auth/login',
  });

  app.route('/', opsRoutes());
  app.route('/', accountsRoutes(deps));
  app.route('/', referenceRoutes(deps, metrics.timeSearch));
  app.route('/', offersRoutes());
  app.route('/', immersionSlotsRoutes());
  app.route('/', youthRoutes());
  app.route('/', searchRoutes());
  app.route('/', eventsRoutes());
  app.route('/', publicRegistrationRoutes(deps));
  app.route('/', pageAssets());
  app.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  app.route(QUEUES_DASHBOARD_PATH, queuesDashboard(queues));
  app.route('/', accountPages(deps));
  app.route('/', adminSessionPages(deps, QUEUES_DASHBOARD_PATH));
  app.route('/', matchesRoutes());
  app.route('/', immersionsRoutes());
  app.route('/', immersionPagesRoutes());

  let document: unknown;
  // OpenAPI 3.1 names a licence by its SPDX identifier; the router's config type predates it.
  const LICENSE = { name: 'European Union Public Licence 1.2', identifier: 'EUPL-1.2' };
  app.get('/openapi.json', (c) => {
    document ??= completeDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Passerelle API',
          version: '0.1.0',
          license: LICENSE,
          description:
            'Connects young people supported by Missions Locales with employers. Every error is application/problem+json with a stable `code`.',
        },
      }),
      deps.config.PUBLIC_BASE_URL,
    );
    c.header('cache-control', 'no-cache');
    return c.json(document);
  });
  app.route('/', docsRoutes());

  const methods = methodIndex(app);
  app.notFound((c) => {
    const allowed = methods.allowed(c.req.path);
    if (allowed.length === 0) return problemResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
    c.header('allow', allowed.join(', '));
    return problemResponse(c, 'method_not_allowed', `${c.req.path} answers ${allowed.join(', ')}.`);
  });
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
