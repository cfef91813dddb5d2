import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';
import { AppError, errorCatalog, type ErrorCode } from './errors.js';

export function problemResponse(c: Context<AppEnv>, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  const { status, title } = errorCatalog[code];
  const body = {
    type: `https://passerelle.dev/problems/${code}`,
    title,
    status,
    detail,
    code,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...extra,
  };
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
    // Hono's own validators throw these for unreadable bodies.
    if (err.status === 400 && /json/i.test(err.message)) {
      return problemResponse(c, 'malformed_json', 'The request body is not valid JSON.');
    }
    if (err.status === 413) return problemResponse(c, 'payload_too_large', 'The request body is over 1 MiB.');
    if (err.status === 400) return problemResponse(c, 'bad_request', err.message);
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problemResponse(c, 'internal', 'An unexpected error occurred. Quote the request id when reporting it.');
}
