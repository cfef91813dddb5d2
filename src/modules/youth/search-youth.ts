import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { youthReadScope } from './scope.js';
import { selectYouthRecords, toYouthSummary } from './youth-record.js';

export interface SearchYouthQuery {
  q?: string | undefined;
  structureId?: string | undefined;
  limit: number;
  offset: number;
}

/** More words than that in a name search are noise. */
const MAX_WORDS = 6;

/**
 * Advisors find a youth of their structure by name; admins across structures (optionally
 * one). Each word of `q` must start a word of the first or last name, in any order, accents
 * and case ignored: "mart cam" finds Camille Martin and Camille Martínez. Straight from
 * Postgres: the trigram index on (' ' || search_name) serves the LIKE patterns.
 */
export async function searchYouth(deps: Deps, actor: Actor, query: SearchYouthQuery) {
  const { rows, total } = buildYouthSearch(deps.db, actor, query);
  const [items, [counted]] = await Promise.all([rows, total]);
  return { items: items.map(toYouthSummary), total: counted?.n ?? 0, limit: query.limit, offset: query.offset };
}

/** The two statements of a name search, not yet run (the tests EXPLAIN them). */
export function buildYouthSearch(db: Db, actor: Actor, query: SearchYouthQuery) {
  const scope = youthReadScope(actor);

  const conditions: (SQL | undefined)[] = [scope];
  if (query.structureId) conditions.push(eq(youth.structureId, query.structureId));
  for (const word of nameWords(query.q ?? '')) {
    // Words hold letters and digits only, and passerelle_normalize() leaves [a-z0-9 ]: no LIKE
    // wildcard can slip in.
    conditions.push(sql`(' ' || ${youth.searchName}) like '% ' || passerelle_normalize(${word}) || '%'`);
  }
  const where = and(...conditions);

  return {
    rows: selectYouthRecords(db)
      .where(where)
      .orderBy(asc(youth.lastName), asc(youth.firstName), asc(youth.id))
      .limit(query.limit)
      .offset(query.offset),
    total: db.select({ n: count() }).from(youth).where(where),
  };
}

/** Splits on anything that is neither a letter nor a digit, as passerelle_normalize() does. */
export function nameWords(q: string): string[] {
  return q.normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).slice(0, MAX_WORDS);
}
