import { isDeepStrictEqual } from 'node:util';
import { Meilisearch, MeilisearchApiError, type Settings, type Synonyms, type Task } from 'meilisearch';
import type { DocumentOf, GeoPoint, ImmersionSlotDocument, IndexName, OfferDocument, YouthDocument } from './documents.js';
import { INDEX_NAMES } from './documents.js';
import {
  checkNear,
  MAX_TOTAL_HITS,
  paging,
  present,
  type ImmersionSlotQuery,
  type NearFilter,
  type OfferQuery,
  type SearchEngine,
  type SearchPage,
  type SettingsReport,
  type YouthQuery,
} from './engine.js';
import { distanceKm } from '../../domain/geo.js';
import { fold, FRENCH_STOP_WORDS, project, queryWords, SEARCHABLE_ATTRIBUTES, sortTime } from './fields.js';

/**
 * The Meilisearch engine. Settings are data (meiliSettings): setup() at start creates missing
 * indexes with them, applySettings() (`npm run search:setup`) sends the ones the server differs on;
 * filters and sorts are built by pure functions (meiliFilter, meiliSort) that unit tests cover
 * without a server. Every write waits for its task and throws with the task's error when it fails.
 */

/** Fields added to a document for Meilisearch only, stripped from the hits. */
interface MeiliExtras {
  _geo: GeoPoint;
  /** Milliseconds of the default "newest first" order. */
  sortAt: number;
}

/** `id` is filterable so that documents are deleted by filter (`id IN [...]`). */
const FILTERABLE: Record<IndexName, string[]> = {
  offers: [
    'id', 'status', 'employerId', 'romeCode', 'contractType', 'schedules', 'minEducationLevel',
    'drivingLicenceRequired', 'communeInsee', '_geo',
  ],
  immersion_slots: ['id', 'status', 'employerId', 'romeCode', 'schedules', 'communeInsee', '_geo'],
  youth: ['id', 'structureId', 'searchable', 'targetRomeCodes', 'contractTypes', 'schedules', 'educationLevel', '_geo'],
};

/**
 * `sort` comes last: with text, relevance decides and the sort only breaks ties (distance,
 * then id); without text every relevance rule ties and the sort decides.
 */
export const RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'];

export function meiliSettings(index: IndexName, options: { synonyms?: Synonyms } = {}): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES[index],
    filterableAttributes: FILTERABLE[index],
    sortableAttributes: ['id', 'sortAt', '_geo'],
    rankingRules: RANKING_RULES,
    // One typo from 5 letters, two from 9 (Meilisearch's defaults, stated so they are ours).
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    stopWords: [...FRENCH_STOP_WORDS],
    synonyms: options.synonyms ?? {},
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** A ROME occupation and its job titles ("appellations"), as the reference tables hold them. */
export interface RomeTitles {
  code: string;
  label: string;
  titles: string[];
}

/**
 * Splits a ROME gendered label into its forms: "Chef / Cheffe de rayon" → ["chef de rayon",
 * "cheffe de rayon"], "Boulanger / Boulangère" → ["boulanger", "boulangere"]. Folded.
 */
export function genderForms(label: string): string[] {
  const parts = label.split(' / ');
  if (parts.length !== 2) return [fold(label)].filter(Boolean);
  const masculine = fold(parts[0]!).split(' ').filter(Boolean);
  const feminine = fold(parts[1]!).split(' ').filter(Boolean);
  // The masculine part is the head the feminine one shares its tail with.
  const tail = feminine.slice(masculine.length);
  return [...new Set([[...masculine, ...tail].join(' '), feminine.join(' ')])].filter(Boolean);
}

/**
 * Synonyms from the ROME reference: Meilisearch does no stemming, so the masculine and feminine
 * words of each title are made synonyms of each other ("boulanger" ↔ "boulangere",
 * "ouvrier" ↔ "ouvriere"), and each short job title leads to its occupation's label
 * ("tractoriste" → "conducteur d engins agricoles").
 */
export function romeSynonyms(entries: readonly RomeTitles[], options: { maxTitleWords?: number } = {}): Record<string, string[]> {
  const maxWords = options.maxTitleWords ?? 4;
  const synonyms = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (!from || !to || from === to) return;
    let set = synonyms.get(from);
    if (!set) synonyms.set(from, (set = new Set()));
    set.add(to);
  };
  for (const entry of entries) {
    const labelForm = genderForms(entry.label)[0];
    for (const title of [entry.label, ...entry.titles]) {
      const [masculine, feminine] = genderForms(title);
      if (masculine && feminine) {
        const m = masculine.split(' ');
        const f = feminine.split(' ');
        for (let i = 0; i < Math.min(m.length, f.length); i++) {
          if (m[i] !== f[i]) {
            add(m[i]!, f[i]!);
            add(f[i]!, m[i]!);
          }
        }
      }
      if (labelForm && masculine && title !== entry.label && masculine.split(' ').length <= maxWords) {
        add(masculine, labelForm);
      }
    }
  }
  return Object.fromEntries([...synonyms].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

/** A string value in a filter expression: double-quoted, with `\` and `"` escaped. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;

/** A coordinate as Meilisearch's filter parser reads it: never in exponent notation. */
export function coordinate(value: number): string {
  return value.toFixed(7).replace(/\.?0+$/, '');
}

/**
 * The radius in whole metres, rounded up (from the millimetre, so that 0.3 km stays 300 m and does
 * not become 301 through a float's last digit): a radius may be an exact distance computed by the
 * caller (a matching tier cut where its bound stops beating the last suggestion), and a radius a
 * fraction of a metre short would leave out what lies at its very edge.
 */
function geoRadius(near: NearFilter): string {
  checkNear(near);
  return `_geoRadius(${coordinate(near.lat)}, ${coordinate(near.lng)}, ${Math.ceil(Math.round(near.radiusKm * 1e6) / 1000)})`;
}

export type MeiliQuery =
  | { index: 'offers'; query: OfferQuery }
  | { index: 'immersion_slots'; query: ImmersionSlotQuery }
  | { index: 'youth'; query: YouthQuery };

/** The filter expression of a query: its clauses joined by AND (undefined when there are none). */
export function meiliFilter({ index, query }: MeiliQuery): string | undefined {
  const clauses: string[] = [];
  switch (index) {
    case 'offers':
    case 'immersion_slots': {
      if (query.employerId !== undefined) {
        clauses.push(`employerId = ${quote(query.employerId)}`);
        if (present(query.statuses)) clauses.push(`status IN ${list(query.statuses)}`);
      } else {
        clauses.push(`status = ${quote(index === 'offers' ? 'published' : 'open')}`);
      }
      if (present(query.romeCodes)) clauses.push(`romeCode IN ${list(query.romeCodes)}`);
      if (index === 'offers' && present(query.contractTypes)) clauses.push(`contractType IN ${list(query.contractTypes)}`);
      break;
    }
    case 'youth': {
      if (!query.structureId) throw new TypeError('a youth search is always scoped to a structure');
      clauses.push(`structureId = ${quote(query.structureId)}`, 'searchable = true');
      if (present(query.romeCodes)) clauses.push(`targetRomeCodes IN ${list(query.romeCodes)}`);
      if (present(query.contractTypes)) clauses.push(`contractTypes IN ${list(query.contractTypes)}`);
      break;
    }
  }
  // On an array attribute, IN matches when any element is in the list: "accepts one of".
  if (present(query.schedules)) clauses.push(`schedules IN ${list(query.schedules)}`);
  if (query.near) clauses.push(geoRadius(query.near));
  return clauses.length > 0 ? clauses.join(' AND ') : undefined;
}

/**
 * The text Meilisearch receives: none when no meaningful word remains (only stop words or
 * punctuation), so that such a query lists like an empty one, as in the Postgres engine; a word
 * repeated (the same once folded) is sent once, as the Postgres engine counts it once.
 */
export function meiliQuery(q: string | undefined): string {
  if (queryWords(q).length === 0) return '';
  const seen = new Set<string>();
  return q!
    .trim()
    .split(/\s+/)
    .filter((word) => {
      const folded = fold(word);
      if (folded !== '' && seen.has(folded)) return false;
      seen.add(folded);
      return true;
    })
    .join(' ');
}

/** The sort of a query, after relevance (see RANKING_RULES): distance or newest, then id. */
export function meiliSort(query: { q?: string; near?: NearFilter }): string[] {
  const hasText = meiliQuery(query.q) !== '';
  if (query.near) return [`_geoPoint(${coordinate(query.near.lat)}, ${coordinate(query.near.lng)}):asc`, 'id:asc'];
  return hasText ? ['id:asc'] : ['sortAt:desc', 'id:asc'];
}

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Prefixed to every index uid: lets tests and several environments share one server. */
  indexPrefix?: string;
  /** Synonyms applied by setup(), e.g. from the ROME reference (loadRomeSynonyms). */
  synonyms?: () => Promise<Synonyms> | Synonyms;
  /** How long a write may wait for its task, in ms. */
  taskTimeoutMs?: number;
}

export class SearchTaskError extends Error {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? '-'}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim());
    this.name = 'SearchTaskError';
  }
}

const DOCUMENT_BATCH = 5000;
const DELETE_BATCH = 1000;
/** Ids per request when documents are fetched by id (an `id IN [...]` filter). */
const FETCH_BATCH = 1000;

/** Drops, in place, what Meilisearch adds to a stored document or a hit (MeiliExtras, the search's annotations). */
function withoutExtras(document: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['_geo', 'sortAt', '_formatted', '_matchesPosition', '_rankingScore', '_rankingScoreDetails']) delete document[key];
  return document;
}

/** Settings that are sets: the server may list them in another order. */
const UNORDERED: ReadonlySet<string> = new Set(['filterableAttributes', 'sortableAttributes', 'stopWords']);

/**
 * Whether the server's value of a setting is ours. Only what we set is compared: the server
 * adds defaults of its own (typoTolerance.disableOnWords…), and lists sets in its own order.
 */
export function sameSetting(key: string, ours: unknown, theirs: unknown): boolean {
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    const [a, b] = UNORDERED.has(key) ? [[...ours].sort(), [...theirs].sort()] : [ours, theirs];
    return isDeepStrictEqual(a, b);
  }
  if (ours && typeof ours === 'object' && !Array.isArray(ours)) {
    if (!theirs || typeof theirs !== 'object') return false;
    const server = theirs as Record<string, unknown>;
    if (key === 'synonyms') {
      const sortValues = (o: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
      return isDeepStrictEqual(sortValues(ours as Record<string, unknown>), sortValues(server));
    }
    return Object.entries(ours).every(([k, v]) => sameSetting(k, v, server[k]));
  }
  return isDeepStrictEqual(ours, theirs);
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  const prefix = options.indexPrefix ?? '';
  const uid = (index: IndexName) => `${prefix}${index}`;
  const timeout = options.taskTimeoutMs ?? 60_000;

  async function done(pending: { waitTask(o?: { timeout?: number }): Promise<Task> }): Promise<Task> {
    const task = await pending.waitTask({ timeout });
    if (task.status !== 'succeeded') throw new SearchTaskError(task);
    return task;
  }

  function toMeili<I extends IndexName>(index: I, input: DocumentOf[I]): DocumentOf[I] & MeiliExtras {
    const document = project(index, input);
    return { ...document, _geo: { lat: document.location.lat, lng: document.location.lng }, sortAt: sortTime(index, document) };
  }

  /** Creates missing indexes; reports (and with `apply`, sends) only the settings that differ. */
  async function reconcile(apply: boolean): Promise<SettingsReport[]> {
    const synonyms = options.synonyms ? await options.synonyms() : {};
    const report: SettingsReport[] = [];
    for (const index of INDEX_NAMES) {
      const wanted = meiliSettings(index, { synonyms }) as Record<string, unknown>;
      const exists = await client
        .getRawIndex(uid(index))
        .then(() => true)
        .catch((err: unknown) => {
          if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') return false;
          throw err;
        });
      if (!exists) {
        await done(client.createIndex(uid(index), { primaryKey: 'id' }));
        await done(client.index(uid(index)).updateSettings(wanted as Settings));
        report.push({ index, created: true, differing: [], applied: Object.keys(wanted) });
        continue;
      }
      const current = (await client.index(uid(index)).getSettings()) as Record<string, unknown>;
      const differing = Object.keys(wanted).filter((key) => !sameSetting(key, wanted[key], current[key]));
      const applied = apply ? differing : [];
      if (applied.length > 0) {
        await done(client.index(uid(index)).updateSettings(Object.fromEntries(applied.map((k) => [k, wanted[k]])) as Settings));
      }
      report.push({ index, created: false, differing, applied });
    }
    return report;
  }

  async function search<D>(
    index: IndexName,
    filter: string | undefined,
    query: { q?: string; near?: NearFilter; limit?: number; offset?: number; fields?: readonly string[] },
  ): Promise<SearchPage<D>> {
    checkNear(query.near);
    const { limit, offset } = paging(query);
    const common = {
      filter,
      sort: meiliSort(query),
      matchingStrategy: 'all' as const,
      ...(query.fields ? { attributesToRetrieve: [...query.fields] } : {}),
    };
    // Page numbers give an exhaustive count (up to maxTotalHits), where offset/limit only give
    // an estimate: an offset that is not a page boundary asks for the page that ends where the
    // wanted one ends and keeps its tail (offset + limit ≤ MAX_TOTAL_HITS bounds its size).
    const aligned = offset % limit === 0;
    const response = await client
      .index(uid(index))
      .search(meiliQuery(query.q), aligned ? { ...common, hitsPerPage: limit, page: offset / limit + 1 } : { ...common, hitsPerPage: offset + limit, page: 1 });
    const total = Math.min(response.totalHits ?? 0, MAX_TOTAL_HITS);
    if (!aligned) response.hits = response.hits.slice(offset);
    const hits = response.hits.map((hit) => {
      const { _geoDistance, ...document } = hit as Record<string, unknown>;
      withoutExtras(document);
      let distance: number | null = null;
      if (query.near) {
        distance = typeof _geoDistance === 'number' ? _geoDistance / 1000 : distanceKm(query.near, document.location as GeoPoint);
      }
      return { document: document as D, distanceKm: distance };
    });
    return { hits, total, totalEstimated: total >= MAX_TOTAL_HITS, limit, offset };
  }

  return {
    name: 'meilisearch',

    async health() {
      await client.health();
    },

    async setup() {
      return reconcile(false);
    },

    async applySettings() {
      return reconcile(true);
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      const byId = new Map<string, DocumentOf[typeof index] & MeiliExtras>();
      for (const document of documents) byId.set(document.id, toMeili(index, document));
      const all = [...byId.values()];
      for (let i = 0; i < all.length; i += DOCUMENT_BATCH) {
        await done(client.index(uid(index)).addDocuments(all.slice(i, i + DOCUMENT_BATCH), { primaryKey: 'id' }));
      }
    },

    async remove(index, ids) {
      // By filter: the route the API description documents for deleting a batch of documents.
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        await done(client.index(uid(index)).deleteDocuments({ filter: `id IN ${list(ids.slice(i, i + DELETE_BATCH))}` }));
      }
    },

    async *ids(index, batchSize = 1000) {
      for (let offset = 0; ; offset += batchSize) {
        const page = await client.index(uid(index)).getDocuments<{ id: string }>({ fields: ['id'], limit: batchSize, offset });
        if (page.results.length > 0) yield page.results.map((d) => d.id);
        if (page.results.length < batchSize) return;
      }
    },

    async clear(index) {
      await done(client.index(uid(index)).deleteAllDocuments());
    },

    async documents(index, ids, fields) {
      const found: never[] = [];
      // With a filter, the client posts to /documents/fetch (ids in the body, not in the URL).
      for (let i = 0; i < ids.length; i += FETCH_BATCH) {
        const chunk = ids.slice(i, i + FETCH_BATCH);
        const page = await client.index(uid(index)).getDocuments<Record<string, unknown>>({
          filter: `id IN ${list(chunk)}`,
          ...(fields ? { fields: [...fields] as string[] } : {}),
          limit: chunk.length,
          offset: 0,
          retrieveVectors: false,
        });
        for (const document of page.results) found.push(withoutExtras(document) as never);
      }
      return found;
    },

    async searchOffers(query: OfferQuery) {
      return search<OfferDocument>('offers', meiliFilter({ index: 'offers', query }), query);
    },

    async searchImmersionSlots(query: ImmersionSlotQuery) {
      return search<ImmersionSlotDocument>('immersion_slots', meiliFilter({ index: 'immersion_slots', query }), query);
    },

    async searchYouth(query: YouthQuery) {
      return search<YouthDocument>('youth', meiliFilter({ index: 'youth', query }), query);
    },

    async close() {},
  };
}
