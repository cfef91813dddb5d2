import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError, ValidationError } from '../core/errors.js';
import type { AppEnv } from './context.js';

/** Deeper than this, a JSON body is not a form someone filled in: refused before any walk over it. */
export const MAX_JSON_DEPTH = 32;

/**
 * The media type of a Content-Type header, without its parameters, lower-cased:
 * `application/json ;charset=utf-8` and `application/json;` are both `application/json`
 * (RFC 9110 §8.3 allows whitespace and empty parameters).
 */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

const isJson = (type: string) => /^application\/([\w.-]+\+)?json$/.test(type);

type Finding = { path: string; code: 'invalid_character' | 'too_deep' };

/**
 * Walks a parsed JSON value without recursion (a body nested 10,000 levels deep must not
 * exhaust the stack) and returns the first NUL character, which Postgres cannot store in
 * text, or the first place nested too deep.
 */
export function scanJson(root: unknown): Finding | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path: path.join('.'), code: 'invalid_character' };
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_JSON_DEPTH) return { path: path.join('.'), code: 'too_deep' };
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return { path: [...path, key].join('.'), code: 'invalid_character' };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

const messages = {
  invalid_character: 'Text may not contain a NUL character.',
  too_deep: `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
} as const;

/**
 * Bodies of writes must be JSON (else 415) and well-formed (else 400); no value, in the body
 * or the query, may hold a NUL character (422 naming the field). A JSON body's Content-Type
 * is rewritten to its plain form, so that every later reader agrees it is JSON.
 */
export const checkInput = createMiddleware<AppEnv>(async (c, next) => {
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (key.includes('\u0000') || values.some((v) => v.includes('\u0000'))) {
      throw ValidationError.field(`query.${key.replaceAll('\u0000', '')}`, 'invalid_character', messages.invalid_character);
    }
  }
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const header = c.req.header('content-type');
    const type = mediaType(header ?? '');
    // The public pages' forms post to the API's public routes (which read them as forms).
    const pageForm = type === 'application/x-www-form-urlencoded' && c.req.path.startsWith('/v1/public/');
    if (pageForm) return next();
    if (hasBody && !isJson(type)) throw new AppError('unsupported_media_type', 'Send the body as application/json.');
    if (header !== undefined && isJson(type) && header !== 'application/json') {
      c.req.raw.headers.set('content-type', 'application/json');
    }
    if (hasBody) {
      // Parsed once here; Hono caches it for the route's validator.
      const body = await c.req.json().catch((err: unknown) => {
        if (err instanceof SyntaxError) throw new AppError('malformed_json', 'The request body is not valid JSON.');
        throw err;
      });
      const found = scanJson(body);
      if (found) throw ValidationError.field(found.path, found.code, messages[found.code]);
    }
  }
  return next();
});

/**
 * Refuses a body over `maxSize` bytes. Hono's bodyLimit reads `c.req.raw.body`, which makes
 * @hono/node-server build a web Request and stream for every request, GETs included, and the
 * JSON is then read through that stream: a body announced by its Content-Length (Node's parser
 * holds it to that length) is judged by the header alone; only a chunked one goes through
 * bodyLimit, counted as it streams.
 */
export function limitBody(maxSize: number, onError: (c: Context<AppEnv>) => Response | Promise<Response>) {
  const streamed = bodyLimit({ maxSize, onError });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    const length = c.req.header('content-length');
    if (length !== undefined && Number.parseInt(length, 10) > maxSize) return onError(c);
    return next();
  });
}
