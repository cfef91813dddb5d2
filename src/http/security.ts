import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.js';

/**
 * What a browser must not do with the API's answers: guess a content type, send the address
 * of the page along, frame it, run anything in it. HTML pages set their own, looser, policy.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const securityHeaders = [
  secureHeaders({ xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' }),
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', API_CSP);
    // Answers about people, and tokens, stay out of every cache (browser, proxy); routes
    // that answer the same to everyone (reference data) set their own Cache-Control.
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  }),
];

/**
 * Cross-origin calls from the browser origins of the configuration only; preflights answered.
 * A request without Origin is no cross-origin call: it skips Hono's cors, which writes a header
 * to c.res before the route answers, so that the route's response is then copied into a new
 * one; it keeps `Vary: Origin` (a cross-origin call to the same URL gets another answer).
 */
export function corsPolicy(origins: readonly string[]) {
  const policy = cors({
    origin: (origin) => (origins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'retry-after', 'allow'],
    maxAge: 600,
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.header('origin') !== undefined) return policy(c, next);
    await next();
    c.header('Vary', 'Origin', { append: true });
  });
}
