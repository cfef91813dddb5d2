import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * Errors are logged without the values they carry: a failed query's parameters (drizzle
 * puts them in the message) and Postgres' `detail` ("Key (email)=(…)") would write personal
 * data to the logs. What is kept — class, SQLSTATE, constraint, query text, stack — is
 * enough to debug.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { query?: string; params?: unknown; code?: string; constraint_name?: string; cause?: unknown };
  // The stack starts with the message (values included): keep only its frames.
  const frames = e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8);
  const base: Record<string, unknown> = { type: e.name, stack: frames?.join('\n') };
  if (typeof e.query === 'string' && 'params' in e) {
    const cause = e.cause instanceof Error ? (e.cause as Error & { code?: string; constraint_name?: string }) : undefined;
    return { ...base, message: 'Failed query', query: e.query, code: cause?.code, constraint: cause?.constraint_name, cause: cause?.message };
  }
  if (e.name === 'PostgresError') return { ...base, message: e.message, code: e.code, constraint: e.constraint_name };
  return { ...base, message: e.message, ...(e.code ? { code: e.code } : {}) };
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name = 'passerelle'): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    serializers: { err: serializeError },
    redact: { paths: ['password', '*.password', 'token', '*.token', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
