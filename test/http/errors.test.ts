import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { createApp } from '../../src/app.js';

const t = await useTestContext();
const admin = await t.userWithToken('admin');

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining(code), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
}

describe('errors are application/problem+json', () => {
  it('400 for malformed JSON', async () => {
    const res = await t.request('POST', '/v1/structures', {
      token: admin.token,
      body: '{"name": "oops",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('413 for a body over 1 MiB, and nothing is written', async () => {
    const res = await t.request('POST', '/v1/structures', { token: admin.token, json: { name: 'x'.repeat(1024 * 1024 + 10) } });
    expectProblem(res, 413, 'payload_too_large');
    const rows = await t.deps.sql`select count(*)::int as n from structures where length(name) > 1000`;
    expect(rows[0]!.n).toBe(0);
  });

  it('415 for a body that is not JSON', async () => {
    const res = await t.request('POST', '/v1/structures', {
      token: admin.token,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('422 lists every field at fault with a stable code', async () => {
    const res = await t.request('POST', '/v1/users', { token: admin.token, json: { email: 'not-an-email', role: 'wizard' } });
    expectProblem(res, 422, 'validation_failed');
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]));
    expect(byPath).toMatchObject({ email: 'invalid_email', firstName: 'required', lastName: 'required', role: 'invalid_value' });
  });

  it('422 for bad query parameters, with the parameter named', async () => {
    const res = await t.request('GET', '/v1/users?limit=500', { token: admin.token });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.limit', code: 'too_big' })]);
  });

  it('422 for a NUL character, in the body or the query, naming the field', async () => {
    const body = await t.request('POST', '/v1/structures', { token: admin.token, json: { name: 'Mission\u0000Locale' } });
    expectProblem(body, 422, 'validation_failed');
    expect(body.body.errors).toEqual([expect.objectContaining({ path: 'name', code: 'invalid_character' })]);
    const query = await t.request('GET', '/v1/ref/communes?q=lyo%00n');
    expectProblem(query, 422, 'validation_failed');
    expect(query.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'invalid_character' })]);
  });

  it('401 without a token, 404 for an unknown route', async () => {
    expectProblem(await t.request('GET', '/v1/users'), 401, 'unauthenticated');
    expectProblem(await t.request('GET', '/v1/nothing-here', { token: admin.token }), 404, 'not_found');
  });

  it('404 for a well-formed id that does not exist, 422 for a malformed one', async () => {
    expectProblem(await t.request('GET', '/v1/users/00000000-0000-4000-8000-000000000000', { token: admin.token }), 404, 'not_found');
    const bad = await t.request('GET', '/v1/users/123', { token: admin.token });
    expectProblem(bad, 422, 'validation_failed');
    expect(bad.body.errors[0].path).toBe('param.id');
  });
});

describe('unexpected failures', () => {
  it('500 as problem+json without internals, with the request id to quote', async () => {
    // The real app plus a route that fails the way a bug would: onError must not leak the
    // message or the stack.
    const app = createApp(t.deps);
    app.get('/v1/test-only/boom', () => {
      throw new Error('connection to 10.0.0.5 refused: secret internals');
    });
    const raw = await app.request('/v1/test-only/boom', { headers: { authorization: `Bearer ${admin.token}` } });
    const res = { status: raw.status, headers: raw.headers, body: await raw.json() };
    expectProblem(res, 500, 'internal');
    expect(JSON.stringify(res.body)).not.toMatch(/secret|10\.0\.0\.5|at .*\.ts/);
  });
});
