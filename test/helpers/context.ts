import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../workers/runtime.js';
import { employers, structures, users } from '../../db/schema/index.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { completeSiret } from '../../src/domain/siret.js';
import { databaseUrl, TEST_REDIS_URL, TEST_SERVER_URL } from './env.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

export interface TestContextOptions {
  /** Start a real SMTP sink and point the mailer at it. */
  smtp?: boolean;
  /** Start the worker runtime (queues, workers, outbox dispatcher) in this process. */
  worker?: boolean;
  /** Extra environment for the config (e.g. a REDIS_URL through a proxy). */
  env?: Record<string, string>;
  /** Reach this context's database on another port (a proxy) for the Postgres search engine. */
  searchDatabasePort?: number;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * One test file's world: its own database (a clone of the migrated template), its own Redis
 * key prefix, the real app, and optionally a real SMTP sink and the worker.
 */
export async function createTestContext(options: TestContextOptions = {}) {
  const id = randomBytes(5).toString('hex');
  const dbName = `passerelle_run_${inject('runId')}_${id}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}" template "${inject('templateDb')}"`);
  await admin.end();

  const smtp: SmtpSink | undefined = options.smtp ? await startSmtpSink() : undefined;
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${id}`,
    PUBLIC_BASE_URL: 'http://passerelle.test',
    OUTBOX_POLL_MS: '50',
    MAIL_DIR: `var/test-mail/${id}`,
    ...(smtp ? { SMTP_URL: smtp.url } : {}),
    ...(options.searchDatabasePort ? { SEARCH_DATABASE_URL: withPort(databaseUrl(dbName), options.searchDatabasePort) } : {}),
    ...options.env,
  });
  const deps: Deps = createDeps(config, { log: createLogger(config, 'test') });
  // As a server that has been up a moment: Redis connected, when it is reachable at all.
  if (deps.redis.status !== 'ready') {
    await Promise.race([once(deps.redis, 'ready'), new Promise((r) => setTimeout(r, 2000).unref())]).catch(() => {});
  }
  const app = createApp(deps);
  let worker: WorkerRuntime | undefined = options.worker ? await startWorkerRuntime(deps) : undefined;

  async function request<T = any>(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(body));
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  let counter = 0;
  const unique = (label: string) => `${label}-${id}-${++counter}`;

  /** Creates an active account directly in the database and logs it in. */
  async function userWithToken(
    role: 'admin' | 'advisor' | 'organiser' | 'employer',
    attach: { structureId?: string; employerId?: string } = {},
  ) {
    const email = `${unique(role)}@example.test`;
    const password = 'a long enough password';
    let { structureId, employerId } = attach;
    if ((role === 'advisor' || role === 'organiser') && !structureId) structureId = (await structure()).id;
    if (role === 'employer' && !employerId) employerId = (await employer()).id;
    const [user] = await deps.db
      .insert(users)
      .values({
        email,
        firstName: 'Test',
        lastName: role,
        role,
        structureId,
        employerId,
        status: 'active',
        passwordHash: await hashPassword(password),
      })
      .returning();
    const res = await request('POST', '/v1/auth/login', { json: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
    return { user: user!, email, password, token: res.body.token as string };
  }

  async function structure(name = unique('Mission Locale')) {
    const [row] = await deps.db.insert(structures).values({ name }).returning();
    return row!;
  }

  let siretSeq = 0;
  async function employer(name = unique('Employeur')) {
    const [row] = await deps.db.insert(employers).values({ name, siret: validSiret(`${id}`.slice(0, 6), ++siretSeq) }).returning();
    return row!;
  }

  async function close() {
    await worker?.close();
    worker = undefined;
    await deps.close();
    await smtp?.close();
    await scanKeys(deps.config).catch(() => {});
    const admin2 = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin2.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin2.end();
  }

  return {
    id,
    config,
    deps,
    app,
    smtp,
    get worker() {
      return worker;
    },
    async startWorker() {
      worker ??= await startWorkerRuntime(deps);
      return worker;
    },
    async stopWorker() {
      await worker?.close();
      worker = undefined;
    },
    request,
    unique,
    userWithToken,
    structure,
    employer,
    close,
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/** createTestContext + afterAll(close), for the common case. */
export async function useTestContext(options: TestContextOptions = {}) {
  const ctx = await createTestContext(options);
  afterAll(() => ctx.close());
  return ctx;
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/** Deletes this context's Redis keys (queues, rate-limit counters). */
async function scanKeys(config: Config) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // contexts whose Redis is unreachable on purpose
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A SIRET with a valid Luhn checksum, unique within a context. */
export function validSiret(seed: string, n: number): string {
  const digits = (seed.replace(/\D/g, '') + String(n).padStart(7, '0')).slice(-12);
  return completeSiret(`9${digits.padStart(12, '1')}`);
}
