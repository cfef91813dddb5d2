import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestContext } from './helpers/context.js';
import { eventually } from './helpers/eventually.js';
import { TEST_REDIS_URL, TEST_SERVER_URL } from './helpers/env.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

const t = await useTestContext();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('npm start', () => {
  // Bounds for a loaded machine (a child process compiles TypeScript and migrates), not timings.
  it('serves /healthz, /readyz and /docs, then stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
      // Only what the process needs: a developer's MEILI_URL or SMTP_URL must not leak in.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        MAIL_DIR: t.config.MAIL_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
      // Served before the migrations and the worker: ready once they are done.
      await eventually(async () => {
        const ready = await fetch(`${base}/readyz`);
        expect(await ready.json()).toMatchObject({ status: 'ready' });
      }, 60_000);
      const docs = await fetch(`${base}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('/openapi.json');
      await eventually(async () => expect(output).toContain('worker started'), 60_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
  });
});

describe('npm start with its dependencies down', () => {
  it('serves at once, says what is missing, logs each outage once at warn, and catches up when they return', { timeout: 120_000 }, async () => {
    const pg = new URL(TEST_SERVER_URL);
    const redis = new URL(TEST_REDIS_URL);
    const pgProxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
    const redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    pgProxy.cut();
    redisProxy.cut();
    const port = await freePort();
    const database = new URL(t.config.DATABASE_URL);
    database.hostname = '127.0.0.1';
    database.port = String(pgProxy.port);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: database.toString(),
        REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        MAIL_DIR: t.config.MAIL_DIR,
        DEPENDENCY_CHECK_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const warnings = (msg: string) => output.split('\n').filter((l) => l.includes('"level":40') && l.includes(`"msg":"${msg}"`));
    try {
      const base = `http://127.0.0.1:${port}`;
      await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 60_000);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).checks).toMatchObject({ postgres: { status: 'down' }, redis: { status: 'down' } });
      const login = await fetch(`${base}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'someone@example.test', password: 'a password' }),
      });
      expect(login.status).toBe(503);
      expect(login.headers.get('content-type')).toBe('application/problem+json');
      await eventually(async () => expect(warnings('redis is down')).toHaveLength(1), 60_000);
      await eventually(async () => expect(warnings('postgres is down')).toHaveLength(1), 60_000);

      pgProxy.restore();
      redisProxy.restore();
      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 60_000);
      await eventually(async () => expect(output).toContain('worker started'), 60_000);
      await eventually(async () => expect(warnings('redis is back')).toHaveLength(1), 60_000);
      expect(warnings('postgres is back')).toHaveLength(1);
      // One warning per outage, however many checks and requests failed during it.
      expect(warnings('redis is down')).toHaveLength(1);
      expect(warnings('postgres is down')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await pgProxy.close();
    await redisProxy.close();
  });
});
