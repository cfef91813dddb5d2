import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Storage of the PostgreSQL search engine (src/adapters/search/postgres-engine.ts): one table per
 * index, holding the anonymised document as it was indexed plus what queries filter and rank on.
 * Written only by the search engine, from the indexing jobs; never read by the business modules.
 *
 * - `search_vector`: weighted French full-text vector of every searchable field, built with the
 *   `french_unaccent` text search configuration (accents folded, then French stemming),
 *   GIN-indexed within the scope every search of that kind has (published offers, open slots, a
 *   structure's searchable youth: btree_gin): which documents match, and how many. A scope left
 *   to a bitmap of its own cost more than the words' bitmap (80,000 published offers);
 * - `rank_vector`: the same for the first searchable field only (an offer's title, a youth's
 *   target occupations), indexed with RUM (extension `rum`) together with `tie_key`: matches in
 *   that field come first, as Meilisearch's `attribute` rule puts them, and among them the index
 *   hands them out in id order (`tie_key |=> min`), so a page of a common word reads the page, not
 *   every one of its thousands of tied matches. Only that short field is in the RUM index: RUM
 *   writes cost several times GIN's per word;
 * - `tie_key`: the first 64 bits of the id as a signed integer that sorts as the id does (the
 *   top bit flipped), the order that breaks ties on both engines (Meilisearch sorts by `id:asc`).
 *   RUM can order by an attached integer, not by a uuid. Two random ids share those bits with odds
 *   of about 2^-60 per pair; the index then orders them as it finds them;
 * - typo tolerance goes through `search_vocabulary` (below), not through a trigram index on
 *   each document's text: far cheaper to maintain and to query at 50,000+ documents;
 * - `geo`: the point as a PostGIS `geography` (computed from `lat`/`lng`), GiST-indexed: radius
 *   filters (`ST_DWithin`) and nearest-first pages (`geo <-> point`, a KNN index scan that stops
 *   at the page) on the sphere, whose distances are the haversine ones Meilisearch computes;
 *   youth's within the structure's searchable youth, the scope of every youth search; published
 *   offers' within their contract type, so that a radius with a contract filter is one bitmap of
 *   what both keep, not two of tens of thousands of entries each (an employer's own offers, in
 *   any status, are found by employer_id);
 * - `sort_at`: the "newest first" order (publication of an offer, last update otherwise);
 * - `updated_at`: the document's `updatedAt`, copied out of it when the row is written, so that a
 *   page of ids and version stamps (the matching's retrieval, which keeps the documents it has
 *   seen: src/modules/matches/opportunity-cache.ts) reads no TOASTed document;
 * - GIN indexes keep a pending list of at most 256 kB (migration 0027): every search reads it;
 *   the offers' words index 1 MB (migration 0030), merged in larger runs, which costs each offer
 *   written less CPU;
 * - `(rome_code, geo)`: one GiST index over both (btree_gist), on public documents only, so that
 *   "this occupation, nearest first" walks that code's documents by distance, whether the code
 *   holds half the offers or a few hundred; it also serves a ROME filter without a place;
 * - PostgreSQL never ANDs the bitmaps of two partial indexes whose predicates imply each other
 *   (it deems the second redundant): a text search of published offers with a contract filter
 *   ANDs the words with the contract type's b-tree, not with the published (contract_type, geo).
 */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
const geography = customType<{ data: string }>({
  dataType: () => 'geography(Point, 4326)',
});

// A function, not a shared object: each table gets its own column builders.
const common = () => ({
  id: uuid('id').primaryKey(),
  document: jsonb('document').notNull(),
  schedules: text('schedules').array().notNull(),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  geo: geography('geo')
    .notNull()
    .generatedAlwaysAs(sql`ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography`),
  sortAt: timestamp('sort_at', { withTimezone: true }).notNull(),
  searchVector: tsvector('search_vector').notNull(),
  rankVector: tsvector('rank_vector').notNull(),
  tieKey: bigint('tie_key', { mode: 'bigint' })
    .notNull()
    .generatedAlwaysAs(sql`('x' || left(replace(id::text, '-', ''), 16))::bit(64)::bigint # (-9223372036854775808)::bigint`),
  indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: text('updated_at')
    .notNull()
    .generatedAlwaysAs(sql`document->>'updatedAt'`),
});

export const searchOffers = pgTable(
  'search_offers',
  {
    ...common(),
    employerId: uuid('employer_id').notNull(),
    status: text('status').notNull(),
    romeCode: text('rome_code').notNull(),
    contractType: text('contract_type').notNull(),
  },
  (t) => [
    // Public searches only (an employer's own offers are found through employer_id): the status
    // is then the index's predicate, never a bitmap of its own (see the header).
    index('search_offers_published_vector_idx').using('gin', t.searchVector).where(sql`${t.status} = 'published'`),
    index('search_offers_rank_tie_rum_idx')
      .using('rum', t.rankVector.op('rum_tsvector_addon_ops'), t.tieKey)
      .with({ attach: 'tie_key', to: 'rank_vector' }),
    index('search_offers_published_contract_geo_idx').using('gist', t.contractType, t.geo).where(sql`${t.status} = 'published'`),
    index('search_offers_status_sort_idx').on(t.status, t.sortAt.desc().nullsFirst(), t.id),
    index('search_offers_published_rome_geo_idx').using('gist', t.romeCode, t.geo).where(sql`${t.status} = 'published'`),
    index('search_offers_employer_idx').on(t.employerId),
    // Filters without text nor place: counting the matches reads index entries, not the table.
    index('search_offers_contract_idx').on(t.contractType),
    // Schedules within the contract type (btree_gin), published: one scan gives what both keep.
    index('search_offers_published_contract_schedules_idx').using('gin', t.contractType, t.schedules).where(sql`${t.status} = 'published'`),
  ],
);

export const searchImmersionSlots = pgTable(
  'search_immersion_slots',
  {
    ...common(),
    employerId: uuid('employer_id').notNull(),
    status: text('status').notNull(),
    romeCode: text('rome_code').notNull(),
  },
  (t) => [
    index('search_immersion_slots_open_vector_idx').using('gin', t.searchVector).where(sql`${t.status} = 'open'`),
    index('search_immersion_slots_rank_tie_rum_idx')
      .using('rum', t.rankVector.op('rum_tsvector_addon_ops'), t.tieKey)
      .with({ attach: 'tie_key', to: 'rank_vector' }),
    index('search_immersion_slots_geo_idx').using('gist', t.geo),
    index('search_immersion_slots_status_sort_idx').on(t.status, t.sortAt.desc().nullsFirst(), t.id),
    index('search_immersion_slots_open_rome_geo_idx').using('gist', t.romeCode, t.geo).where(sql`${t.status} = 'open'`),
    index('search_immersion_slots_employer_idx').on(t.employerId),
    index('search_immersion_slots_schedules_idx').using('gin', t.schedules),
  ],
);

export const searchYouth = pgTable(
  'search_youth',
  {
    ...common(),
    structureId: uuid('structure_id').notNull(),
    searchable: boolean('searchable').notNull(),
    romeCodes: text('rome_codes').array().notNull(),
    contractTypes: text('contract_types').array().notNull(),
  },
  (t) => [
    // The words within the structure's searchable youth (btree_gin), as the place is below.
    index('search_youth_structure_vector_idx').using('gin', t.structureId, t.searchVector).where(sql`${t.searchable}`),
    index('search_youth_rank_tie_rum_idx')
      .using('rum', t.rankVector.op('rum_tsvector_addon_ops'), t.tieKey)
      .with({ attach: 'tie_key', to: 'rank_vector' }),
    // Every youth search is scoped to a structure's searchable youth: the place is indexed within
    // that scope (btree_gist), so a radius reads the structure's youth only, and a walk by
    // distance walks them only, not every structure's youth nearer.
    index('search_youth_structure_geo_idx').using('gist', t.structureId, t.geo).where(sql`${t.searchable}`),
    index('search_youth_structure_sort_idx').on(t.structureId, t.sortAt.desc().nullsFirst(), t.id).where(sql`${t.searchable}`),
    index('search_youth_rome_idx').using('gin', t.romeCodes),
  ],
);

/**
 * Every word (folded, 4+ letters) of the indexed texts, trigram-indexed: a query word with a
 * typo is first matched against this small table (trigram similarity, then Levenshtein distance
 * 1, or 2 from 9 letters, as Meilisearch allows), and the words found join the full-text query.
 * Words are never removed: one left by a deleted document only widens a query with no effect.
 */
export const searchVocabulary = pgTable(
  'search_vocabulary',
  { word: text('word').primaryKey() },
  (t) => [index('search_vocabulary_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);
