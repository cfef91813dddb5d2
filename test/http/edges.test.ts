import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { startServer } from '../../src/server.js';

/**
 * What a client can send that a framework-level test would never reach: odd Content-Types,
 * absurd nesting, oversized bodies on a kept-alive connection, and requests Node's own HTTP
 * parser refuses. Over a real socket.
 */
const t = await useTestContext();
const admin = await t.userWithToken('admin');
const http = await startServer(t.deps, { port: 0 });
afterAll(() => http.stop());
const base = `http://127.0.0.1:${http.port}`;

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
}

/** Writes raw bytes on a fresh socket and returns everything the server sends until it closes. */
function raw(bytes: string): Promise<{ status: number; headers: string; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(http.port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      resolve({ status, headers: head.toLowerCase(), body: body ? JSON.parse(body) : null });
    });
    socket.write(bytes);
  });
}

async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, { method, body: init.body, headers: init.headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
}

describe('Content-Type variants (finding 1)', () => {
  const login = JSON.stringify({ email: 'nobody@example.test', password: 'wrong password' });
  it.each(['application/json;', 'application/json; charset', 'application/json ;charset=utf-8', 'Application/JSON; charset=UTF-8'])(
    '%s is read as JSON',
    async (type) => {
      const res = await send('POST', '/v1/auth/login', { body: login, headers: { 'content-type': type } });
      expectProblem(res, 401, 'invalid_credentials');
      const created = await send('POST', '/v1/structures', {
        body: JSON.stringify({ name: 'Mission Locale' }),
        headers: { 'content-type': type, authorization: `Bearer ${admin.token}` },
      });
      expect(created.status).toBe(201);
    },
  );

  it('a list of types is 415', async () => {
    const res = await send('POST', '/v1/auth/login', { body: login, headers: { 'content-type': 'application/json, text/plain' } });
    expectProblem(res, 415, 'unsupported_media_type');
    const setPassword = await send('POST', '/v1/auth/set-password', { body: '{}', headers: { 'content-type': 'text/json' } });
    expectProblem(setPassword, 415, 'unsupported_media_type');
  });
});

describe('deeply nested JSON (finding 2)', () => {
  it('is a 422 naming the depth, without a token or with one', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const headers of [{}, { authorization: `Bearer ${admin.token}` }] as Record<string, string>[]) {
      const res = await send('POST', '/v1/structures', { body: `{"name":${deep}}`, headers: { ...headers, 'content-type': 'application/json' } });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors[0]).toMatchObject({ code: 'too_deep' });
    }
  });

  it('a NUL character in a key is refused too', async () => {
    const res = await send('POST', '/v1/auth/login', { body: '{"a\\u0000b":1}', headers: { 'content-type': 'application/json' } });
    expectProblem(res, 422, 'validation_failed');
  });
});

describe('oversized body on a kept-alive connection (finding 3)', () => {
  it('413, then the next request from the same client is answered', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    const res = await send('POST', '/v1/structures', { body: big, headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` } });
    expectProblem(res, 413, 'payload_too_large');
    const next = await send('GET', '/healthz');
    expect(next.status).toBe(200);
  });

  it('a chunked body (no Content-Length) is counted as it streams: 413 over 1 MiB, read as JSON under it', async () => {
    const chunked = (text: string) =>
      fetch(`${base}/v1/structures`, {
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        }),
        duplex: 'half',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      } as RequestInit);
    const big = await chunked(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }));
    expectProblem({ status: big.status, headers: big.headers, body: await big.json() }, 413, 'payload_too_large');
    const small = await chunked(JSON.stringify({ name: 'Mission Locale en morceaux' }));
    expect(small.status).toBe(201);
    expect((await small.json()).name).toBe('Mission Locale en morceaux');
  });

  it('over one socket: the response says whether the connection stays, and keeps its word', async () => {
    const body = 'x'.repeat(1024 * 1024 + 10);
    const first = `POST /v1/structures HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const second = 'GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n';
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(http.port, '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(data));
      socket.write(first + second);
    });
    const responses = text.split(/(?=HTTP\/1\.1 \d{3})/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 413/);
    expect(responses[0]!.toLowerCase()).toContain('application/problem+json');
    if (/connection: close/i.test(responses[0]!)) expect(responses).toHaveLength(1);
    else expect(responses[1]).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('requests refused by the HTTP parser are problem+json (finding 4)', () => {
  it.each([
    ['a NUL character in a header', 'GET /healthz HTTP/1.1\r\nHost: a\r\nX-Bad: a\u0000b\r\n\r\n', 400],
    ['Content-Length with Transfer-Encoding', 'POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
    ['an invalid Content-Length', 'POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\n{}', 400],
    ['an unknown method', 'FOO /healthz HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['20 KB of headers', `GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s', async (_label, bytes, status) => {
    const res = await raw(bytes);
    expect(res.status).toBe(status);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(res.headers).toContain('connection: close');
    expect(res.body).toMatchObject({ status, code: status === 431 ? 'headers_too_large' : 'bad_request' });
  });

  it('a body longer than its Content-Length: what follows is not HTTP, and refused as such', async () => {
    const res = await raw('POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}garbage\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(res.body).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('a known path with a method it does not serve is 405 with Allow', async () => {
    const res = await send('DELETE', '/v1/structures', { headers: { authorization: `Bearer ${admin.token}` } });
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    const one = await send('PUT', '/v1/users/00000000-0000-4000-8000-000000000000', { headers: { authorization: `Bearer ${admin.token}` } });
    expectProblem(one, 405, 'method_not_allowed');
    expect(one.headers.get('allow')).toBe('GET, HEAD');
    expectProblem(await send('GET', '/v1/nothing-here', { headers: { authorization: `Bearer ${admin.token}` } }), 404, 'not_found');
  });
});

describe('empty coordinates (finding 12)', () => {
  it('lat=&lon= is refused, not read as 0,0', async () => {
    const advisor = await t.userWithToken('advisor');
    for (const query of ['lat=&lon=', 'lat=%20&lon=4.39', 'lat=abc&lon=4.39']) {
      const res = await send('GET', `/v1/search/offers?${query}`, { headers: { authorization: `Bearer ${advisor.token}` } });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors, query).toContainEqual(expect.objectContaining({ path: 'query.lat' }));
    }
    const ok = await send('GET', '/v1/search/offers?lat=45.43&lon=4.39', { headers: { authorization: `Bearer ${advisor.token}` } });
    expect(ok.status).toBe(200);
  });
});
