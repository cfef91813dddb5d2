import type { Sql } from '../../../db/client.js';
import type { DocumentOf, ImmersionSlotDocument, IndexName, OfferDocument, YouthDocument } from './documents.js';
import {
  checkNear,
  paging,
  present,
  type ImmersionSlotQuery,
  type NearFilter,
  type OfferQuery,
  type SearchEngine,
  type SearchPage,
  type YouthQuery,
} from './engine.js';
import { EARTH_RADIUS_KM } from '../../domain/geo.js';
import { project, queryWords, sortTime, weightedText } from './fields.js';

/**
 * The PostgreSQL engine: documents in `search_*` tables (db/schema/search.ts), matched by
 * French full-text search on unaccented text, filtered by radius with a latitude/longitude range
 * around the circle (b-tree indexed) then the exact haversine distance.
 *
 * Typos, like Meilisearch: each query word of 5 letters or more also matches the indexed words
 * within Levenshtein distance 1 (2 from 9 letters). Those are looked up in `search_vocabulary`
 * (trigram index, then fuzzystrmatch) and OR-ed into the full-text query, so matching documents
 * is always one GIN index condition, however many documents there are.
 *
 * Writes are set-based: one statement per batch of documents, whatever its size (the documents
 * travel as one jsonb array and every column is computed by the server).
 */
/**
 * A piece of a search statement: SQL text and the values it carries, numbered ($1…) only when
 * the statement is assembled. Search statements run as unnamed statements (sql.unsafe), so
 * PostgreSQL plans each one with its actual values: a prepared statement soon switches to a
 * generic plan, which cannot tell a radius holding half the documents from a village's, nor a
 * common word from a rare one, and then picks the wrong index for one of them.
 */
class Fragment {
  constructor(readonly chunks: readonly (string | { value: unknown })[]) {}
}

/** Tagged template: interpolated fragments are spliced in, any other value becomes a parameter. */
function q(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  const chunks: (string | { value: unknown })[] = [];
  strings.forEach((text, i) => {
    chunks.push(text);
    if (i >= values.length) return;
    const value = values[i];
    if (value instanceof Fragment) chunks.push(...value.chunks);
    else chunks.push({ value });
  });
  return new Fragment(chunks);
}

/** Trusted SQL text: identifiers and keywords of this file, never user input. */
const raw = (text: string) => new Fragment([text]);

function assemble(fragment: Fragment): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let text = '';
  for (const chunk of fragment.chunks) {
    if (typeof chunk === 'string') text += chunk;
    else text += `$${values.push(chunk.value)}`;
  }
  return { text, values };
}

interface ColumnSpec {
  name: string;
  /** How the column is read from the row object the batch carries. */
  type: 'uuid' | 'text' | 'text[]' | 'boolean';
}

interface TableSpec<I extends IndexName> {
  table: string;
  /** Filter columns of this index, beyond the common ones (id, document, schedules, geo, text). */
  columns: ColumnSpec[];
  values(document: DocumentOf[I]): Record<string, unknown>;
}

const TABLES: { [I in IndexName]: TableSpec<I> } = {
  offers: {
    table: 'search_offers',
    columns: [
      { name: 'employer_id', type: 'uuid' },
      { name: 'status', type: 'text' },
      { name: 'rome_code', type: 'text' },
      { name: 'contract_type', type: 'text' },
    ],
    values: (d) => ({ employer_id: d.employerId, status: d.status, rome_code: d.romeCode, contract_type: d.contractType }),
  },
  immersion_slots: {
    table: 'search_immersion_slots',
    columns: [
      { name: 'employer_id', type: 'uuid' },
      { name: 'status', type: 'text' },
      { name: 'rome_code', type: 'text' },
    ],
    values: (d) => ({ employer_id: d.employerId, status: d.status, rome_code: d.romeCode }),
  },
  youth: {
    table: 'search_youth',
    columns: [
      { name: 'structure_id', type: 'uuid' },
      { name: 'searchable', type: 'boolean' },
      { name: 'rome_codes', type: 'text[]' },
      { name: 'contract_types', type: 'text[]' },
    ],
    values: (d) => ({
      structure_id: d.structureId,
      searchable: d.searchable,
      rome_codes: d.targetRomeCodes,
      contract_types: d.contractTypes,
    }),
  },
};

/** Documents per statement: large enough to amortise round trips, small enough for memory. */
const UPSERT_BATCH = 1000;
/** Typos are tolerated where Meilisearch tolerates them: one from 5 letters, two from 9. */
const typosAllowed = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);
/** Corrections kept per query word, closest first. */
const MAX_VARIANTS = 10;
/**
 * The latitude and longitude ranges holding every point within the radius (a little wider, for
 * rounding), for the (lat, lng) b-tree indexes; the exact haversine distance then decides.
 * Plain column ranges give the planner real estimates from the columns' statistics, so it can
 * tell a 30 km radius around Lyon (half the documents) from one around a village.
 * No longitude range when the circle reaches a pole or crosses the antimeridian.
 */
export function boundingBox(near: NearFilter): { lat: [number, number]; lng: [number, number] | null } {
  const angle = near.radiusKm / EARTH_RADIUS_KM; // radians
  const margin = 1.000001;
  const degrees = (radians: number) => ((radians * 180) / Math.PI) * margin + 1e-9;
  const dLat = degrees(angle);
  const lat: [number, number] = [Math.max(-90, near.lat - dLat), Math.min(90, near.lat + dLat)];
  // The widest longitude span of a spherical cap: asin(sin(angle) / cos(lat)).
  const ratio = Math.sin(angle) / Math.cos((near.lat * Math.PI) / 180);
  if (angle >= Math.PI / 2 || ratio >= 1) return { lat, lng: null };
  const dLng = degrees(Math.asin(ratio));
  if (near.lng - dLng < -180 || near.lng + dLng > 180) return { lat, lng: null };
  return { lat, lng: [near.lng - dLng, near.lng + dLng] };
}

function readColumn({ name, type }: ColumnSpec): string {
  switch (type) {
    case 'uuid':
      return `(r->>'${name}')::uuid`;
    case 'boolean':
      return `(r->>'${name}')::boolean`;
    case 'text[]':
      return `array(select jsonb_array_elements_text(r->'${name}'))`;
    default:
      return `r->>'${name}'`;
  }
}

/**
 * The upsert statement of an index: constant text, so postgres.js prepares it once. It also
 * records the batch's words in search_vocabulary, in a stable order so that concurrent batches
 * never deadlock on them.
 */
function upsertStatement(spec: TableSpec<IndexName>): string {
  const vector = (['a', 'b', 'c', 'd'] as const)
    .map((w) => `setweight(to_tsvector('french_unaccent', r->>'${w}'), '${w.toUpperCase()}')`)
    .join(' || ');
  const columns: [string, string][] = [
    ['id', `(r->>'id')::uuid`],
    ['document', `r->'document'`],
    ['schedules', readColumn({ name: 'schedules', type: 'text[]' })],
    ['lat', `(r->>'lat')::float8`],
    ['lng', `(r->>'lng')::float8`],
    ['sort_at', `to_timestamp((r->>'sort_at')::float8 / 1000)`],
    ['search_vector', vector],
    ['indexed_at', 'now()'],
    ...spec.columns.map((c): [string, string] => [c.name, readColumn(c)]),
  ];
  return `with batch as (select r from jsonb_array_elements($1::jsonb) r),
    vocabulary as (
      insert into search_vocabulary (word)
      select distinct word
      from batch, unnest(string_to_array(passerelle_normalize(concat_ws(' ', r->>'a', r->>'b', r->>'c', r->>'d')), ' ')) word
      where length(word) between 4 and 40 and word ~ '[a-z]'
      order by word
      on conflict do nothing
    )
    insert into ${spec.table} (${columns.map(([name]) => name).join(', ')})
    select ${columns.map(([, expr]) => expr).join(', ')} from batch
    on conflict (id) do update set ${columns
      .filter(([name]) => name !== 'id')
      .map(([name]) => `${name} = excluded.${name}`)
      .join(', ')}`;
}

function row<I extends IndexName>(index: I, input: DocumentOf[I]): Record<string, unknown> {
  const document = project(index, input);
  return {
    id: document.id,
    document,
    schedules: document.schedules,
    lat: document.location.lat,
    lng: document.location.lng,
    sort_at: sortTime(index, document),
    ...weightedText(index, document),
    ...(TABLES[index] as TableSpec<I>).values(document),
  };
}

/**
 * An employer's own documents in any status (or `statuses`); without an employer, only what
 * is public (`published` offers, `open` slots), whatever `statuses` says.
 */
function employerScope(query: { employerId?: string; statuses?: readonly string[] }, publicStatus: string): Fragment[] {
  if (query.employerId === undefined) return [q`status = ${publicStatus}`];
  const filters = [q`employer_id = ${query.employerId}::uuid`];
  if (present(query.statuses)) filters.push(q`status = any(${[...query.statuses]}::text[])`);
  return filters;
}

export function createPostgresSearchEngine(sql: Sql): SearchEngine {
  const and = (parts: Fragment[]): Fragment =>
    parts.length === 0 ? q`true` : parts.reduce((acc, part) => q`${acc} and ${part}`);

  /** Runs a search statement unprepared: planned for its values (see Fragment). */
  function run<T extends readonly object[]>(fragment: Fragment): Promise<T> {
    const { text, values } = assemble(fragment);
    return sql.unsafe(text, values as never[], { prepare: false }) as unknown as Promise<T>;
  }

  /**
   * The full-text queries of the words: `expanded` ORs each word with its corrections and
   * matches; `exact` (the words as typed) only adds to the score, so exact matches rank first.
   * Words are [a-z0-9]+ (folded), safe inside to_tsquery syntax.
   */
  async function textQuery(words: string[]): Promise<{ expanded: string; exact: string }> {
    const last = words.length - 1;
    const typed = words.map((w, i) => (i === last ? `${w}:*` : w));
    const fuzzy = words.filter((w) => typosAllowed(w) > 0);
    const variants = new Map<string, string[]>();
    if (fuzzy.length > 0) {
      const rows = await sql<{ word: string; variants: string[] }[]>`
        select x.word, array(
          select v.word from search_vocabulary v
          where v.word % x.word and v.word <> x.word and levenshtein_less_equal(v.word, x.word, x.k) <= x.k
          order by levenshtein_less_equal(v.word, x.word, x.k), v.word
          limit ${MAX_VARIANTS}
        ) as variants
        from unnest(${fuzzy}::text[], ${fuzzy.map(typosAllowed)}::int[]) as x(word, k)`;
      for (const r of rows) variants.set(r.word, r.variants);
    }
    const expanded = words
      .map((w, i) => {
        const alternatives = [typed[i]!, ...(variants.get(w) ?? [])];
        return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`;
      })
      .join(' & ');
    return { expanded, exact: typed.join(' & ') };
  }

  function geoFilter(near: NearFilter): { where: Fragment; distance: Fragment } {
    const distance = q`passerelle_distance_km(lat, lng, ${near.lat}::float8, ${near.lng}::float8)`;
    const { lat, lng } = boundingBox(near);
    const lngRange = lng ? q`and lng between ${lng[0]}::float8 and ${lng[1]}::float8` : q``;
    const where = q`lat between ${lat[0]}::float8 and ${lat[1]}::float8 ${lngRange}
      and ${distance} <= ${near.radiusKm}::float8`;
    return { where, distance };
  }

  async function search<D>(
    table: string,
    filters: Fragment[],
    query: { q?: string; near?: NearFilter; schedules?: readonly string[]; limit?: number; offset?: number },
  ): Promise<SearchPage<D>> {
    checkNear(query.near);
    const { limit, offset } = paging(query);
    const where = [...filters];
    if (present(query.schedules)) where.push(q`schedules && ${[...query.schedules]}::text[]`);
    const words = queryWords(query.q);
    const text = words.length > 0 ? await textQuery(words) : null;
    const geo = query.near ? geoFilter(query.near) : null;
    let score: Fragment = q`0::float8`;
    if (text) {
      const expanded = q`to_tsquery('french_unaccent', ${text.expanded})`;
      where.push(q`search_vector @@ ${expanded}`);
      score = q`ts_rank(search_vector, ${expanded}) + ts_rank(search_vector, to_tsquery('french_unaccent', ${text.exact}))`;
    }
    if (geo) where.push(geo.where);

    // Relevance first when there is text, then distance when there is a point, else newest;
    // id last so that equal keys keep one order across pages.
    const keys: string[] = [
      ...(text ? ['score desc'] : []),
      ...(geo ? ['distance_km asc'] : []),
      ...(!text && !geo ? ['sort_at desc'] : []),
      'id asc',
    ];
    const order = (qualifier: string) => raw(keys.map((key) => `${qualifier}${key}`).join(', '));
    const condition = and(where);
    const distance = geo ? geo.distance : q`null::float8`;
    const from = raw(`"${table}"`);
    type Row = { total: number; document: D | null; distance_km: number | null };
    // The page is chosen on narrow rows (ids and sort keys); documents are read for it alone.
    const rows =
      text || geo
        ? // Text and radius queries visit every match anyway (to rank or measure it): one pass
          // counts them too.
          await run<Row[]>(q`
            select p.total, d.document, p.distance_km
            from (
              select id, sort_at, score, distance_km, count(*) over ()::int as total
              -- offset 0 keeps the scores computed below the count, so the window holds narrow rows
              from (select id, sort_at, ${score} as score, ${distance} as distance_km from ${from} where ${condition} offset 0) m
              order by ${order('')}
              limit ${limit} offset ${offset}
            ) p
            join ${from} d on d.id = p.id
            order by ${order('p.')}`)
        : // Listing newest first walks the (scope, sort_at, id) index and stops at the page;
          // the count is a separate index-only scan.
          await run<Row[]>(q`
            select c.total, d.document, p.distance_km
            from (select count(*)::int as total from ${from} where ${condition}) c
            left join lateral (
              select id, sort_at, null::float8 as distance_km from ${from}
              where ${condition}
              order by ${order('')}
              limit ${limit} offset ${offset}
            ) p on true
            left join ${from} d on d.id = p.id
            order by ${order('p.')}`);
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && offset > 0 && (text || geo)) {
      // Past the last page the windowed count has no row to ride on.
      const [counted] = await run<{ total: number }[]>(q`select count(*)::int as total from ${from} where ${condition}`);
      total = counted?.total ?? 0;
    }
    const hits = rows
      .filter((r) => r.document !== null)
      .map((r) => ({ document: r.document as D, distanceKm: r.distance_km }));
    return { hits, total, limit, offset };
  }

  return {
    name: 'postgres',

    async health() {
      await sql`select 1`;
    },

    async setup() {
      // The tables come from the migrations; fail early and clearly when they have not run.
      for (const spec of Object.values(TABLES)) {
        const [found] = await sql<{ exists: boolean }[]>`select to_regclass(${spec.table}) is not null as exists`;
        if (!found?.exists) throw new Error(`search table ${spec.table} is missing: run the migrations`);
      }
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      // The last version of a document wins; a statement may not touch a row twice.
      const byId = new Map<string, Record<string, unknown>>();
      for (const document of documents) byId.set(document.id, row(index, document));
      const rows = [...byId.values()];
      const statement = upsertStatement(TABLES[index] as TableSpec<IndexName>);
      for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
        await sql.unsafe(statement, [JSON.stringify(rows.slice(i, i + UPSERT_BATCH))]);
      }
    },

    async remove(index, ids) {
      if (ids.length === 0) return;
      await sql`delete from ${sql(TABLES[index].table)} where id = any(${[...ids]}::uuid[])`;
    },

    async *ids(index, batchSize = 1000) {
      const table = sql(TABLES[index].table);
      let after: string | null = null;
      for (;;) {
        const rows: { id: string }[] = await sql`
          select id from ${table} where ${after === null ? sql`true` : sql`id > ${after}::uuid`}
          order by id limit ${batchSize}`;
        if (rows.length === 0) return;
        yield rows.map((r) => r.id);
        after = rows[rows.length - 1]!.id;
        if (rows.length < batchSize) return;
      }
    },

    async clear(index) {
      await sql`delete from ${sql(TABLES[index].table)}`;
    },

    async searchOffers(query: OfferQuery) {
      const filters = employerScope(query, 'published');
      if (present(query.romeCodes)) filters.push(q`rome_code = any(${[...query.romeCodes]}::text[])`);
      if (present(query.contractTypes)) filters.push(q`contract_type = any(${[...query.contractTypes]}::text[])`);
      return search<OfferDocument>('search_offers', filters, query);
    },

    async searchImmersionSlots(query: ImmersionSlotQuery) {
      const filters = employerScope(query, 'open');
      if (present(query.romeCodes)) filters.push(q`rome_code = any(${[...query.romeCodes]}::text[])`);
      return search<ImmersionSlotDocument>('search_immersion_slots', filters, query);
    },

    async searchYouth(query: YouthQuery) {
      if (!query.structureId) throw new TypeError('a youth search is always scoped to a structure');
      const filters: Fragment[] = [q`structure_id = ${query.structureId}::uuid`, q`searchable`];
      if (present(query.romeCodes)) filters.push(q`rome_codes && ${[...query.romeCodes]}::text[]`);
      if (present(query.contractTypes)) filters.push(q`contract_types && ${[...query.contractTypes]}::text[]`);
      return search<YouthDocument>('search_youth', filters, query);
    },

    async close() {
      // The connection pool belongs to the process (deps.sql), not to the engine.
    },
  };
}
