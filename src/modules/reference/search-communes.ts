import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Commune, CommunesQuery } from './reference.schemas.js';
import {
  distinctWords,
  inSearchTransaction,
  setTypoThreshold,
  TYPO_CANDIDATES,
  typoCandidates,
  typoEdits,
  typoThreshold,
  wordPrefixPattern,
} from './text-match.js';

/** A commune found by the search, before its details are read: the row that matched best. */
interface Hit extends Record<string, unknown> {
  insee: string;
  /** Name and type of the matched row: a delegated commune (COMD) shares its INSEE code. */
  name: string;
  type: string;
}

/**
 * Communes by name and/or postcode. One item per INSEE code: the table has one row per
 * (commune, postcode), plus rows for delegated communes (COMD, former communes merged into a
 * new one, under the new one's code). Ranking: exact name, then name prefix, then the query
 * starting a later word of the name, then typos (fewest edits first); ties by population.
 */
export async function searchCommunes(deps: Pick<Deps, 'db'>, input: CommunesQuery): Promise<{ items: Commune[] }> {
  // Digits only: the beginning of a postcode, not a name.
  const isPostcode = input.q !== undefined && /^\d+$/.test(input.q);
  const postcodeFilter = postcodeCondition([input.postcode, isPostcode ? input.q : undefined]);
  const items = await inSearchTransaction(deps.db, isPostcode ? undefined : input.q, async (tx, folded) => {
    let hits: Hit[] = [];
    if (folded === undefined) {
      hits = await byPostcode(tx, postcodeFilter!, input.limit);
    } else if (folded !== '') {
      const text = expandSaints(folded);
      hits = await byName(tx, text, postcodeFilter, input.limit);
      const words = distinctWords(text);
      const threshold = typoThreshold(words);
      if (hits.length < input.limit && threshold !== null) {
        const found = new Set(hits.map((h) => h.insee));
        await setTypoThreshold(tx, threshold);
        const typos = await byNameWithTypos(tx, words, postcodeFilter, input.limit + found.size);
        hits.push(...typos.filter((h) => !found.has(h.insee)).slice(0, input.limit - hits.length));
      }
    }
    return details(tx, hits);
  });
  return { items };
}

/** `st etienne` → `saint etienne`: not for the last word, which may be the start of Stains. */
function expandSaints(folded: string): string {
  const words = folded.split(' ');
  return words.map((w, i) => (i < words.length - 1 ? ({ st: 'saint', ste: 'sainte' }[w] ?? w) : w)).join(' ');
}

/** Postcodes are 5 digits: a prefix is the range it opens, which the btree on postcode serves. */
function postcodeCondition(given: (string | undefined)[]): SQL | undefined {
  const prefixes = given.filter((p): p is string => p !== undefined);
  if (prefixes.length === 0) return undefined;
  return sql.join(
    prefixes.map((p) => sql`postcode between ${p.padEnd(5, '0')} and ${p.padEnd(5, '9')}`),
    sql` and `,
  );
}

const where = (...conditions: (SQL | undefined)[]) =>
  sql.join(
    conditions.filter((c): c is SQL => c !== undefined),
    sql` and `,
  );

async function byPostcode(db: DbOrTx, postcodeFilter: SQL, limit: number): Promise<Hit[]> {
  return db.execute<Hit>(sql`
    select insee, name, type from (
      select distinct on (insee) insee, name, type, population
      from communes where ${postcodeFilter}
      order by insee, (type <> 'COMD') desc
    ) c
    order by population desc nulls last, name, insee
    limit ${limit}`);
}

/** Articles a name may start with and a user may leave out (`abergement` for L'Abergement-Clémenciat). */
const ARTICLES = ['', 'l ', 'le ', 'la ', 'les '];

/**
 * Pass 1: the folded query as a phrase starting a word of the name; exact and prefix ranks
 * ignore a leading article. Only the best rows go through the per-commune grouping: a commune
 * has at most a dozen rows (postcodes, delegated communes), so the first 20 × limit rows hold
 * the first `limit` communes, and a broad query (`sa`: 5,500 rows) sorts no more than that.
 */
async function byName(db: DbOrTx, text: string, postcodeFilter: SQL | undefined, limit: number): Promise<Hit[]> {
  const anyOf = (test: (article: string) => SQL) => sql.join(ARTICLES.map(test), sql` or `);
  return db.execute<Hit>(sql`
    select insee, name, type from (
      select distinct on (insee) insee, name, type, population, rank
      from (
        select insee, name, type, population,
               case when ${anyOf((a) => sql`search_name = ${a + text}`)} then 0
                    when ${anyOf((a) => sql`search_name like ${`${a}${text}%`}`)} then 1
                    else 2 end as rank
        from communes
        where ${where(sql`' ' || search_name like ${wordPrefixPattern(text)}`, postcodeFilter)}
        order by rank, population desc nulls last
        limit ${limit * 20}
      ) m
      order by insee, rank, (type <> 'COMD') desc
    ) c
    order by rank, population desc nulls last, name, insee
    limit ${limit}`);
}

/**
 * Pass 2: typos. The trigram operator finds candidates (the most populous first when there are
 * too many), typoEdits() keeps the real ones; fewest edits first, then by population.
 */
async function byNameWithTypos(db: DbOrTx, text: string, postcodeFilter: SQL | undefined, limit: number): Promise<Hit[]> {
  const candidates = await db.execute<Hit & { population: number | null; search_name: string }>(sql`
    select insee, name, type, population, search_name
    from communes
    where ${where(typoCandidates(sql`(' ' || search_name)`, text), postcodeFilter)}
    order by population desc nulls last
    limit ${TYPO_CANDIDATES}`);
  const best = new Map<string, Hit & { edits: number; population: number }>();
  for (const c of candidates) {
    const match = typoEdits(text, c.search_name);
    if (!match) continue;
    const seen = best.get(c.insee);
    // A commune and its delegated communes share the INSEE code: keep the closest, the commune on a tie.
    if (seen && (seen.edits < match.edits || (seen.edits === match.edits && c.type === 'COMD'))) continue;
    best.set(c.insee, { insee: c.insee, name: c.name, type: c.type, edits: match.edits, population: c.population ?? 0 });
  }
  return [...best.values()]
    .sort((a, b) => a.edits - b.edits || b.population - a.population || a.insee.localeCompare(b.insee))
    .slice(0, limit);
}

interface CommuneRow extends Record<string, unknown> {
  insee: string;
  name: string;
  type: 'COM' | 'ARM';
  department: string;
  lat: number;
  lng: number;
  population: number | null;
  postcodes: string[];
}

/** The commune itself (its COM or ARM row) and all its postcodes, in the order of the hits. */
async function details(db: DbOrTx, hits: Hit[]): Promise<Commune[]> {
  if (hits.length === 0) return [];
  const rows = await db.execute<CommuneRow>(sql`
    select distinct on (c.insee) c.insee, c.name, c.type, c.department, c.lat, c.lng, c.population,
           (select array_agg(distinct p.postcode order by p.postcode) from communes p where p.insee = c.insee) as postcodes
    from communes c
    where c.insee in ${hits.map((h) => h.insee)} and c.type in ('COM', 'ARM')
    order by c.insee`);
  const byInsee = new Map(rows.map((r) => [r.insee, r]));
  return hits.flatMap((hit) => {
    const row = byInsee.get(hit.insee);
    if (!row) return [];
    return [
      {
        insee: row.insee,
        name: row.name,
        type: row.type,
        postcodes: row.postcodes,
        department: row.department,
        lat: row.lat,
        lng: row.lng,
        population: row.population,
        delegatedCommune: hit.type === 'COMD' && hit.name !== row.name ? hit.name : null,
      },
    ];
  });
}
