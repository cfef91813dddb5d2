import type { Sql } from '../../../db/client.js';
import { fold } from './fields.js';

/**
 * The `search_vector` of documents (every lexeme of their texts, no position, no weight),
 * assembled in this process from lexemes PostgreSQL computes once per distinct chunk of text.
 *
 * Tokenising every text with `to_tsvector` was the largest part of a write's cost in the server
 * (parsing, then the French stemmer on each word: about 40 % of an offer's CPU, `perf`), though
 * the same few thousand words come back in every document. Here a text is cut at ASCII spaces
 * into chunks ("l'équipe", "(CDI),", "Saint-Étienne"), each distinct chunk goes once through
 * `to_tsvector('french_unaccent', chunk)`, and a document's vector is the union of its
 * chunks' lexemes: the server's own parser and dictionaries decide every lexeme, so the vector
 * equals `strip(to_tsvector(…))` of the whole text after a space, and queries (`to_tsquery`
 * with the same configuration) match it the same way.
 *
 * That holds because the default parser never makes a token across a space, and a chunk is
 * parsed as it is in the text: after a space, which starts (or continues) a run of blanks. The
 * space matters: a blank run swallows a `~` or a `.` that would start a file or path token at
 * the very start of a text (`x ~tilde` holds `tild`, `~tilde` alone `~tilde`); hence the leading
 * space, in the server's statement too. The exception is an HTML tag (`<a href="…">` may hold
 * spaces): a text with `<` is tokenised whole by the server (its row carries no vector, see
 * upsertStatement). The folded words of the vocabulary (search_vocabulary) come from the chunks
 * too: fold() cuts at spaces as well, so a text's folded words are its chunks' folded words, and
 * each chunk is folded once (and its words sent to search_vocabulary once). The equivalence is
 * tested on texts built to break it, the seed's offers and the reference labels
 * (test/adapters/search/postgres-lexemes.test.ts).
 *
 * Whole texts are remembered too, with their distinct lexemes: an offer's ROME label (its code's
 * label and job titles, ~550 characters, ~80 chunks) comes back in every offer of that code, and
 * cutting it and looking up its chunks again was half of the writer's CPU per offer. A document's
 * literal holds each lexeme once, which the server then parses once (a fifth shorter for offers).
 */
export function lexemeCache(sql: Sql, capacity = 200_000, textBudget = 4_000_000) {
  const known = new Map<string, Chunk>();
  /**
   * The distinct lexemes of whole texts, quoted: the same title or ROME label comes back in many
   * documents. At most `textBudget` characters of texts are held: past it, the texts not seen again
   * since the last sweep leave (descriptions, nearly all unique), those that recur stay.
   */
  const texts_ = new Map<string, { lexemes: readonly string[]; seen: boolean }>();
  let textChars = 0;
  const sweepTexts = () => {
    for (const [text, entry] of texts_) {
      if (entry.seen) entry.seen = false;
      else {
        texts_.delete(text);
        textChars -= text.length;
      }
    }
  };
  /** Asks the server for the lexemes of chunks not known yet; they are returned apart, and known from then on. */
  async function learn(unknown: ReadonlySet<string>): Promise<Map<string, Chunk>> {
    const fresh = new Map<string, Chunk>();
    if (unknown.size === 0) return fresh;
    const found = await sql<{ chunk: string; lexemes: string[] }[]>`
      select chunk, tsvector_to_array(to_tsvector('french_unaccent', ' ' || chunk)) as lexemes
      from unnest(${[...unknown]}::text[]) chunk`;
    for (const { chunk, lexemes } of found) {
      const entry = { lexemes, quoted: lexemes.map(quoted), words: fold(chunk).split(' ').filter(Boolean) };
      fresh.set(chunk, entry);
      known.set(chunk, entry);
    }
    return fresh;
  }
  return {
    /**
     * For each row's texts, the `search_vector` as a tsvector literal, or null when the server
     * must tokenise them itself (a tag). One round trip for the chunks this process has not
     * seen yet, none once the vocabulary of the documents is known. `words`: the folded words
     * (fold()) of those new chunks, for search_vocabulary; `forget` them if they could not be
     * written, so that they come back with the next document that holds them.
     */
    async vectors(rows: readonly (readonly string[])[]): Promise<{ vectors: (string | null)[]; words: string[]; fresh: string[] }> {
      // Bounded memory (costs only lookups), emptied before this batch's chunks are looked up, so
      // that every chunk the batch needs is either known or learned now.
      if (known.size >= capacity) known.clear();
      // The lexemes of each text of the batch: known whole, or from its chunks (each text cut once).
      const ofText = new Map<string, readonly string[]>();
      const cut = new Map<string, string[]>();
      const unknown = new Set<string>();
      for (const texts of rows) {
        for (const text of texts) {
          if (ofText.has(text) || cut.has(text)) continue;
          const whole = texts_.get(text);
          if (whole) {
            whole.seen = true;
            ofText.set(text, whole.lexemes);
            continue;
          }
          const chunks = text.split(SPACES);
          cut.set(text, chunks);
          for (const chunk of chunks) if (!known.has(chunk)) unknown.add(chunk);
        }
      }
      const fresh = await learn(unknown);
      for (const [text, chunks] of cut) {
        const lexemes = new Set<string>();
        for (const chunk of chunks) for (const lexeme of (known.get(chunk) ?? fresh.get(chunk)!).quoted) lexemes.add(lexeme);
        const distinct = [...lexemes];
        ofText.set(text, distinct);
        texts_.set(text, { lexemes: distinct, seen: false });
        textChars += text.length;
      }
      if (textChars > textBudget) sweepTexts();
      const vectors = rows.map((texts) => {
        if (texts.some((t) => t.includes('<'))) return null;
        // A lexeme of several texts, or of several chunks ("équipe", "équipe,"), is sent once.
        const lexemes = new Set<string>();
        for (const text of texts) for (const lexeme of ofText.get(text)!) lexemes.add(lexeme);
        return [...lexemes].join(' ');
      });
      return { vectors, words: [...fresh.values()].flatMap((entry) => entry.words), fresh: [...fresh.keys()] };
    },
    /** Characters of whole texts held (bounded by `textBudget`, give or take a batch). */
    heldTextCharacters: () => textChars,
    forget(chunks: readonly string[]) {
      for (const chunk of chunks) known.delete(chunk);
      // A text known whole would hide those chunks, and their words would not come back.
      texts_.clear();
      textChars = 0;
    },
    /**
     * The lexemes of query words (folded, each a chunk of its own): the stem of each, none for
     * a stop word, as the documents' vectors hold them. Words of other shapes are left out.
     */
    async ofWords(words: readonly string[]): Promise<Map<string, readonly string[]>> {
      const wanted = new Set(words.filter((w) => /^[a-z0-9]+$/.test(w)));
      if (known.size >= capacity) known.clear();
      const unknown = new Set([...wanted].filter((w) => !known.has(w)));
      const fresh = await learn(unknown);
      return new Map([...wanted].map((w) => [w, (known.get(w) ?? fresh.get(w))!.lexemes]));
    },
  };
}

/** What a chunk of text gives: its lexemes, each also quoted for a tsvector literal, and its folded words. */
interface Chunk {
  lexemes: readonly string[];
  quoted: readonly string[];
  words: readonly string[];
}

/** The spaces PostgreSQL's parser never makes a token across (outside tags). */
const SPACES = /[ \t\n\r]+/;

/** A lexeme inside a tsvector literal: quoted, with its quotes doubled and backslashes escaped. */
const quoted = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
