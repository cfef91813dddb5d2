import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('works with no environment at all (local development defaults)', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.MEILI_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('names every bad variable, one line each', () => {
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', MEILI_URL: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const lines = (err as ConfigError).lines;
      expect(lines).toHaveLength(3);
      expect(lines.find((l) => l.startsWith('PORT:'))).toContain('"eighty"');
      expect(lines.some((l) => l.startsWith('REDIS_URL:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('MEILI_URL:'))).toBe(true);
    }
  });

  it('reads CORS origins as a list and refuses one with a path', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(/CORS_ORIGINS/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ MEILI_URL: '', SMTP_URL: '' }).MEILI_URL).toBeUndefined();
  });

  it('stops the process at start with a clear message', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '99999', DATABASE_URL: 'mysql://x' },
    }).catch((err: { code: number; stderr: string }) => err);
    expect('code' in result && result.code).toBe(78);
    expect(result.stderr).toMatch(/^config error: PORT: .*99999/m);
    expect(result.stderr).toMatch(/^config error: DATABASE_URL: /m);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  }, 60_000); // a process compiled by tsx at start: slow on a loaded machine
});
