import type { DocumentOf, ImmersionSlotDocument, IndexName, OfferDocument, YouthDocument } from './documents.js';

/**
 * The search layer: one interface, two real engines (Meilisearch in production, PostgreSQL
 * full-text + trigram + geo by default). Only anonymised projections ever reach an engine.
 *
 * Ordering, the same in both engines:
 * - with free text: relevance first (then distance when `near` is given);
 * - with `near` and no text: distance ascending;
 * - otherwise: newest first (offers by publication, slots and youth by last update);
 * - always tie-broken by id ascending, so that pages never overlap nor skip a document.
 *
 * Empty lists in a query (`romeCodes: []`) mean "no constraint", like an absent field.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Throws when the engine cannot answer. */
  health(): Promise<void>;
  /**
   * At process start: checks the storage exists (Postgres), creates missing indexes with their
   * settings (Meilisearch), and reports the settings of existing indexes that differ from ours
   * without changing them — changing them makes Meilisearch re-index, which is for
   * `applySettings` (`npm run search:setup`) to do, once, on purpose.
   */
  setup(): Promise<SettingsReport[]>;
  /** `npm run search:setup`: what setup() does, then the differing settings applied (only those). */
  applySettings(): Promise<SettingsReport[]>;
  /** Inserts or fully replaces documents by id. Resolves once they are searchable. */
  upsert<I extends IndexName>(index: I, documents: readonly DocumentOf[I][]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. Resolves once they are gone. */
  remove(index: IndexName, ids: readonly string[]): Promise<void>;
  /** Every id the index holds, in batches: a reindex removes those its source no longer has. */
  ids(index: IndexName, batchSize?: number): AsyncIterable<string[]>;
  /** Removes every document of the index (tests, full rebuilds). */
  clear(index: IndexName): Promise<void>;
  searchOffers<K extends keyof OfferDocument = keyof OfferDocument>(query: OfferQuery<K>): Promise<SearchPage<Pick<OfferDocument, K>>>;
  searchImmersionSlots<K extends keyof ImmersionSlotDocument = keyof ImmersionSlotDocument>(
    query: ImmersionSlotQuery<K>,
  ): Promise<SearchPage<Pick<ImmersionSlotDocument, K>>>;
  searchYouth(query: YouthQuery): Promise<SearchPage<YouthDocument>>;
  /**
   * The documents of these ids, whatever their status, with only `fields` (each document in full
   * without them), in no particular order; unknown ids are left out. The matching's retrieval
   * reads pages of ids and version stamps (`fields: ['id', 'updatedAt']`) and asks here only for
   * the documents it does not hold yet.
   */
  documents<I extends IndexName, K extends keyof DocumentOf[I] = keyof DocumentOf[I]>(
    index: I,
    ids: readonly string[],
    fields?: readonly K[],
  ): Promise<Pick<DocumentOf[I], K>[]>;
  close(): Promise<void>;
}

export interface SettingsReport {
  index: IndexName;
  /** The index did not exist and was created with our settings. */
  created: boolean;
  /** Settings whose value on the server differs from ours (before anything was applied). */
  differing: string[];
  /** Settings sent to the server by this call. */
  applied: string[];
}

export interface NearFilter {
  lat: number;
  lng: number;
  /** Great-circle distance from the point, inclusive. */
  radiusKm: number;
}

interface BaseQuery {
  /** Free text: typo and accent tolerant; every meaningful word must match. */
  q?: string;
  romeCodes?: readonly string[];
  near?: NearFilter;
  /** Documents accepting at least one of these schedules. */
  schedules?: readonly string[];
  /** Page size, 1..MAX_LIMIT (default DEFAULT_LIMIT); up to MAX_TOTAL_HITS with `fields`. */
  limit?: number;
  offset?: number;
  /**
   * False when the caller reads the hits only (the matching's retrieval): an engine that counts
   * separately may skip it, and then `total` is only what the page shows (offset + hits).
   */
  count?: boolean;
}

/**
 * The fields of each hit, when not the whole document: the matching's retrieval reads hundreds
 * of documents per suggestion and scores a handful of their fields; the others (descriptions,
 * the ROME label's job titles) would only be decoded and shipped to be dropped.
 */
interface Projection<K> {
  fields?: readonly K[];
}

export interface OfferQuery<K extends keyof OfferDocument = keyof OfferDocument> extends BaseQuery, Projection<K> {
  contractTypes?: readonly string[];
  /**
   * Scope of an employer looking at their own offers: every status (or `statuses`).
   * Without it only `published` offers are found, whatever `statuses` says.
   */
  employerId?: string;
  statuses?: readonly OfferDocument['status'][];
}

export interface ImmersionSlotQuery<K extends keyof ImmersionSlotDocument = keyof ImmersionSlotDocument> extends BaseQuery, Projection<K> {
  /** Same rule as offers: without an employer scope only `open` slots are found. */
  employerId?: string;
  statuses?: readonly ImmersionSlotDocument['status'][];
}

export interface YouthQuery extends BaseQuery {
  /** Mandatory: an advisor only ever searches their own structure's youth. */
  structureId: string;
  /** Youth seeking at least one of these contract types. */
  contractTypes?: readonly string[];
}

export interface SearchHit<D> {
  document: D;
  /** Great-circle distance to `near`, in km; null when the query has no `near`. */
  distanceKm: number | null;
}

export interface SearchPage<D> {
  hits: SearchHit<D>[];
  /**
   * Number of documents matching, counted exactly up to MAX_TOTAL_HITS; counting stops there
   * (Meilisearch's `maxTotalHits`), so a total that reached it means "at least this many".
   */
  total: number;
  /** True when `total` reached MAX_TOTAL_HITS: there may be more matches than it says. */
  totalEstimated: boolean;
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/**
 * How far both engines count and page: Meilisearch neither counts nor returns hits beyond its
 * `maxTotalHits` (set to this value), and the PostgreSQL engine stops counting there, which
 * bounds the cost of every query. A page ends at this rank at the latest.
 */
export const MAX_TOTAL_HITS = 1000;

/**
 * Clamps paging to what both engines accept (the API validates first; this is a backstop). A page
 * of whole documents holds MAX_LIMIT at most; a page of a few fields (`fields`: the matching's
 * retrieval) may reach MAX_TOTAL_HITS, so that a deep read takes one statement, not ten.
 */
export function paging(query: { limit?: number; offset?: number; fields?: readonly unknown[] }): { limit: number; offset: number } {
  const max = query.fields ? MAX_TOTAL_HITS : MAX_LIMIT;
  const limit = Math.min(max, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
  const offset = Math.min(MAX_TOTAL_HITS - limit, Math.max(0, Math.trunc(query.offset ?? 0)));
  return { limit, offset };
}

/** Refuses coordinates no engine can use, rather than letting them reach a query string. */
export function checkNear(near: NearFilter | undefined): void {
  if (!near) return;
  const { lat, lng, radiusKm } = near;
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`invalid latitude: ${lat}`);
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new RangeError(`invalid longitude: ${lng}`);
  if (!Number.isFinite(radiusKm) || radiusKm <= 0) throw new RangeError(`invalid radius: ${radiusKm}`);
}

/** A list filter is applied only when it has values. */
export function present<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0;
}
