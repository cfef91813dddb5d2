/**
 * The Meilisearch adapter's whole surface against Meilisearch 1.15's own API description: a
 * stand-in server (test/helpers/meilisearch-stand-in.ts) validates every request with the
 * OpenAPI description and answers as its schemas say; any request it refuses fails the test.
 * Filter strings, a plain string in the description, are checked against Meilisearch's
 * documented filter grammar (test/helpers/meilisearch-filter-grammar.ts).
 */
import { randomUUID } from 'node:crypto';
import { MeilisearchApiError } from 'meilisearch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OfferQuery, SearchEngine } from '../../../src/adapters/search/engine.js';
import {
  createMeilisearchEngine,
  meiliFilter,
  romeSynonyms,
  SearchTaskError,
} from '../../../src/adapters/search/meilisearch-engine.js';
import { parseMeiliFilter } from '../../helpers/meilisearch-filter-grammar.js';
import { LYON, offer, slot, youth } from '../../helpers/search-documents.js';
import { startMeilisearchStandIn, type MeilisearchStandIn } from '../../helpers/meilisearch-stand-in.js';

const API_KEY = 'stand-in-master-key';
const PREFIX = 'openapi_';

let standIn: MeilisearchStandIn;
let engine: SearchEngine;

beforeAll(async () => {
  standIn = await startMeilisearchStandIn({ apiKey: API_KEY });
  engine = createMeilisearchEngine({
    host: standIn.url,
    apiKey: API_KEY,
    indexPrefix: PREFIX,
    taskTimeoutMs: 5000,
    synonyms: () => romeSynonyms([{ code: 'D1102', label: 'Boulanger / Boulangère', titles: ['Ouvrier boulanger / Ouvrière boulangère'] }]),
  });
});
afterAll(async () => standIn?.close());
afterEach(() => {
  // Every request the adapter sent is one the description accepts; every answer is one it allows.
  const refused = standIn.refusals.splice(0);
  const badAnswers = standIn.badAnswers.splice(0);
  expect(refused).toEqual([]);
  expect(badAnswers).toEqual([]);
});

const callsOf = (operationId: string) => standIn.calls.filter((c) => c.endsWith(` ${operationId}`)).length;

describe('Meilisearch adapter against the API description', () => {
  it('lists the corrections it makes to the description, and they are few', () => {
    expect(standIn.corrections).toContainEqual(expect.stringMatching(/SearchQuery.*hits_per_page.*renamed/));
    expect(standIn.corrections).toContainEqual(expect.stringMatching(/csvDelimiter made optional/));
    expect(standIn.corrections.length).toBeLessThan(150);
  });

  it('refuses what the description refuses (the stand-in can fail a request)', async () => {
    const post = (path: string, body: unknown, key = API_KEY) =>
      fetch(`${standIn.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/indexes/x/search', { limit: 'ten' })).status).toBe(400);
    expect((await post('/indexes/x/settings', { rankingRulez: [] })).status).toBe(404); // PATCH only
    expect((await post('/indexes/x/documents/delete', { notAFilter: true })).status).toBe(400);
    expect((await post('/indexes', { uid: 'x' }, 'wrong key')).status).toBe(401);
    expect(standIn.refusals.splice(0).map((r) => r.path)).toEqual(['/indexes/x/search', '/indexes/x/settings', '/indexes/x/documents/delete']);
  });

  it('creates missing indexes with their settings at start, and applies only what differs on request', async () => {
    const created = await engine.setup();
    expect(created.map((r) => [r.index, r.created])).toEqual([['offers', true], ['immersion_slots', true], ['youth', true]]);
    expect(standIn.indexes.get(`${PREFIX}offers`)!.settings).toMatchObject({ pagination: { maxTotalHits: 1000 } });

    const patches = callsOf('update_all');
    const unchanged = await engine.applySettings();
    expect(unchanged.every((r) => !r.created && r.differing.length === 0 && r.applied.length === 0)).toBe(true);
    expect(callsOf('update_all')).toBe(patches); // nothing sent when the server already agrees

    standIn.indexes.get(`${PREFIX}youth`)!.settings.stopWords = ['le'];
    const atStart = await engine.setup();
    expect(atStart.find((r) => r.index === 'youth')).toMatchObject({ differing: ['stopWords'], applied: [] });
    expect(callsOf('update_all')).toBe(patches); // a start reports, it does not re-index

    const applied = await engine.applySettings();
    expect(applied.find((r) => r.index === 'youth')).toMatchObject({ differing: ['stopWords'], applied: ['stopWords'] });
    expect(Object.keys(standIn.bodies.filter((b) => b.operationId === 'update_all').at(-1)!.body as object)).toEqual(['stopWords']);
  });

  it('writes, deletes and lists documents in batches, waiting for each task', async () => {
    await engine.setup();
    const offers = Array.from({ length: 12 }, () => offer());
    await engine.upsert('offers', offers);
    await engine.upsert('immersion_slots', [slot(), slot()]);
    await engine.upsert('youth', [youth()]);
    const batches: string[][] = [];
    for await (const batch of engine.ids('offers', 5)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);

    await engine.remove('offers', offers.slice(0, 3).map((o) => o.id));
    const left: string[] = [];
    for await (const batch of engine.ids('offers')) left.push(...batch);
    expect(left.sort()).toEqual(offers.slice(3).map((o) => o.id).sort());

    await engine.clear('offers');
    expect(standIn.indexes.get(`${PREFIX}offers`)!.documents.size).toBe(0);
    expect(callsOf('get_task')).toBeGreaterThan(0);
  });

  it('sends every search the API can produce', async () => {
    await engine.setup();
    await engine.upsert('offers', Array.from({ length: 7 }, () => offer()));
    const searchesBefore = callsOf('search_with_post');
    const near = { ...LYON, radiusKm: 12.5 };
    const employerId = randomUUID();
    const offerQueries: OfferQuery[] = [
      {},
      { q: 'vendeur' },
      { q: 'de la' }, // stop words only: listed as without text
      { q: 'boulangère "bio" \\ ouvrière' },
      { near },
      { q: 'vendeur', near },
      { romeCodes: ['D1106', 'D1102'], contractTypes: ['cdi', 'apprenticeship'], schedules: ['evening', 'weekend'] },
      { employerId },
      { employerId, statuses: ['draft', 'closed'] },
      { limit: 5, offset: 5 }, // a page boundary: page numbers
      { limit: 4, offset: 3 }, // not one: the page ending there
      { q: 'vendeur', limit: 100, offset: 900 },
      // The matching's retrieval: a few fields, a larger page.
      { romeCodes: ['D1106'], near, fields: ['id', 'romeCode', 'location'] as const, limit: 400, offset: 400, count: false },
    ];
    for (const query of offerQueries) {
      const page = await engine.searchOffers(query);
      expect(page.totalEstimated).toBe(false);
      if (query.near) for (const hit of page.hits) expect(hit.distanceKm).toBeTypeOf('number');
    }
    await engine.searchImmersionSlots({ q: 'fleuriste', romeCodes: ['D1209'], near });
    await engine.searchImmersionSlots({ employerId, statuses: ['closed'] });
    await engine.searchYouth({ structureId: randomUUID(), q: 'cuisine', near, contractTypes: ['cdi'], schedules: ['day'], romeCodes: ['G1602'] });
    expect(callsOf('search_with_post') - searchesBefore).toBe(offerQueries.length + 3);
  });

  it('fetches documents by id, with the fields asked, in batches', async () => {
    await engine.setup();
    const offers = Array.from({ length: 3 }, () => offer());
    await engine.upsert('offers', offers);
    const fetches = callsOf('documents_by_query_post');
    const fields = ['id', 'updatedAt', 'romeCode', 'location', 'status'] as const;
    const found = await engine.documents('offers', [offers[0]!.id, offers[2]!.id, randomUUID()], fields);
    expect(found.map((d) => d.id).sort()).toEqual([offers[0]!.id, offers[2]!.id].sort());
    for (const d of found) expect(Object.keys(d).sort()).toEqual([...fields].sort());
    // Whole documents without `fields`, stripped of what only Meilisearch holds (_geo, sortAt).
    const [whole] = await engine.documents('offers', [offers[1]!.id]);
    expect(whole).toEqual(offers[1]);
    expect(await engine.documents('offers', [])).toEqual([]);
    // 2,500 ids: three requests of at most 1,000.
    const many = [offers[0]!.id, ...Array.from({ length: 2499 }, () => randomUUID())];
    expect((await engine.documents('offers', many, ['id'])).map((d) => d.id)).toEqual([offers[0]!.id]);
    expect(callsOf('documents_by_query_post') - fetches).toBe(2 + 3);
  });

  it('answers the health check', async () => {
    await expect(engine.health()).resolves.toBeUndefined();
  });

  it('surfaces a failed task and a missing index as errors', async () => {
    await engine.setup();
    standIn.failNextTask('invalid_document_id', 'Document identifier is invalid.');
    await expect(engine.upsert('offers', [offer()])).rejects.toThrow(SearchTaskError);
    await expect(engine.upsert('offers', [offer()])).rejects.toThrow(/invalid_document_id/).catch(() => {});

    const elsewhere = createMeilisearchEngine({ host: standIn.url, apiKey: API_KEY, indexPrefix: 'never_created_' });
    const missing = await elsewhere.searchOffers({ q: 'vendeur' }).catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(MeilisearchApiError);
    expect((missing as MeilisearchApiError).cause?.code).toBe('index_not_found');
  });
});

describe("filters against Meilisearch's filter grammar", () => {
  it('every filter the adapter sent parses', () => {
    const filters = standIn.bodies
      .filter((b) => ['search_with_post', 'delete_documents_by_filter', 'documents_by_query_post'].includes(b.operationId))
      .map((b) => (b.body as { filter?: string }).filter)
      .filter((f): f is string => typeof f === 'string');
    expect(filters.length).toBeGreaterThan(10);
    for (const filter of filters) expect(() => parseMeiliFilter(filter), filter).not.toThrow();
  });

  it('keeps hostile values inside their quotes', () => {
    const employerId = 'a" OR status = "draft\\';
    const filter = meiliFilter({ index: 'offers', query: { employerId, romeCodes: ['D1106'], near: { ...LYON, radiusKm: 0.0001 } } })!;
    const { strings } = parseMeiliFilter(filter);
    expect(strings[0]).toBe(employerId);
    expect(filter).toContain('_geoRadius(45.764043, 4.835659, 1)');
  });

  it.each([
    'status = "open',
    'status IN ["a", "b"',
    'AND status = "x"',
    'status = "x" AND',
    '_geoRadius(45.7, 4.8)',
    'status == "x"',
  ])('refuses %j (the grammar can fail)', (filter) => {
    expect(() => parseMeiliFilter(filter)).toThrow(SyntaxError);
  });
});
