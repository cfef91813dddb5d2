import type { Sql } from '../../../db/client.js';
import type { DocumentOf, ImmersionSlotDocument, IndexName, OfferDocument, YouthDocument } from './documents.js';
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
import { DOCUMENT_KEYS, project, queryWords, sortTime, weightedText } from './fields.js';
import { lexemeCache } from './postgres-lexemes.js';

/**
 * The PostgreSQL engine: documents in `search_*` tables (db/schema/search.ts), matched by
 * French full-text search on unaccented text (GIN, and RUM for the first field's rank), filtered
 * and ordered by distance on a PostGIS `geography` point (GiST: `ST_DWithin`, KNN `<->`).
 *
 * Typos, like Meilisearch: each query word of 5 letters or more also matches the indexed words
 * within Levenshtein distance 1 (2 from 9 letters). Those are looked up in `search_vocabulary`
 * (trigram index, then fuzzystrmatch) and OR-ed into the full-text query, so matching documents
 * is always one GIN index condition, however many documents there are.
 *
 * Writes are set-based: one statement per 250 documents (they travel as one jsonb array), two at a
 * time; the server computes every column but `search_vector`, which the writer assembles from
 * lexemes the server computed once per chunk of text (postgres-lexemes.ts).
 */
/**
 * A piece of a search statement: SQL text and the values it carries, numbered ($1…) only when
 * the statement is assembled. Search statements must be planned with their actual values: a
 * generic plan cannot tell a radius holding half the documents from a village's, nor a common
 * word from a rare one, and then picks the wrong index for one of them (prepared statements that
 * switched to generic plans cost the matching's retrieval 14 times the CPU). They run as prepared
 * statements on a pool whose sessions set `plan_cache_mode = force_custom_plan`
 * (SEARCH_POOL_SETTINGS in src/deps.ts): each execution is still planned for its values, but the
 * statement is parsed and described once per connection. Unnamed, postgres.js describes every
 * statement with parameters in a round trip of its own before running it (about a millisecond per
 * statement on a loaded machine: most of the fixed cost of a retrieval's page).
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
const UPSERT_BATCH = 250;
/** Upsert statements run at once (on distinct connections of the pool). */
const UPSERT_PARALLEL = 2;
/** Typos are tolerated where Meilisearch tolerates them: one from 5 letters, two from 9. */
const typosAllowed = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);
/** Corrections kept per query word, closest first. */
const MAX_VARIANTS = 10;
/**
 * The last query word, typed as a prefix, is matched through itself and the indexed words it
 * begins from this length on: search_vocabulary holds every indexed word of 4 letters or more, and
 * a word of 3 letters begins no shorter word but itself, so none is missed. Shorter, or with more
 * completions than MAX_COMPLETIONS, it is matched through its stem's prefix (`stem:*`).
 */
const MIN_COMPLETED = 3;
const MAX_COMPLETIONS = 24;
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
 * The upsert statement of an index: constant text, prepared once per connection (see `upsert`).
 * `search_vector` only says which documents match (`@@`, no phrase, no weight in the queries):
 * the lexemes of the four texts, stripped of positions and weights, which makes it about a
 * third smaller, and every scan that counts matches reads fewer pages; the writer sends it
 * assembled (`sv`, see lexemeCache), else the four texts are tokenised here. `rank_vector` keeps the
 * first field's positions for RUM. Each row is tokenised on its own: texts shared by several
 * documents are short (titles, ROME labels), and looking them up in a per-batch table made the
 * planner join it by nested loops (its estimates of a jsonb array's length are a guess), which
 * cost more than tokenising them again. It also records the batch's words in search_vocabulary,
 * in a stable order so that concurrent batches never deadlock on them.
 */
function upsertStatement(spec: TableSpec<IndexName>): string {
  const columns: [string, string][] = [
    ['id', `(r->>'id')::uuid`],
    ['document', `r->'document'`],
    ['schedules', readColumn({ name: 'schedules', type: 'text[]' })],
    ['lat', `(r->>'lat')::float8`],
    ['lng', `(r->>'lng')::float8`],
    ['sort_at', `to_timestamp((r->>'sort_at')::float8 / 1000)`],
    // Assembled by the writer (lexemeCache), or tokenised here when the row carries none: after
    // a space, as the writer tokenises every chunk.
    ['search_vector', `coalesce((r->>'sv')::tsvector, strip(to_tsvector('french_unaccent', concat_ws(' ', '', r->>'a', r->>'b', r->>'c', r->>'d'))))`],
    ['rank_vector', `setweight(to_tsvector('french_unaccent', r->>'a'), 'A')`],
    ['indexed_at', 'now()'],
    ...spec.columns.map((c): [string, string] => [c.name, readColumn(c)]),
  ];
  return `with vocabulary as (
      insert into search_vocabulary (word)
      select word from unnest($2::text[]) word order by word
      on conflict do nothing
    )
    insert into ${spec.table} (${columns.map(([name]) => name).join(', ')})
    select ${columns.map(([, expr]) => expr).join(', ')}
    from jsonb_array_elements($1::jsonb) r
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
 * A row with its `search_vector` (`sv`) where the writer assembled it: the texts other than the
 * first (which `rank_vector` tokenises) then stay out of the batch the server parses.
 */
function withVector(row: Record<string, unknown>, sv: string | null): Record<string, unknown> {
  return sv === null ? row : { ...row, b: undefined, c: undefined, d: undefined, sv };
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

/** The smallest `tie_key`: the RUM walk `tie_key |=> MIN_TIE_KEY` hands matches out in id order. */
const MIN_TIE_KEY = '-9223372036854775808';

/**
 * Fields the search tables also hold as columns (db/schema/search.ts), by field: a page of only
 * these (the matching's ids and version stamps) reads no document, which lives in TOAST.
 */
const COLUMN_FIELDS: Readonly<Record<string, string>> = { id: 'id', updatedAt: 'updated_at' };

/**
 * The document of the row `d`, or only `fields` of it: the other keys are removed in the server
 * (one read of the stored document), so they are neither shipped nor parsed; fields that are
 * all columns of their own are built from those, without reading the document at all.
 */
function projection(index: IndexName, fields: readonly string[] | undefined): Fragment {
  if (fields === undefined) return raw('d.document');
  if (fields.length > 0 && fields.every((field) => field in COLUMN_FIELDS)) {
    return raw(`json_build_object(${fields.map((field) => `'${field}', d.${COLUMN_FIELDS[field]}`).join(', ')})`);
  }
  const dropped = (DOCUMENT_KEYS[index] as readonly string[]).filter((key) => !fields.includes(key));
  return q`(d.document - ${dropped}::text[])`;
}

/** Documents a nearest-first page walks beyond its end, to see that no tie crosses the end. */
const TIE_MARGIN = 32;

/** Walks up to which a nearest-first page of a ROME filter is split (see `search`). */
const MAX_ROME_BRANCHES = 4;

/** A rank tier of a text search (see `search`): what its documents match, and their order within it. */
interface Tier {
  text: Fragment[];
  order: Fragment;
}

interface RomeFilter {
  /** The filter, for every plan that does not walk by distance. */
  any: Fragment;
  /**
   * For a nearest-first page of public documents: disjoint conditions whose union is `any`,
   * each walked apart by distance on the (rome_code, geo) index (db/schema/search.ts), then
   * merged. Empty: one walk filtered on `any`.
   */
  branches: Fragment[];
}

/**
 * The ROME filter of an offer or slot search. A few codes: one walk per code, so that a rare
 * code reads its own documents, not every document nearer than its hundredth. Many codes (the
 * matching's tiers of a same domain or family: a hundred codes of one or two letters, less the
 * closer ones): one walk per run of codes, a range of the index, the exact list checked on each
 * row. GiST indexes take no list of values: `rome_code = any(…)` would descend the index once
 * per code, a hundred descents per statement, and rule out the walk by distance (the planner
 * then sorts every match). Runs are split at the widest gaps in the codes' numbering (another
 * letter, a domain left out), so that a range does not walk what the list leaves out.
 */
function romeFilter(query: { romeCodes?: readonly string[]; employerId?: string }): RomeFilter | null {
  if (!present(query.romeCodes)) return null;
  const codes = [...new Set(query.romeCodes)].sort();
  const any = q`rome_code = any(${codes}::text[])`;
  if (query.employerId !== undefined) return { any, branches: [] };
  if (codes.length <= MAX_ROME_BRANCHES) return { any, branches: codes.map((code) => q`rome_code = ${code}`) };
  const runs = romeRuns(codes, MAX_ROME_BRANCHES);
  if (!runs) return { any, branches: [] };
  return { any, branches: runs.map(([first, last]) => q`(rome_code between ${first} and ${last} and array[rome_code] <@ ${codes}::text[])`) };
}

/**
 * Sorted codes as at most `max` ranges [first, last], cut at the widest gaps (a ROME code is a
 * letter and four digits: K1302 and K1304 are 2 apart, K1399 and L1101 far more); null when the
 * codes span more letters than `max`.
 */
export function romeRuns(codes: readonly string[], max: number): [string, string][] | null {
  const rank = (code: string) => (code.charCodeAt(0) - 64) * 10_000 + Number(code.slice(1));
  const letters = new Set(codes.map((c) => c[0]));
  if (letters.size > max) return null;
  const gaps = codes
    .slice(1)
    .map((code, i) => ({ at: i + 1, width: rank(code) - rank(codes[i]!) }))
    .filter((g) => g.width > 1)
    .sort((a, b) => b.width - a.width || a.at - b.at)
    .slice(0, max - 1)
    .map((g) => g.at)
    .sort((a, b) => a - b);
  const runs: [string, string][] = [];
  let start = 0;
  for (const cut of [...gaps, codes.length]) {
    runs.push([codes[start]!, codes[cut - 1]!]);
    start = cut;
  }
  return runs;
}

/**
 * The words of indexed texts that search_vocabulary may not hold yet: words of 4 to 40 letters
 * and digits folded by fold() (the twin of passerelle_normalize), less those this process has
 * already written, so that a bulk load sends each word about once.
 */
function vocabularyCache(capacity = 300_000) {
  const known = new Set<string>();
  return {
    /** @param folded words folded by fold() */
    unknownWords(folded: readonly string[]): string[] {
      const words = new Set<string>();
      for (const word of folded) {
        if (word.length >= 4 && word.length <= 40 && !known.has(word) && /[a-z]/.test(word)) words.add(word);
      }
      return [...words];
    },
    remember(words: readonly string[]) {
      if (known.size + words.length > capacity) known.clear(); // bounded memory; only costs resends
      for (const word of words) known.add(word);
    },
  };
}

/** Synonyms as full-text alternatives, by query word and by phrase of query words. */
interface Synonyms {
  words: Map<string, string[]>;
  /** By the first word of the phrase. */
  phrases: Map<string, { words: string[]; alternatives: string[] }[]>;
}

/**
 * A query word's corrections and synonyms less those that would match nothing more: the forms
 * of one word (a feminine, a plural, a correction that is another form of the word) share its
 * stem, and `stem` matches them all (`stem:*` also every longer stem, for the last word, typed
 * as a prefix). Repeating them changes no match, but PostgreSQL then estimates the query to match
 * several times what it does, and plans for a common word what suits a far more common one: for
 * the capped count, a scan of the table that stops after 1,000 matches, where the index finds
 * them at once. Alternatives of several words (`(a & b)`) are kept as they are.
 */
export function withoutRepeats(word: string, prefix: boolean, alternatives: readonly string[], stems: ReadonlyMap<string, readonly string[]>): string[] {
  const single = (w: string) => {
    const lexemes = stems.get(w);
    return lexemes?.length === 1 ? lexemes[0]! : null;
  };
  const own = single(word);
  const seen = new Set<string>();
  return alternatives.filter((alternative) => {
    const stem = single(alternative);
    if (stem === null) return true;
    if (own !== null && (stem === own || (prefix && stem.startsWith(own)))) return false;
    if (seen.has(stem)) return false;
    seen.add(stem);
    return true;
  });
}

export interface PostgresEngineOptions {
  /**
   * Synonyms, the same the Meilisearch engine gets (loadRomeSynonyms): masculine and feminine
   * forms, job titles leading to their occupation. Loaded once, at the first text search.
   */
  synonyms?: () => Promise<Record<string, string[]>> | Record<string, string[]>;
}

export function createPostgresSearchEngine(sql: Sql, options: PostgresEngineOptions = {}): SearchEngine {
  const vocabulary = vocabularyCache();
  const lexemes = lexemeCache(sql);
  let synonyms: Promise<Synonyms> | undefined;
  /**
   * The synonyms as full-text alternatives: a synonym of several words requires them all
   * ("tractoriste" → conducteur & engins & agricoles). A key of several words ("ouvrier
   * boulanger" → boulanger) stands for those words in a row in the query, as in Meilisearch;
   * keys and values are compared without stop words, like the query.
   */
  function synonymAlternatives(): Promise<Synonyms> {
    synonyms ??= Promise.resolve(options.synonyms?.() ?? {}).then((table) => {
      const words = new Map<string, string[]>();
      const phrases: Synonyms['phrases'] = new Map();
      for (const [key, values] of Object.entries(table)) {
        const keyWords = queryWords(key);
        const alternatives = values.flatMap((value) => {
          const valueWords = queryWords(value);
          return valueWords.length === 0 ? [] : [valueWords.length === 1 ? valueWords[0]! : `(${valueWords.join(' & ')})`];
        });
        if (keyWords.length === 0 || alternatives.length === 0) continue;
        if (keyWords.length === 1) words.set(keyWords[0]!, [...(words.get(keyWords[0]!) ?? []), ...alternatives]);
        else phrases.set(keyWords[0]!, [...(phrases.get(keyWords[0]!) ?? []), { words: keyWords, alternatives }]);
      }
      // Longest first: "conducteur engins agricoles" before "conducteur engins".
      for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
      return { words, phrases };
    });
    return synonyms;
  }
  const and = (parts: Fragment[]): Fragment =>
    parts.length === 0 ? q`true` : parts.reduce((acc, part) => q`${acc} and ${part}`);

  /** Runs a search statement, prepared, planned for its values on the search pool (see Fragment). */
  function run<T extends readonly object[]>(fragment: Fragment): Promise<T> {
    const { text, values } = assemble(fragment);
    return sql.unsafe(text, values as never[], { prepare: true }) as unknown as Promise<T>;
  }

  /**
   * The full-text queries of the words: `exact` holds the words as typed; `expanded` ORs each
   * word with its corrections and synonyms. Words are [a-z0-9]+ (folded), safe inside
   * to_tsquery syntax.
   *
   * The last word is typed as a prefix: it matches the indexed words that begin with it (as
   * Meilisearch's prefix search does), listed from search_vocabulary and OR-ed as words, rather
   * than `stem:*`. A GIN index answers a prefix by gathering every entry that starts with it into a
   * bitmap before it intersects the other words (`equip:*` in the youth: 9.7 ms, the same matches
   * through `equip | equipi | equipier`: 2.6 ms), and its stem also reached words the typed one
   * does not begin (`commandes` → `command:*` → commanditaire).
   */
  async function textQuery(words: string[]): Promise<{ expanded: string; exact: string }> {
    const last = words.length - 1;
    const fuzzy = words.map(typosAllowed);
    // search_vocabulary holds the words with a letter: a word made of digits begins some without.
    const completing = words[last]!.length >= MIN_COMPLETED && /[a-z]/.test(words[last]!) ? words[last]! : null;
    const variants = new Map<string, string[]>();
    let completions: string[] | null = null;
    // Stems of the words, corrections and completions, as the documents' vectors hold them.
    const stems = new Map<string, readonly string[]>();
    if (fuzzy.some((k) => k > 0) || completing !== null) {
      // One statement for all: each word's stem, its corrections (Levenshtein within k) and the
      // indexed words the last one begins (the trigram index serves the LIKE; MAX_COMPLETIONS + 1
      // tell that there are too many), each with its stem, so that no word typed for the first
      // time (a typo) costs another round trip for its stem.
      const rows = await sql<{ word: string; lexemes: string[]; variants: [string, string[]][]; completions: [string, string[]][] | null }[]>`
        select x.word, tsvector_to_array(to_tsvector('french_unaccent', ' ' || x.word)) as lexemes, (
          select coalesce(json_agg(json_build_array(c.word, tsvector_to_array(to_tsvector('french_unaccent', ' ' || c.word))) order by c.distance, c.word), '[]')
          from (
            select v.word, levenshtein_less_equal(v.word, x.word, x.k) as distance from search_vocabulary v
            where x.k > 0 and v.word % x.word and v.word <> x.word and levenshtein_less_equal(v.word, x.word, x.k) <= x.k
            order by 2, v.word limit ${MAX_VARIANTS}
          ) c
        ) as variants,
        case when x.word = ${completing} then (
          select coalesce(json_agg(json_build_array(c.word, tsvector_to_array(to_tsvector('french_unaccent', ' ' || c.word))) order by c.word), '[]')
          from (select v.word from search_vocabulary v where v.word like x.word || '%' and v.word <> x.word order by v.word limit ${MAX_COMPLETIONS + 1}) c
        ) end as completions
        from unnest(${words}::text[], ${fuzzy}::int[]) as x(word, k)`;
      for (const r of rows) {
        stems.set(r.word, r.lexemes);
        for (const [word, lexemes] of [...r.variants, ...(r.completions ?? [])]) stems.set(word, lexemes);
        variants.set(r.word, r.variants.map(([word]) => word));
        if (r.completions && r.completions.length <= MAX_COMPLETIONS) completions = r.completions.map(([word]) => word);
      }
    }
    const synonymsOf = await synonymAlternatives();
    const candidates = words.map((w) => [...(variants.get(w) ?? []), ...(synonymsOf.words.get(w) ?? [])]);
    const completed = (i: number) => (i === last ? completions : null);
    const alternatives = [...(completions ?? []), ...candidates.flat()];
    if (alternatives.length > 0) {
      const unknown = [...words, ...alternatives].filter((w) => !stems.has(w));
      if (unknown.length > 0) for (const [word, stem] of await lexemes.ofWords(unknown)) stems.set(word, stem);
    }
    // Each word as typed (the last: a prefix of its stem, or itself and the words it begins), then
    // its corrections and synonyms; a form whose stem is already there is left out.
    const forms = words.map((w, i) => {
      const begun = completed(i);
      const kept = withoutRepeats(w, i === last && !begun, [...(begun ?? []), ...candidates[i]!], stems);
      if (!begun) return { typed: [i === last ? `${w}:*` : w], others: kept };
      return { typed: [w, ...kept.filter((a) => begun.includes(a))], others: kept.filter((a) => !begun.includes(a)) };
    });
    const group = (alternatives: readonly string[]) => (alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`);
    const typed = forms.map((f) => group(f.typed));
    const unit = (i: number) => group([...forms[i]!.typed, ...forms[i]!.others]);
    const units: string[] = [];
    for (let i = 0; i < words.length; ) {
      const phrase = synonymsOf.phrases.get(words[i]!)?.find((p) => p.words.every((w, k) => words[i + k] === w));
      if (!phrase) {
        units.push(unit(i++));
        continue;
      }
      const own = phrase.words.map((_, k) => unit(i + k)).join(' & ');
      units.push(`((${own}) | ${phrase.alternatives.join(' | ')})`);
      i += phrase.words.length;
    }
    return { expanded: units.join(' & '), exact: typed.join(' & ') };
  }

  /** The point of a radius query, its filter, its distance in km and its KNN ordering. */
  function geoFilter(near: NearFilter): { point: Fragment; where: Fragment; distance: Fragment; nearest: Fragment; radiusM: number } {
    const point = q`ST_SetSRID(ST_MakePoint(${near.lng}::float8, ${near.lat}::float8), 4326)::geography`;
    return {
      point,
      // On the sphere (use_spheroid false): the haversine distance both engines measure.
      where: q`ST_DWithin(geo, ${point}, ${near.radiusKm * 1000}::float8, false)`,
      distance: q`ST_Distance(geo, ${point}, false) / 1000`,
      // Geography's <-> is the same spherical distance, in metres, and walks the GiST index.
      nearest: q`(geo <-> ${point})`,
      radiusM: near.radiusKm * 1000,
    };
  }

  /** Matches counted exactly up to MAX_TOTAL_HITS; counting stops there. */
  async function cappedCount(from: Fragment, condition: Fragment): Promise<number> {
    const [row] = await run<{ n: number }[]>(
      q`select count(*)::int as n from (select 1 from ${from} where ${condition} limit ${MAX_TOTAL_HITS}) m`,
    );
    return row?.n ?? 0;
  }

  /**
   * @param rome the ROME filter: a nearest-first page walks its branches apart and merges the walks.
   * @param placeScope those of `filters` the table's GiST index on the place is keyed or partial
   *   on (youth: the structure, searchable), so that a walk by distance keeps to them.
   */
  async function search<D>(
    index: IndexName,
    filters: Fragment[],
    query: { q?: string; near?: NearFilter; schedules?: readonly string[]; limit?: number; offset?: number; count?: boolean; fields?: readonly string[] },
    rome: RomeFilter | null = null,
    placeScope: Fragment[] = [],
  ): Promise<SearchPage<D>> {
    checkNear(query.near);
    const { limit, offset } = paging(query);
    const where = [...filters];
    if (present(query.schedules)) where.push(q`schedules && ${[...query.schedules]}::text[]`);
    // Without branches, the ROME filter is one more condition; with them, each walk has its own.
    const branches = rome?.branches ?? [];
    const unbranched = [...where];
    if (rome) where.push(branches.length > 0 ? q`(${branches.reduce((acc, b) => q`${acc} or ${b}`)})` : rome.any);
    const words = queryWords(query.q);
    const text = words.length > 0 ? await textQuery(words) : null;
    const geo = query.near ? geoFilter(query.near) : null;
    const from = raw(`"${TABLES[index].table}"`);
    const document = projection(index, query.fields);
    type Row = { document: D; distance_km: number | null };
    /** A tier's page, and the tier's size when the page tells it (a sorted page). */
    type TierPage = { got: Row[]; size: number | null };

    if (!text) {
      if (!geo) {
        // Newest first walks the (scope, sort_at, id) b-tree and stops at the page.
        const condition = and(where);
        const [rows, total] = await Promise.all([
          run<Row[]>(q`select ${document} as document, null::float8 as distance_km from ${from} d where ${condition}
            order by sort_at desc, id limit ${limit} offset ${offset}`),
          cappedCount(from, condition),
        ]);
        return result(rows, total);
      }
      // Nearest first: a KNN walk of a GiST index (`<->` alone: a second sort key would make
      // the planner sort every match instead), inside the radius, which stops at the page. With
      // `branches` (a ROME filter), one walk per branch over the (rome_code, geo) index, merged
      // (romeFilter). Equal distances (offers of one workplace) are then ordered by id: the page
      // is cut from the documents no farther than the last one the walk returned, sorted by
      // (distance, id).
      // The count walks the same way, MAX_TOTAL_HITS documents at most, whatever the radius.
      // `columns`: what each walked row carries (its distance, or the row itself for a page).
      const walkOne = (branch: Fragment[], take: number, columns: Fragment) =>
        q`select ${columns}, ${geo.nearest} as metres from ${from} where ${and([...(branch.length > 0 ? unbranched : where), ...branch, geo.where])}
          order by ${geo.nearest} limit ${take}`;
      const walk = (take: number, columns = raw('1 as one')) =>
        branches.length === 0
          ? walkOne([], take, columns)
          : q`select * from (${branches.map((b) => q`(${walkOne([b], take, columns)})`).reduce((acc, part) => q`${acc} union all ${part}`)}) b
              order by metres limit ${take}`;
      // What lies within the edge, read branch by branch too (an OR of ranges would read the
      // whole disc from the geo index).
      const withinOne = (branch: Fragment[]) =>
        q`select document, id, updated_at, ${geo.nearest} as metres from ${from}, edge
          where ${and([...(branch.length > 0 ? unbranched : where), ...branch])} and ST_DWithin(geo, ${geo.point}, edge.metres + 0.001, false)`;
      const within =
        branches.length === 0 ? withinOne([]) : branches.map((b) => q`(${withinOne([b])})`).reduce((acc, part) => q`${acc} union all ${part}`);
      // Usually the walk itself holds the page: it walks TIE_MARGIN documents further, and when
      // the last of them lies farther than the last of the page (or the walk ran out), every
      // document as near as the page's end was walked, and the page is the walk sorted by
      // (distance, id). Otherwise (more ties across the end than the margin: offers of one
      // workplace), the page is cut from everything within the edge (`within`). Either way the
      // page is cut before the fields are picked (`document - …`): only its rows pay for them.
      const page = async (): Promise<Row[]> => {
        const walked = await run<Row[]>(q`select ${document} as document, metres / 1000 as distance_km from (
            select document, id, updated_at, metres from (${walk(offset + limit + TIE_MARGIN, raw('document, id, updated_at'))}) w
            order by metres, id limit ${limit + TIE_MARGIN} offset ${offset}
          ) d
          order by metres, id`);
        const last = walked[walked.length - 1];
        if (walked.length < limit + TIE_MARGIN || last!.distance_km! > walked[limit - 1]!.distance_km!) return walked.slice(0, limit);
        return run<Row[]>(q`with edge as (select least(max(metres), ${geo.radiusM}::float8) as metres from (${walk(offset + limit)}) w)
          select ${document} as document, metres / 1000 as distance_km from (
            select document, id, updated_at, metres from (${within}) n
            where metres <= (select metres from edge)
            order by metres, id limit ${limit} offset ${offset}
          ) d
          order by metres, id`);
      };
      const [rows, counted] = await Promise.all([
        page(),
        query.count === false
          ? null
          : run<{ n: number }[]>(q`select count(*)::int as n from (${walk(MAX_TOTAL_HITS)}) w`),
      ]);
      return result(rows, counted ? (counted[0]?.n ?? 0) : offset + rows.length);
    }

    // Text: tiers in Meilisearch's order of ranking rules — documents matching the words as
    // typed before those matching only through a correction (`typo`), and within each, those
    // matching in the first searchable field before the others (`attribute`). Within a tier,
    // documents are ordered by distance (with a place), then by id, the sort both engines end
    // with. Without a place, the first field's matches come from the RUM index in id order
    // (`tie_key`, see db/schema/search.ts): a common word's page stops after offset + limit
    // matches instead of sorting its thousands of tied ones. A page takes what it needs from each
    // tier in turn.
    if (geo) where.push(geo.where);
    const distance = geo ? geo.distance : q`null::float8`;
    const tieBreak = geo ? q`${distance}, id` : q`id`;
    const firstField = geo ? tieBreak : q`tie_key |=> ${MIN_TIE_KEY}::bigint`;
    const exact = q`to_tsquery('french_unaccent', ${text.exact})`;
    const expanded = q`to_tsquery('french_unaccent', ${text.expanded})`;
    const typo = text.expanded !== text.exact;
    // `text`: what a document must match, beyond `where`, to be in the tier.
    const tiers: Tier[] = [
      { text: [q`rank_vector @@ ${exact}`], order: firstField },
      { text: [q`search_vector @@ ${exact}`, q`not (rank_vector @@ ${exact})`], order: tieBreak },
    ];
    if (typo) {
      const corrected = q`not (search_vector @@ ${exact})`;
      tiers.push(
        { text: [corrected, q`rank_vector @@ ${expanded}`], order: firstField },
        { text: [corrected, q`search_vector @@ ${expanded}`, q`not (rank_vector @@ ${expanded})`], order: tieBreak },
      );
    }
    const condition = (tier: Tier) => and([...where, ...tier.text]);
    // Sorting a tier by id: `tie_key, id` is the id's order (see db/schema/search.ts), which no
    // b-tree offers, so PostgreSQL sorts the tier's matches (a bitmap scan of the GIN index)
    // instead of walking every document in id order until the page is found (the primary key):
    // a walk that reads tens of rows per match when the tier is sparse.
    const sortOrder = (tier: Tier) => (tier.order === tieBreak && !geo ? q`tie_key, id` : tier.order);
    /**
     * A tier's page and how far it reaches: the tier's first skip + need matches (≤ MAX_TOTAL_HITS)
     * are taken once in the page's order, by id and distance only, and counted (`size`); the page
     * is what lies past `skip`, read back with its documents. A tier that runs out then tells where
     * the next one starts without being scanned again to be counted, which cost as much as its
     * page (a typo within 200 km, a last page: one sort of every match in the radius for the page,
     * another scan for the count). `withinM`: a disc around the place known to hold the page (see
     * `nearestCounted`), narrower than the radius; what it holds is not the tier's size.
     */
    const sortedTierPage = async (tier: Tier, need: number, skip: number, withinM: number | null = null): Promise<TierPage> => {
      const disc = geo && withinM !== null ? q` and ST_DWithin(geo, ${geo.point}, ${withinM}::float8, false)` : q``;
      const order = geo ? raw('distance_km, id') : raw('tie_key, id');
      const found = await run<(Partial<Row> & { size: number })[]>(q`with sorted as materialized (
          select id, tie_key, ${distance} as distance_km from ${from} where ${condition(tier)}${disc}
          order by ${sortOrder(tier)} limit ${skip + need})
        select (select count(*)::int from sorted) as size, ${document} as document, page.distance_km
        from (select 1) one left join (
          (select * from sorted order by ${order} offset ${skip}) page join ${from} d on d.id = page.id
        ) on true
        order by ${geo ? raw('page.distance_km, page.id') : raw('page.tie_key, page.id')}`);
      const got = found.filter((r): r is Row & { size: number } => r.document != null);
      return { got, size: withinM === null ? (found[0]?.size ?? 0) : null };
    };
    /**
     * A tier known to hold at least `atLeast` matches: walking the documents in the page's order
     * (by distance on the GiST index, or by id on the primary key) finds its page after about
     * (skip + need) × documents ÷ matches rows, far fewer than sorting every match when the tier
     * is dense. The walk reads at most `atLeast` rows (what sorting would read at the least), so
     * a sparse tier costs at most twice the sort: when the walk does not prove its page (too few
     * matches walked, or a tie with the last walked distance), the tier is sorted.
     */
    const walkedTierPage = async (tier: Tier, need: number, skip: number, atLeast: number): Promise<Row[] | null> => {
      const walked = await run<(Row & { walked: number; edge: number | null })[]>(q`with walk as materialized (
          select id, ${and(tier.text)} and ${and(where)} as hit, ${distance} as distance_km
          from (select * from ${from} ${geo ? q`where ${and([...placeScope, geo.where])} order by ${geo.nearest}` : q`order by id`} limit ${atLeast}) n),
        edge as (select count(*)::int as walked, max(distance_km) as distance_km from walk),
        page as (select id, distance_km from walk where hit order by ${geo ? raw('distance_km, id') : raw('id')} limit ${need} offset ${skip})
        select ${document} as document, page.distance_km, edge.walked, edge.distance_km as edge
        from edge left join (page join ${from} d on d.id = page.id) on true
        order by page.distance_km, page.id`);
      const rows = walked.filter((r) => r.document != null);
      const { walked: count, edge } = walked[0]!;
      if (count < atLeast) return rows; // every document in the radius (or the table) was walked
      if (rows.length < need) return null;
      // The walk's order (`<->`) and the page's (ST_Distance) differ by nanometres: a millimetre
      // short of the edge, every document as near as the page's last was walked.
      return !geo || rows[rows.length - 1]!.distance_km! < edge! - 1e-6 ? rows : null;
    };
    /** By tier, the distances of its nearest matches among those counted, in km (see `nearestCounted`). */
    const nearestOf = new Map<number, number[]>();
    /** Tier `i`'s page; the tier's size (exact below skip + need) when the whole tier was sorted. */
    const tierPage = async (i: number, need: number, skip: number, atLeast = 0): Promise<TierPage> => {
      const tier = tiers[i]!;
      const edgeKm = nearestOf.get(i)?.[skip + need - 1];
      // A millimetre beyond the edge: `ST_DWithin` and `ST_Distance` may differ by nanometres.
      if (edgeKm !== undefined) return sortedTierPage(tier, need, skip, edgeKm * 1000 + 0.001);
      const walked = atLeast >= 2 * (skip + need) ? await walkedTierPage(tier, need, skip, atLeast) : null;
      return walked ? { got: walked, size: null } : sortedTierPage(tier, need, skip);
    };
    const page = async (first: TierPage): Promise<Row[]> => {
      const rows: Row[] = [];
      let skip = offset;
      // Matches of the tiers that ran out (exact); the last tier holds at least the rest of the cap.
      let before = 0;
      for (const [i, tier] of tiers.entries()) {
        const need = limit - rows.length;
        if (need <= 0) break;
        // The first tier's page was asked for with the count (need = limit, skip = offset).
        const atLeast = i === tiers.length - 1 ? MAX_TOTAL_HITS - before : 0;
        const { got, size: sorted } = i === 0 ? first : await tierPage(i, need, skip, atLeast);
        rows.push(...got);
        // A tier that ran out tells where the next one starts: past its own size. It holds
        // fewer documents than skip + need ≤ MAX_TOTAL_HITS, so its capped count is exact.
        if (got.length < need) {
          const size = got.length > 0 ? skip + got.length : (sorted ?? (await cappedCount(from, condition(tier))));
          before += size;
          skip = Math.max(0, skip - size);
        }
      }
      return rows;
    };
    // Fewer matches than the cap (any filter or place, a rare word, no match at all): one
    // statement finds them once, counts them and ranks them all in the tiers' order, instead of
    // a scan per tier. Past the cap the tiers run. Without a place, the first tier's page (a RUM
    // walk that stops at the page) is asked for at the same time, on another connection, so that
    // a common word waits for the longer of the two statements, not for both; with a place it
    // waits for the count (a place usually leaves fewer matches than the cap), whose matches
    // also tell how near each tier's page lies (`nearestCounted`).
    const matching = and([...where, q`search_vector @@ ${expanded}`]);
    // The matches carry what ranks them (the first field's vector, the point, whether the words
    // match as typed), so ranking them reads no row twice; only the page's documents are read
    // back by id. `found` is planned for all its rows (PostgreSQL plans a CTE whole) and read only
    // up to the cap: planned under the cap itself, a common word's count was a scan of the table
    // that stops at its 1,000th match (`boulanger`: 2,100 pages, read through the scan's small
    // ring of buffers each time), where the words' bitmap reads about 1,000 rows.
    const tier = typo
      ? q`case when rank_vector @@ ${exact} then 0 when typed then 1 when rank_vector @@ ${expanded} then 2 else 3 end`
      : q`case when rank_vector @@ ${exact} then 0 else 1 end`;
    const carried = raw(`id, rank_vector${geo ? ', geo' : ''}`);
    const typed = typo ? q`, search_vector @@ ${exact} as typed` : q``;
    const pageOrder = geo ? raw('ranked.tier, ranked.distance_km, ranked.id') : raw('ranked.tier, ranked.id');
    // With a place, past the cap: a tier's page (skip + need of its documents, nearest first) lies
    // within the distance of its (skip + need)-th nearest document among the matches counted, when
    // they hold that many of the tier: at least skip + need of the tier's documents are that near.
    // The page is then sorted from that disc, not from the whole radius (a common skill: every
    // first-tier youth within 20 km, 1,400 rows read and sorted for 20), nor walked from the
    // place through the documents of every tier. The statement returns, by tier, the distances of
    // the offset + limit nearest matches it counted (`near_tiers`, `near_km`, in pairs).
    const nearestCounted = geo
      ? q`(select array_agg(tier order by tier, distance_km) as near_tiers, array_agg(distance_km order by tier, distance_km) as near_km from (
            select ${tier} as tier, ${distance} as distance_km, row_number() over (partition by ${tier} order by ${distance}) as rank
            from matches, counted where counted.total >= ${MAX_TOTAL_HITS}) s
          where rank <= ${offset + limit})`
      : q`(select null::int[] as near_tiers, null::float8[] as near_km)`;
    type Found = Partial<Row> & { total: number; near_tiers: number[] | null; near_km: number[] | null };
    const [found, head] = await Promise.all([
      run<Found[]>(q`with found as materialized (select ${carried}${typed} from ${from} where ${matching}),
          matches as materialized (select * from found limit ${MAX_TOTAL_HITS}),
          counted as (select count(*)::int as total from matches),
          ranked as (
            select id, ${tier} as tier, ${distance} as distance_km from matches, counted
            where counted.total < ${MAX_TOTAL_HITS}
            order by ${tier}, ${tieBreak} limit ${limit} offset ${offset})
        select counted.total, nearest.near_tiers, nearest.near_km, ${document} as document, ranked.distance_km
        from counted cross join ${nearestCounted} nearest left join (ranked join ${from} d on d.id = ranked.id) on true
        order by ${pageOrder}`),
      geo ? null : tierPage(0, limit, offset),
    ]);
    const total = found[0]?.total ?? 0;
    if (total < MAX_TOTAL_HITS) return result(found.filter((r): r is Found & Row => r.document != null), total);
    const { near_tiers: nearTiers, near_km: nearKm } = found[0]!;
    for (const [k, t] of (nearTiers ?? []).entries()) {
      if (!nearestOf.has(t)) nearestOf.set(t, []);
      nearestOf.get(t)!.push(nearKm![k]!);
    }
    return result(await page(head ?? (await tierPage(0, limit, offset))), total);

    function result(rows: Row[], total: number): SearchPage<D> {
      const hits = rows.map((r) => ({ document: r.document, distanceKm: r.distance_km }));
      return { hits, total, totalEstimated: total >= MAX_TOTAL_HITS, limit, offset };
    }
  }

  return {
    name: 'postgres',

    async health() {
      await sql`select 1`;
    },

    async setup() {
      // The tables come from the migrations; fail early and clearly when they have not run.
      const report: SettingsReport[] = [];
      for (const [index, spec] of Object.entries(TABLES) as [IndexName, TableSpec<IndexName>][]) {
        const [found] = await sql<{ exists: boolean }[]>`select to_regclass(${spec.table}) is not null as exists`;
        if (!found?.exists) throw new Error(`search table ${spec.table} is missing: run the migrations`);
        report.push({ index, created: false, differing: [], applied: [] });
      }
      return report;
    },

    async applySettings() {
      // Settings are the migrations' (text configuration, indexes): nothing to apply at run time.
      return this.setup();
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      // The last version of a document wins; a statement may not touch a row twice.
      const latest = [...new Map(documents.map((document) => [document.id, document])).values()];
      const statement = upsertStatement(TABLES[index] as TableSpec<IndexName>);
      /** A statement's batch: its rows, their vectors and the words search_vocabulary may lack. */
      const build = async (start: number) => {
        const rows = latest.slice(start, start + UPSERT_BATCH).map((document) => row(index, document));
        const built = await lexemes.vectors(rows.map((r) => [r.a, r.b, r.c, r.d] as string[]));
        const words = vocabulary.unknownWords(built.words);
        return { payload: JSON.stringify(rows.map((r, i) => withVector(r, built.vectors[i] ?? null))), words, fresh: built.fresh };
      };
      // Two statements at a time: tokenising and index maintenance are CPU-bound in the server,
      // and one statement uses one core. Rows are unique by id, so the two never touch one row.
      // Each batch is built while the server writes the ones before it, and leaves as soon as one
      // of them ends. Built only once a statement had ended, it left the server writing a single
      // batch meanwhile: 30 % of the time of 30,000 offers (load 3), 15 % now.
      const running = new Set<Promise<void>>();
      const failures: unknown[] = [];
      for (let start = 0; start < latest.length && failures.length === 0; start += UPSERT_BATCH) {
        const batch = await build(start);
        while (running.size >= UPSERT_PARALLEL) await Promise.race(running);
        if (failures.length > 0) break;
        // Prepared (sql.unsafe is not, unless asked): each statement then leaves in one message,
        // where an unprepared one waited for the server to describe its parameters, and for this
        // process to answer, busy building the next batch, before its payload could leave.
        const write: Promise<void> = sql.unsafe(statement, [batch.payload, batch.words as never], { prepare: true }).then(
          () => vocabulary.remember(batch.words),
          (err: unknown) => {
            lexemes.forget(batch.fresh);
            failures.push(err);
          },
        );
        running.add(write);
        void write.finally(() => running.delete(write));
      }
      await Promise.all(running);
      if (failures.length > 0) throw failures[0];
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

    async documents(index, ids, fields) {
      if (ids.length === 0) return [];
      const from = raw(`"${TABLES[index].table}"`);
      const rows = await run<{ document: never }[]>(
        q`select ${projection(index, fields as readonly string[] | undefined)} as document from ${from} d where id = any(${[...ids]}::uuid[])`,
      );
      return rows.map((r) => r.document);
    },

    async searchOffers(query: OfferQuery) {
      const filters = employerScope(query, 'published');
      if (present(query.contractTypes)) filters.push(q`contract_type = any(${[...query.contractTypes]}::text[])`);
      // The offers' GiST indexes on the place hold published offers only (0030): a walk by
      // distance of a public search keeps to them, else no index serves it (a sort of the table).
      const placeScope = query.employerId === undefined ? [raw(`status = 'published'`)] : [];
      return search<OfferDocument>('offers', filters, query, romeFilter(query), placeScope);
    },

    async searchImmersionSlots(query: ImmersionSlotQuery) {
      const filters = employerScope(query, 'open');
      return search<ImmersionSlotDocument>('immersion_slots', filters, query, romeFilter(query));
    },

    async searchYouth(query: YouthQuery) {
      if (!query.structureId) throw new TypeError('a youth search is always scoped to a structure');
      const scope = [q`structure_id = ${query.structureId}::uuid`, q`searchable`];
      const filters: Fragment[] = [...scope];
      if (present(query.romeCodes)) filters.push(q`rome_codes && ${[...query.romeCodes]}::text[]`);
      if (present(query.contractTypes)) filters.push(q`contract_types && ${[...query.contractTypes]}::text[]`);
      return search<YouthDocument>('youth', filters, query, null, scope);
    },

    async close() {
      // The connection pool belongs to the process (deps.sql), not to the engine.
    },
  };
}
