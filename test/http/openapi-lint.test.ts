import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';

const t = await useTestContext();

describe('the OpenAPI document', () => {
  it('lints clean with the recommended rules of @redocly/cli', { timeout: 60_000 }, async () => {
    const doc = (await t.request('GET', '/openapi.json')).body;
    const dir = await mkdtemp(join(tmpdir(), 'passerelle-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const { stdout } = await promisify(execFile)(
        'node_modules/.bin/redocly',
        ['lint', file, '--extends', 'recommended', '--format', 'json'],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
      const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
      expect(report.problems.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('declares an operationId, the errors any request may meet, and security on every operation', async () => {
    const doc = (await t.request('GET', '/openapi.json')).body;
    expect(doc.info.license).toEqual({ name: 'European Union Public Licence 1.2', identifier: 'EUPL-1.2' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://passerelle.test' })]);
    const login = doc.paths['/v1/auth/login'].post;
    expect(login.operationId).toBe('postAuthLogin');
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['413', '415', '429', '500']));
    expect(doc.paths['/v1/youth/{id}'].get.security).toEqual([{ bearerAuth: [] }]);
  });
});
