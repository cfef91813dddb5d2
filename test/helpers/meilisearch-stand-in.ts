/**
 * A local stand-in for a Meilisearch 1.15 server, for tests where Meilisearch itself cannot run:
 * every request is routed and validated against Meilisearch's own OpenAPI description
 * (shared/meilisearch/open-api.json, published by Meili SAS under the MIT licence) by
 * openapi-backend, and a request the description refuses is recorded and answered 400. Answers
 * are built from a small in-memory state (indexes, settings, documents, tasks) and are checked
 * against the description's response schemas too, so the adapter is tested against answers
 * shaped as the description says. It does not search: hits are the stored documents in order.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { OpenAPIBackend, type Context, type Document } from 'openapi-backend';

// ajv-formats is CommonJS: its function is the default export's `default` under ESM.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (ajv: Ajv) => Ajv;

const DESCRIPTION = fileURLToPath(new URL('../../../shared/meilisearch/open-api.json', import.meta.url));

export interface Refusal {
  method: string;
  path: string;
  operationId: string | null;
  errors: unknown;
}

interface Task {
  uid: number;
  indexUid: string | null;
  type: string;
  status: 'succeeded' | 'failed';
  error: { message: string; code: string; type: string; link: string } | null;
  enqueuedAt: string;
}

interface Index {
  primaryKey: string | null;
  createdAt: string;
  settings: Record<string, unknown>;
  documents: Map<string, Record<string, unknown>>;
}

/**
 * The published description has generator slips that no real client could satisfy; they are
 * corrected here, by rule, and listed by `corrections`:
 * - snake_case property names (`hits_per_page`, `matching_strategy` in SearchQuery) are the
 *   server's Rust field names, which its JSON reads in camelCase (`hitsPerPage`,
 *   `matchingStrategy`, as everywhere else in the API): renamed, so that those fields are
 *   validated at all, and dropped from `required` (the server gives them defaults);
 * - `required` properties that declare a default (`offset`, `limit`): the server applies the
 *   default when they are absent, as the description itself says;
 * - likewise query parameters marked required that declare a default (`csvDelimiter`).
 */
const camel = (name: string) => name.replace(/(?<=[a-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function correctDescription(node: unknown, at: string, corrections: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => correctDescription(child, `${at}/${i}`, corrections));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const parameter = node as { in?: unknown; name?: unknown; required?: unknown; schema?: { default?: unknown } };
  if (parameter.in === 'query' && parameter.required === true && parameter.schema?.default !== undefined) {
    corrections.push(`${at}: query parameter ${String(parameter.name)} made optional`);
    parameter.required = false;
  }
  const schema = node as { required?: unknown; properties?: Record<string, { default?: unknown }> };
  if (schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)) {
    const renamed = Object.keys(schema.properties).filter((name) => camel(name) !== name);
    if (renamed.length > 0) {
      schema.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, value]) => [camel(name), value]));
      corrections.push(`${at}: properties ${JSON.stringify(renamed)} renamed to camelCase`);
    }
  }
  if (Array.isArray(schema.required) && schema.properties) {
    const properties = schema.properties;
    const kept = schema.required.filter(
      (name: string) => camel(name) === name && name in properties && properties[name]!.default === undefined,
    );
    if (kept.length !== schema.required.length) {
      corrections.push(`${at}: required ${JSON.stringify(schema.required.filter((n: string) => !kept.includes(n)))} dropped`);
      schema.required = kept;
    }
  }
  for (const [key, child] of Object.entries(node)) correctDescription(child, `${at}/${key}`, corrections);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  return (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
}

export async function startMeilisearchStandIn(options: { apiKey: string }) {
  const definition = JSON.parse(readFileSync(DESCRIPTION, 'utf8')) as Document;
  const corrections: string[] = [];
  correctDescription(definition.components, '#/components', corrections);
  correctDescription(definition.paths, '#/paths', corrections);

  const refusals: Refusal[] = [];
  /** Answers of the stand-in that its description refuses: a bug of the stand-in, not the adapter. */
  const badAnswers: { operationId: string; errors: unknown }[] = [];
  const calls: string[] = [];
  const bodies: { operationId: string; body: unknown }[] = [];
  const indexes = new Map<string, Index>();
  const tasks: Task[] = [];
  let failNext: { code: string; message: string } | null = null;
  const now = () => new Date().toISOString();

  const error = (code: string, message: string, type = 'invalid_request') => ({
    message,
    code,
    type,
    link: `https://docs.meilisearch.com/errors#${code}`,
  });

  /** Applies a write at once and records its task, as a server that is never behind would. */
  function enqueue(indexUid: string | null, type: string, apply: () => void) {
    const task: Task = { uid: tasks.length, indexUid, type, status: 'succeeded', error: null, enqueuedAt: now() };
    if (failNext) {
      task.status = 'failed';
      task.error = error(failNext.code, failNext.message);
      failNext = null;
    } else {
      apply();
    }
    tasks.push(task);
    return { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt };
  }

  const indexOf = (c: Context) => String(c.request.params.indexUid);
  const existing = (c: Context) => indexes.get(indexOf(c));
  const notFound = (c: Context) => ({ status: 404, body: error('index_not_found', `Index \`${indexOf(c)}\` not found.`) });
  const body = (c: Context) => (c.request.requestBody ?? {}) as Record<string, unknown>;
  /** The ids of `id IN ["a", "b"]`, the only filter the adapter deletes or fetches documents by. */
  const idsOfFilter = (filter: string) => [...filter.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));

  const api = new OpenAPIBackend({
    definition,
    quick: true,
    validate: true,
    strict: false,
    // Standard formats (date-time…) and the integer formats of the server's Rust types.
    customizeAjv: (ajv) => {
      addFormats(ajv);
      for (const [format, bits] of [['u-int8', 8], ['u-int16', 16], ['u-int32', 32], ['u-int64', 64], ['u-int', 64]] as const) {
        ajv.addFormat(format, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** bits });
      }
      for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, { type: 'number', validate: () => true });
      return ajv;
    },
  });
  api.registerSecurityHandler('Bearer', (c) => c.request.headers.authorization === `Bearer ${options.apiKey}`);
  api.register({
    validationFail: (c) => {
      refusals.push({ method: c.request.method, path: c.request.path, operationId: c.operation?.operationId ?? null, errors: c.validation.errors });
      return { status: 400, body: error('bad_request', `Request refused by the OpenAPI description: ${JSON.stringify(c.validation.errors)}`) };
    },
    notFound: (c) => {
      refusals.push({ method: c.request.method, path: c.request.path, operationId: null, errors: 'no such route in the description' });
      return { status: 404, body: error('not_found', 'No such route in the description.') };
    },
    unauthorizedHandler: () => ({ status: 401, body: error('missing_authorization_header', 'The Authorization header is missing.', 'auth') }),
    notImplemented: (c) => {
      const mock = c.api.mockResponseForOperation(c.operation.operationId!);
      return { status: mock.status, body: mock.mock };
    },
    get_health: () => ({ status: 200, body: { status: 'available' } }),
    create_index: (c) => {
      const { uid, primaryKey } = body(c) as { uid: string; primaryKey?: string };
      if (indexes.has(uid)) return { status: 200, body: enqueue(uid, 'indexCreation', () => {}) };
      return {
        status: 200,
        body: enqueue(uid, 'indexCreation', () =>
          indexes.set(uid, { primaryKey: primaryKey ?? null, createdAt: now(), settings: {}, documents: new Map() }),
        ),
      };
    },
    get_index: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      return { status: 200, body: { uid: indexOf(c), primaryKey: index.primaryKey, createdAt: index.createdAt, updatedAt: index.createdAt } };
    },
    delete_index: (c) => ({ status: 202, body: enqueue(indexOf(c), 'indexDeletion', () => indexes.delete(indexOf(c))) }),
    get_all: (c) => {
      const index = existing(c);
      return index ? { status: 200, body: index.settings } : notFound(c);
    },
    update_all: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      return { status: 200, body: enqueue(indexOf(c), 'settingsUpdate', () => Object.assign(index.settings, body(c))) };
    },
    replace_documents: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      const key = String(c.request.query.primaryKey ?? index.primaryKey ?? 'id');
      const documents = c.request.requestBody as Record<string, unknown>[];
      return {
        status: 200,
        body: enqueue(indexOf(c), 'documentAdditionOrUpdate', () => {
          for (const document of documents) index.documents.set(String(document[key]), document);
        }),
      };
    },
    delete_documents_by_filter: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      const ids = idsOfFilter(String(body(c).filter));
      return { status: 202, body: enqueue(indexOf(c), 'documentDeletion', () => ids.forEach((id) => index.documents.delete(id))) };
    },
    clear_all_documents: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      return { status: 200, body: enqueue(indexOf(c), 'documentDeletion', () => index.documents.clear()) };
    },
    get_documents: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      const offset = Number(c.request.query.offset ?? 0);
      const limit = Number(c.request.query.limit ?? 20);
      const fields = c.request.query.fields ? String(c.request.query.fields).split(',') : null;
      const results = [...index.documents.values()]
        .slice(offset, offset + limit)
        .map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d));
      return { status: 200, body: { results, offset, limit, total: index.documents.size } };
    },
    documents_by_query_post: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      // The adapter fetches by id only (`id IN [...]`, the filter it deletes by too).
      const { filter, fields, offset, limit } = body(c) as { filter?: string; fields?: string[] | null; offset?: number; limit?: number };
      const wanted = new Set(filter === undefined ? index.documents.keys() : idsOfFilter(filter));
      const from = offset ?? 0;
      const matching = [...index.documents.entries()].filter(([id]) => wanted.has(id)).map(([, d]) => d);
      const results = matching
        .slice(from, from + (limit ?? 20))
        .map((d) => (fields ? Object.fromEntries(fields.filter((f) => f in d).map((f) => [f, d[f]])) : d));
      return { status: 200, body: { results, offset: from, limit: limit ?? 20, total: matching.length } };
    },
    search_with_post: (c) => {
      const index = existing(c);
      if (!index) return notFound(c);
      const { q, hitsPerPage, page, offset, limit } = body(c) as Record<string, number | string | undefined>;
      const all = [...index.documents.values()];
      const common = { query: typeof q === 'string' ? q : '', processingTimeMs: 0 };
      if (hitsPerPage !== undefined || page !== undefined) {
        const size = Number(hitsPerPage ?? 20);
        const number = Number(page ?? 1);
        const hits = all.slice((number - 1) * size, number * size);
        return {
          status: 200,
          body: { ...common, hits, hitsPerPage: size, page: number, totalHits: all.length, totalPages: Math.ceil(all.length / Math.max(1, size)) },
        };
      }
      const from = Number(offset ?? 0);
      const take = Number(limit ?? 20);
      return { status: 200, body: { ...common, hits: all.slice(from, from + take), offset: from, limit: take, estimatedTotalHits: all.length } };
    },
    get_task: (c) => {
      const task = tasks[Number(c.request.params.taskUid)];
      if (!task) return { status: 404, body: error('task_not_found', 'Task not found.') };
      const { uid, indexUid, type, status, error: taskError, enqueuedAt } = task;
      return {
        status: 200,
        body: { uid, batchUid: uid, indexUid, type, status, error: taskError, canceledBy: null, details: null, duration: 'PT0S', enqueuedAt, startedAt: enqueuedAt, finishedAt: enqueuedAt },
      };
    },
  });
  await api.init();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers as Record<string, string>,
      body: await readBody(req),
    };
    let answer: { status: number; body: unknown };
    try {
      answer = await api.handleRequest(request);
      const operation = api.router.matchOperation(request);
      if (operation) {
        calls.push(`${request.method} ${operation.operationId}`);
        bodies.push({ operationId: operation.operationId!, body: request.body });
        const check = api.validateResponse(answer.body, operation, answer.status);
        if (check.errors?.length) badAnswers.push({ operationId: operation.operationId!, errors: check.errors });
      }
    } catch (err) {
      answer = { status: 500, body: error('internal', String(err), 'internal') };
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests the description refused (the adapter's mistakes). */
    refusals,
    /** Answers the description refuses (the stand-in's mistakes). */
    badAnswers,
    /** `METHOD operationId` of every request, in order. */
    calls,
    /** Every request body, by operation. */
    bodies,
    /** Corrections made to the description before use (see correctDescription). */
    corrections,
    indexes,
    /** The next write's task fails with this error. */
    failNextTask(code: string, message: string) {
      failNext = { code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MeilisearchStandIn = Awaited<ReturnType<typeof startMeilisearchStandIn>>;
