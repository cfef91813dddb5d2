import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.js';

/**
 * Text matching shared by the communes and ROME searches. Queries run in two passes:
 * 1. word-prefix matches (exact, then prefix, then inside the text), served by the trigram
 *    index on ' ' || search_* through LIKE '% word%' patterns;
 * 2. only when the first pass leaves room under the limit: typo matches. The same index finds
 *    candidates (query <% text: a word similarity above a threshold set for the query's
 *    length), and typoEdits() keeps those that really are the query give or take a typo:
 *    trigram similarity alone lets through texts that merely share common syllables.
 */

/**
 * Runs a search in one transaction, with the query folded exactly as the stored search columns
 * are (passerelle_normalize: lower case, no accents, words separated by single spaces).
 * Sequential scans are off for the transaction: the planner prices pg_trgm's operators like a
 * plain comparison and, especially on tables without statistics yet, prefers reading every row,
 * which costs a word similarity per row (a quarter of a second on the ROME titles) where the
 * index reads a few hundred.
 */
export async function inSearchTransaction<T>(
  db: Db,
  query: string | undefined,
  run: (tx: Tx, folded: string | undefined) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ folded: string | null }>(
      sql`select passerelle_normalize(${query ?? null}::text) as folded, set_config('enable_seqscan', 'off', true)`,
    );
    return run(tx, query === undefined ? undefined : (row?.folded ?? ''));
  });
}

/**
 * The folded query with each word once, for the typo pass: it matches every word on its own
 * (typoEdits), so a repeated word asks nothing more of a text, while the word similarity of the
 * candidates costs in proportion to the query's length (`saint` typed 8 times read the same
 * 4,600 "Saint-…" communes, each compared with 8 words).
 */
export const distinctWords = (folded: string) => [...new Set(folded.split(' ').filter(Boolean))].join(' ');

/** At most this many typo candidates are read back; their order decides which ones. */
export const TYPO_CANDIDATES = 1000;

/**
 * The word-similarity threshold for the typo candidates of a folded query, or null when no
 * word is long enough to carry a typo. Tuned on 2,300 one-typo queries made from the reference
 * data (whole or partly typed names and titles, a letter changed, added or dropped): with
 * (trigrams - 6) / trigrams, between 0.3 and 0.5, the index misses 1 % of the texts typoEdits()
 * accepts; with (trigrams - 4) / trigrams it missed 19 %, as word similarity also counts the
 * trigrams the text has and the query lacks. The pigeonhole filter of typoCandidates() keeps the
 * candidates few; the floor keeps 4-letter words (which it cannot filter) from reading half of
 * the index.
 */
export function typoThreshold(folded: string): number | null {
  const words = folded.split(' ').filter(Boolean);
  if (!words.some((w) => w.length >= 4)) return null;
  const trigrams = words.reduce((n, w) => n + w.length + 1, 0); // pg_trgm: letters + 1 per word
  const threshold = (trigrams - 6) / trigrams;
  // A hair under the bound: the index compares in single precision.
  return Math.min(0.5, Math.max(0.3, threshold)) - 0.01;
}

/** Sets the word-similarity threshold of `<%` for the rest of the search transaction. */
export async function setTypoThreshold(tx: Tx, threshold: number): Promise<void> {
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${threshold.toFixed(3)}, true)`);
}

/**
 * The index condition of the typo candidates on `column` (' ' || search_*). Word similarity
 * alone lets through every label sharing a word's first letters and its ending (`coifeur` reads
 * 1,400 ROME titles: conducteur, controleur…). So each query word of 5 letters or more also has
 * to pass a pigeonhole filter: a word within k edits keeps one of its k + 1 parts intact, the
 * first one at the start of a word. The trigram index can look a part up if it has 3 letters,
 * or 2 at the start of a word. Words too short to hold a typo must start a word as typed. The
 * pigeonhole conditions are necessary for typoEdits() to accept a text, and the index serves
 * them together with the similarity.
 */
export function typoCandidates(column: SQL, folded: string): SQL {
  const words = folded.split(' ').filter(Boolean);
  const budget = typoBudget(words);
  const conditions = [sql`${folded} <% ${column}`];
  for (const word of words) {
    const edits = Math.min(allowedEdits(word), budget);
    if (edits === 0 && word.length >= 3) {
      conditions.push(sql`${column} like ${wordPrefixPattern(word)}`);
    } else if (edits > 0 && splitEvenly(word, edits + 1).every((part, i) => part.length >= (i === 0 ? 2 : 3))) {
      const parts = splitEvenly(word, edits + 1);
      const patterns = parts.map((part, i) => (i === 0 ? wordPrefixPattern(part) : `%${part}%`));
      conditions.push(sql`(${sql.join(patterns.map((p) => sql`${column} like ${p}`), sql` or `)})`);
    }
  }
  return sql.join(conditions, sql` and `);
}

function splitEvenly(word: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    word.slice(Math.floor((i * word.length) / count), Math.floor(((i + 1) * word.length) / count)),
  );
}

/** LIKE pattern matching `word` at the start of a word of ' ' || search_*. Folded text holds only [a-z0-9 ]. */
export const wordPrefixPattern = (word: string) => `% ${word}%`;

/** Edits a query word may hold: none under 4 letters, 1 from 4, 2 from 9. */
const allowedEdits = (word: string) => (word.length >= 9 ? 2 : word.length >= 4 ? 1 : 0);

/** Edits the whole query may hold: 1, 2 from 9 letters. */
const typoBudget = (words: string[]) => (words.reduce((n, w) => n + w.length, 0) >= 9 ? 2 : 1);

/**
 * Whether a folded text holds a folded query give or take typos: every word of the query must
 * be the beginning of some word of the text within its allowance of edits, and the query as a
 * whole may hold 1 edit (2 from 9 letters). The first letter must be right: typos there are
 * rare, and without it short words match anything (`nise` would find Oise). A query word is
 * compared with the beginnings of the text word, so that a word still being typed matches, and
 * a letter missing or doubled counts as one edit.
 * Returns the number of edits and the position of the word the query's first word matched
 * (earlier is closer to what was meant), or null.
 */
export function typoEdits(query: string, text: string): { edits: number; position: number } | null {
  const queryWords = query.split(' ').filter(Boolean);
  const textWords = text.split(' ');
  let budget = typoBudget(queryWords);
  let edits = 0;
  let position = -1;
  for (const [i, word] of queryWords.entries()) {
    const allowed = Math.min(allowedEdits(word), budget);
    let best = allowed + 1;
    let bestAt = -1;
    for (const [at, candidate] of textWords.entries()) {
      if (candidate[0] !== word[0]) continue;
      const d = prefixDistance(word, candidate, allowed);
      if (d < best) [best, bestAt] = [d, at];
      if (best === 0) break;
    }
    if (best > allowed) return null;
    budget -= best;
    edits += best;
    if (i === 0) position = bestAt;
  }
  return { edits, position };
}

/**
 * Levenshtein distance between `word` and the beginning of `candidate` cut to the word's length
 * give or take `max` letters (the smallest of these), or max + 1 as soon as it is known to
 * exceed max. One dynamic-programming table gives them all: its last row holds the distances from
 * the whole word to each beginning of the candidate.
 */
export function prefixDistance(word: string, candidate: string, max: number): number {
  const n = word.length;
  const width = Math.min(candidate.length, n + max);
  let previous = Array.from({ length: width + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= width; j++) {
      const cost = word[i - 1] === candidate[j - 1] ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  // Cuts from n - max to n + max; a candidate shorter than a cut is compared whole.
  let best = max + 1;
  for (let j = Math.max(0, n - max); j <= Math.min(width, n + max); j++) best = Math.min(best, previous[j]!);
  return best;
}
