import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { createMiddleware } from 'hono/factory';
import type { Deps } from './deps.js';
import { createRouter } from './http/context.js';
import type { AppEnv } from './http/context.js';
import { authenticate } from './http/auth.js';
import { AppError, ValidationError } from './core/errors.js';
import { onError, problemResponse } from './http/problem.js';
import { opsRoutes } from './modules/ops/ops.routes.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { offersRoutes } from './modules/offers/offers.routes.js';
import { immersionSlotsRoutes } from './modules/immersion-slots/immersion-slots.routes.js';
import { youthRoutes } from './modules/youth/youth.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { immersionsRoutes } from './modules/immersions/immersions.routes.js';
import { immersionPagesRoutes } from './modules/immersions/immersion-pages.routes.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Where a NUL character hides in a JSON value: Postgres cannot store it in text. */
function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = nulPath(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Bodies of writes must be JSON (else 415; HTML forms of the public pages excepted) and well-formed (else 400); no value, in the body
 * or the query, may hold a NUL character (422 naming the field) — Postgres would refuse it.
 */
const checkInput = createMiddleware<AppEnv>(async (c, next) => {
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (values.some((v) => v.includes('\u0000'))) {
      throw ValidationError.field(`query.${key}`, 'invalid_character', 'Text may not contain a NUL character.');
    }
  }
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    // Server-rendered pages outside the API (/sign, /assess) post plain HTML forms.
    const form = !c.req.path.startsWith('/v1/') && /^application\/x-www-form-urlencoded\b/i.test(type);
    if (hasBody && !form && !/^application\/(.+\+)?json\b/i.test(type)) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json.');
    }
    if (hasBody && !form) {
      // Parsed once here; Hono caches it for the route's validator.
      const body = await c.req.json().catch((err: unknown) => {
        if (err instanceof SyntaxError) throw new AppError('malformed_json', 'The request body is not valid JSON.');
        throw err;
      });
      const path = nulPath(body);
      if (path) throw ValidationError.field(path.join('.'), 'invalid_character', 'Text may not contain a NUL character.');
    }
  }
  return next();
});

export function createApp(deps: Deps) {
  const app = createRouter();

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('log', deps.log.child({ requestId: c.get('requestId') }));
    await next();
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problemResponse(c, 'payload_too_large', 'The request body is over 1 MiB.') }));
  app.use('*', checkInput);
  app.use('/v1/*', authenticate);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Token from POST /v1/auth/login',
  });

  app.route('/', opsRoutes());
  app.route('/', accountsRoutes(deps));
  app.route('/', referenceRoutes());
  app.route('/', offersRoutes());
  app.route('/', immersionSlotsRoutes());
  app.route('/', youthRoutes());
  app.route('/', searchRoutes());
  app.route('/', immersionsRoutes());
  app.route('/', immersionPagesRoutes());

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle API',
      version: '0.1.0',
      description:
        'Connects young people supported by Missions Locales with employers. Every error is application/problem+json with a stable `code`.',
    },
  });
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Passerelle API' }));

  app.notFound((c) => problemResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
