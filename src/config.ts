import { z } from 'zod';

/**
 * The only place that reads process.env. Every value has a default that works on a
 * developer's machine (local Postgres and Redis, Postgres search, mail written to files).
 */
const booleanish = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/passerelle'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key (queues, rate limits): lets several instances share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('passerelle'),
  /**
   * Database of the PostgreSQL search engine (its own connection pool); defaults to
   * DATABASE_URL. Ignored when MEILI_URL is set.
   */
  SEARCH_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Unset: the PostgreSQL search engine is used. */
  MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Unset: e-mails are written as .eml files to MAIL_DIR and logged. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Passerelle <no-reply@passerelle.local>'),
  MAIL_DIR: z.string().min(1).default('var/mail'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  /** Lifetime of a bearer token, in hours. */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Lifetime of an invitation (set-password) link, in hours. */
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  /** Lifetime of an immersion agreement's signature or assessment link, in days. */
  IMMERSION_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** How long after a signature link was sent the advisor may send it again, in minutes. */
  IMMERSION_LINK_RESEND_COOLDOWN_MINUTES: z.coerce.number().int().min(0).default(15),
  /** Lifetime of a "forgot my password" link, in minutes. */
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  /** Login brute-force limits, failed attempts allowed per window: per e-mail from one address, */
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  /** per e-mail from every address that never logged in to that account (its owner's do not count), */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
  /** and per address across e-mails. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Requests per minute and client address on the public reference routes (/v1/ref/*). */
  REFERENCE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /**
   * Browser origins allowed to call the API across origins (CORS), comma-separated, e.g.
   * `https://app.example.org,https://admin.example.org`. Unset: none.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }).refine((o) => new URL(o).origin === o, { error: 'An origin: scheme, host and port only, no path.' }))),
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you run). */
  TRUST_PROXY: booleanish.default(false),
  /** How often Postgres, Redis and the search engine are checked, to log outages when they start and end. */
  DEPENDENCY_CHECK_MS: z.coerce.number().int().min(50).default(5000),
  /** How often the outbox dispatcher looks for undelivered events, in milliseconds. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(500),
  /** How long outbox rows are kept once handed to the queue or cancelled, in days. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** How long a public event registration waits for the link of its e-mail to be followed (double opt-in), in hours. */
  EVENT_HOLD_HOURS: z.coerce.number().min(0.01).max(24 * 14).default(24),
  /** Public event registration requests allowed per hour from one client address, */
  PUBLIC_REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** and for one e-mail address (whichever address they come from). */
  PUBLIC_REGISTRATIONS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Days after a proposal without an answer before the employer is reminded. */
  MATCH_REMINDER_DAYS: z.coerce.number().min(0).default(7),
  /** Days after a proposal without an answer before it expires. */
  MATCH_EXPIRY_DAYS: z.coerce.number().min(0).default(14),
  /**
   * Offers and slots the matching's retrieval keeps in memory per process (their scoring view and
   * summary, about 1 kB each), so that a page of suggestions ships only ids and versions for them;
   * 0 keeps none. The least recently used leave first.
   */
  MATCHING_CACHE_SIZE: z.coerce.number().int().min(0).default(100_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(`Invalid configuration:\n${lines.join('\n')}`);
  }
}

/** Parses the environment; on failure throws a ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" (docker-compose often passes VAR= ).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = cleaned[name];
    return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
  });
  throw new ConfigError(lines);
}

/** For process entry points: prints the bad variables and exits instead of a stack trace. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.lines) process.stderr.write(`config error: ${line}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
