import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../core/errors.js';
import type { RomeMatch, RomeQuery } from './reference.schemas.js';
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

/** A ROME code (`D1102`: a letter, the domain, and 4 digits) or its beginning. */
const ROME_CODE_PREFIX = /^[a-z]\d{0,4}$/i;

interface MatchRow extends Record<string, unknown> {
  rome_code: string;
  rome_label: string;
  ogr: number | null;
  label: string;
  rarely_used: boolean;
  search_label: string;
}

/**
 * ROME occupations by code or by words. Text searches look at the labels of the codes and at
 * their job titles (appellations; each code's label is also one of its titles, in which case the
 * title is returned). Ranking: exact label, then label prefix, then every word starting a word of
 * the label, then typos (fewest edits, closest, first); within a rank titles in common use come
 * first, then shorter (more general) ones. A title flagged rarely used is left out when a title in
 * common use of the same code matched too.
 */
export async function searchRome(deps: Pick<Deps, 'db'>, input: RomeQuery): Promise<{ items: RomeMatch[] }> {
  const q = input.q ?? '';
  if (ROME_CODE_PREFIX.test(q)) return { items: await byCode(deps.db, q.toUpperCase(), input.limit) };

  const rows = await inSearchTransaction(deps.db, q, async (tx, folded = '') => {
    if (folded.length < 2) throw ValidationError.field('query.q', 'too_small', 'At least 2 letters or digits.');
    const found = await byWords(tx, folded, input.limit);
    const words = distinctWords(folded);
    const threshold = typoThreshold(words);
    if (found.length >= input.limit || threshold === null) return found;

    await setTypoThreshold(tx, threshold);
    const typos = await byWordsWithTypos(tx, words);
    // A code's label and the same title collapse into the title (it sorts first on a tie); rarely
    // used titles go when a title in common use of the same code matched, in either pass.
    const key = (r: MatchRow) => `${r.rome_code} ${r.search_label}`;
    const seen = new Set(found.map(key));
    const commonCodes = new Set([...found, ...typos].filter((r) => !r.rarely_used).map((r) => r.rome_code));
    for (const row of typos) {
      if (found.length >= input.limit) break;
      if (seen.has(key(row)) || (row.rarely_used && commonCodes.has(row.rome_code))) continue;
      seen.add(key(row));
      found.push(row);
    }
    return found;
  });
  return {
    items: rows.map((r) => ({
      romeCode: r.rome_code,
      romeLabel: r.rome_label,
      appellation: r.ogr === null ? null : { ogr: r.ogr, label: r.label },
    })),
  };
}

async function byCode(db: DbOrTx, prefix: string, limit: number): Promise<RomeMatch[]> {
  const rows = await db.execute<{ code: string; label: string }>(sql`
    select code, label from rome_codes where code like ${`${prefix}%`} order by code limit ${limit}`);
  return rows.map((r) => ({ romeCode: r.code, romeLabel: r.label, appellation: null }));
}

/**
 * Pass 1: every word of the query starts a word of the label, in any order. Ranks: the exact
 * label, then labels starting with the query, then the others. A code's label and the same
 * title collapse into the title; rarely used titles go when a title in common use of the same
 * code matched.
 */
async function byWords(db: DbOrTx, text: string, limit: number): Promise<MatchRow[]> {
  const words = (column: SQL) =>
    sql.join(
      text.split(' ').map((w) => sql`${column} like ${wordPrefixPattern(w)}`),
      sql` and `,
    );
  return db.execute<MatchRow>(sql`
    select rome_code, rome_label, ogr, label, rarely_used, search_label
    from (
      select distinct on (u.rome_code, u.search_label) u.*, c.label as rome_label,
             case when u.search_label = ${text} then 0 when u.search_label like ${`${text}%`} then 1 else 2 end as rank,
             bool_or(not u.rarely_used) over (partition by u.rome_code) as code_in_common_use
      from (
        select code as rome_code, null::integer as ogr, label, false as rarely_used, search_label
        from rome_codes where ${words(sql`(' ' || search_label)`)}
        union all
        select rome_code, ogr, label, rarely_used, search_label
        from rome_appellations where ${words(sql`(' ' || search_label)`)}
      ) u join rome_codes c on c.code = u.rome_code
      order by u.rome_code, u.search_label, u.ogr nulls last
    ) m
    where not (rarely_used and code_in_common_use)
    order by rank, rarely_used, length(label), label, ogr nulls first
    limit ${limit}`);
}

/**
 * Pass 2: typos. The trigram operator finds candidates (titles in common use and short ones
 * first when there are too many), typoEdits() keeps the real ones. Ranked by edits, then by how
 * early in the label the query's first word matched, then as in pass 1.
 */
async function byWordsWithTypos(db: DbOrTx, text: string): Promise<MatchRow[]> {
  const candidates = await db.execute<MatchRow>(sql`
    select u.rome_code, c.label as rome_label, u.ogr, u.label, u.rarely_used, u.search_label
    from (
      select code as rome_code, null::integer as ogr, label, false as rarely_used, search_label
      from rome_codes where ${typoCandidates(sql`(' ' || search_label)`, text)}
      union all
      select rome_code, ogr, label, rarely_used, search_label
      from rome_appellations where ${typoCandidates(sql`(' ' || search_label)`, text)}
    ) u join rome_codes c on c.code = u.rome_code
    order by u.rarely_used, length(u.label), u.ogr nulls last
    limit ${TYPO_CANDIDATES}`);
  const matches = candidates.flatMap((row) => {
    const match = typoEdits(text, row.search_label);
    return match ? [{ row, ...match }] : [];
  });
  matches.sort(
    (a, b) =>
      a.edits - b.edits ||
      a.position - b.position ||
      Number(a.row.rarely_used) - Number(b.row.rarely_used) ||
      a.row.label.length - b.row.label.length ||
      a.row.label.localeCompare(b.row.label),
  );
  return matches.map((m) => m.row);
}
