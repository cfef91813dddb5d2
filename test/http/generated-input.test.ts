import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';

/**
 * Generated bodies, headers, path parameters and query strings thrown at every operation of
 * the OpenAPI document, anonymously and with a token of each role: whatever arrives, the
 * answer is never a 5xx, and every error is problem+json with a code from the catalog.
 */
const t = await useTestContext();
const roles = ['admin', 'advisor', 'organiser', 'employer'] as const;
const tokens: Record<string, string | undefined> = { anonymous: undefined, forged: 'not-a-real-token' };
for (const role of roles) tokens[role] = (await t.userWithToken(role)).token;

interface Operation {
  method: string;
  path: string;
  query: string[];
  bodyKeys: string[];
}

const doc = (await t.request('GET', '/openapi.json')).body;
const operations: Operation[] = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string),
    bodyKeys: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? resolveRef(op.requestBody)),
  })),
);

function resolveRef(body: any): Record<string, unknown> {
  const ref: string | undefined = body?.content?.['application/json']?.schema?.$ref;
  if (!ref) return {};
  return doc.components.schemas[ref.split('/').at(-1)!]?.properties ?? {};
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', 'true', '2026-02-30', '00000000-0000-4000-8000-000000000000', '%00', '\u202e', 'a'.repeat(300)),
  // What the text fields refuse or normalise: line breaks, tab, zero-width, isolates, BOM, soft
  // hyphen, a combining accent; e-mails past RFC 5321's lengths; a weak password.
  fc.constantFrom('a\r\nb', 'a\tb', 'a\u200bb', '\u2066a\u2069', '\ufeffa', 'a\u00adb', 'e\u0301', `${'a'.repeat(65)}@ml.test`, `a@${'d'.repeat(260)}.fr`, 'aaaaaaaaaaaa'),
);
const pathValue = fc.oneof(fc.uuid(), text.map(encodeURIComponent));
// A lone surrogate only in JSON (\ud800 escaped): a URL cannot carry one.
const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.constant('a\ud800'));

const requestArb = (op: Operation) =>
  fc.record({
    role: fc.constantFrom(...Object.keys(tokens)),
    params: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...op.query, 'x'), fc.string({ maxLength: 8 })), text), { maxLength: 4 }),
    body: fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom(...op.bodyKeys, 'x'), fc.string({ maxLength: 8 })), jsonValue, { maxKeys: 6 }).map((v) => JSON.stringify(v)),
      jsonValue.map((v) => JSON.stringify(v)),
      text,
      fc.constant(undefined),
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json;',
      'application/json ;charset=utf-8',
      'application/json, text/plain',
      'application/merge-patch+json',
      'text/plain',
      'multipart/form-data',
      'application/x-www-form-urlencoded',
      '',
      undefined,
    ),
    extraHeader: fc.option(fc.tuple(fc.constantFrom('accept', 'accept-language', 'x-request-id', 'origin', 'x-forwarded-for', 'authorization'), fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)))),
  });

type RequestInput = ReturnType<typeof requestArb> extends fc.Arbitrary<infer T> ? T : never;

async function send(op: Operation, input: RequestInput) {
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => input.params[i++]!);
  const query = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = {};
  const token = tokens[input.role];
  // Logging out would revoke the shared token; that route gets a forged one.
  if (token) headers.authorization = `Bearer ${op.path === '/v1/auth/logout' ? 'forged' : token}`;
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  if (input.extraHeader) headers[input.extraHeader[0]] = input.extraHeader[1];
  const hasBody = !['GET', 'HEAD'].includes(op.method) && input.body !== undefined;
  const res = await t.app.request(`${path}${query ? `?${query}` : ''}`, { method: op.method, headers, body: hasBody ? input.body : undefined });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('generated input on every operation', () => {
  it('covers the whole document', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s: no 5xx, every error problem+json', async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(requestArb(op), async (input) => {
        const res = await send(op, input);
        expect(res.status, res.text).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.type).toBe('application/problem+json');
          expect(JSON.parse(res.text)).toMatchObject({ status: res.status, code: expect.any(String) });
        }
      }),
      // Bounded so the whole file stays within a few seconds; the seed changes every run.
      { numRuns: 8 },
    );
  });
});
