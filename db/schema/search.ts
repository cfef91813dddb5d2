import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Storage of the PostgreSQL search engine (src/adapters/search/postgres-engine.ts): one table per
 * index, holding the anonymised document as it was indexed plus what queries filter and rank on.
 * Written only by the search engine, from the indexing jobs; never read by the business modules.
 *
 * - `search_vector`: weighted French full-text vector built with the `french_unaccent` text
 *   search configuration (accents folded, then French stemming), GIN-indexed;
 * - typo tolerance goes through `search_vocabulary` (below), not through a trigram index on
 *   each document's text: far cheaper to maintain and to query at 50,000+ documents;
 * - `lat`/`lng`: b-tree index on (lat, lng) for the radius prefilter, a latitude and longitude
 *   range around the circle: plain column ranges let the planner estimate from the columns'
 *   statistics how many documents a radius holds (an earthdistance box is always guessed at
 *   0.1 %, which sent every radius query, even around Lyon, through the geographic index);
 * - `sort_at`: the "newest first" order (publication of an offer, last update otherwise).
 */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

// A function, not a shared object: each table gets its own column builders.
const common = () => ({
  id: uuid('id').primaryKey(),
  document: jsonb('document').notNull(),
  schedules: text('schedules').array().notNull(),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  sortAt: timestamp('sort_at', { withTimezone: true }).notNull(),
  searchVector: tsvector('search_vector').notNull(),
  indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
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
    index('search_offers_vector_idx').using('gin', t.searchVector),
    index('search_offers_lat_lng_idx').on(t.lat, t.lng),
    index('search_offers_status_sort_idx').on(t.status, t.sortAt.desc().nullsFirst(), t.id),
    index('search_offers_rome_idx').on(t.romeCode),
    index('search_offers_employer_idx').on(t.employerId),
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
    index('search_immersion_slots_vector_idx').using('gin', t.searchVector),
    index('search_immersion_slots_lat_lng_idx').on(t.lat, t.lng),
    index('search_immersion_slots_status_sort_idx').on(t.status, t.sortAt.desc().nullsFirst(), t.id),
    index('search_immersion_slots_rome_idx').on(t.romeCode),
    index('search_immersion_slots_employer_idx').on(t.employerId),
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
    index('search_youth_vector_idx').using('gin', t.searchVector),
    index('search_youth_lat_lng_idx').on(t.lat, t.lng),
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
