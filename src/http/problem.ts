import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';
import { AppError, errorCatalog, type ErrorCode } from '../core/errors.js';

/** The problem+json document of an error code. */
export function problemBody(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  const { status, title } = errorCatalog[code];
  return { type: `https://passerelle.dev/problems/${code}`, title, status, detail, code, ...extra };
}

export function problemResponse(c: Context<AppEnv>, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  const { status } = errorCatalog[code];
  const body = problemBody(code, detail, { instance: c.req.path, requestId: c.get('requestId'), ...extra });
  // Through the context, so that headers set earlier (x-request-id) are kept.
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (typeof extra.retryAfter === 'number') headers['retry-after'] = String(extra.retryAfter);
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, headers);
}

/** Every error leaves as application/problem+json; unknown errors as a bare 500. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    if (err.status >= 500) c.get('log')?.error({ err }, err.message);
    return problemResponse(c, err.code, err.message, err.extra);
  }
  if (err instanceof HTTPException) {
    // Hono's own validators and middleware throw these (unreadable body, media type gate).
    if (err.status === 400 && /json/i.test(err.message)) {
      return problemResponse(c, 'malformed_json', 'The request body is not valid JSON.');
    }
    if (err.status === 413) return problemResponse(c, 'payload_too_large', 'The request body is over 1 MiB.');
    if (err.status === 415) return problemResponse(c, 'unsupported_media_type', 'Send the body as application/json.');
    if (err.status === 403) return problemResponse(c, 'forbidden', 'This form may only be sent from its own page.');
    if (err.status >= 400 && err.status < 500) return problemResponse(c, 'bad_request', err.message);
  }
  // Backstops for what validation let through; the message never echoes the values.
  const sqlState = postgresCode(err);
  if (sqlState?.startsWith('22')) {
    c.get('log')?.warn({ err }, 'value refused by the database');
    return problemResponse(c, 'validation_failed', 'A value is outside what can be stored (a date or a number out of range, or a forbidden character).', {
      errors: [{ path: '', code: 'out_of_range', message: 'A value is outside what can be stored.' }],
    });
  }
  if (sqlState === '23505') {
    c.get('log')?.warn({ err }, 'unique constraint');
    return problemResponse(c, 'conflict', 'This already exists (a concurrent request may have created it).');
  }
  if (dependencyDown(err)) {
    // Logged once per outage by the dependency watcher, not at every request.
    c.get('log')?.debug({ err }, 'dependency unavailable');
    return problemResponse(c, 'unavailable', 'The service is starting or a dependency is down. Try again shortly.', { retryAfter: 5 });
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problemResponse(c, 'internal', 'An unexpected error occurred. Quote the request id when reporting it.');
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);

/**
 * A database that cannot be reached, is starting (57P03) or not migrated yet (42P01,
 * undefined table): the request may succeed later, so 503 rather than 500.
 */
function dependencyDown(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (e instanceof AggregateError && e.errors.some(dependencyDown)) return true;
  }
  const sqlState = postgresCode(err);
  return sqlState === '57P03' || sqlState === '42P01';
}

/** The SQLSTATE of a Postgres error, directly or wrapped by drizzle. */
function postgresCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.name === 'PostgresError' && typeof code === 'string') return code;
  }
  return undefined;
}
