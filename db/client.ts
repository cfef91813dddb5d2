import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from './schema/index.js';

export type Sql = postgres.Sql;
export type Db = ReturnType<typeof createDb>['db'];
/** A drizzle handle inside a transaction: use cases accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * The postgres.js client behind a drizzle handle: the pool, or the connection of the
 * transaction. Its tagged templates are prepared statements (parsed and planned once per
 * connection), where drizzle sends each query unnamed, parsed and planned again every time:
 * for the few statements of a hot path (see claimSeat).
 */
export function clientOf(db: DbOrTx): Sql {
  return (db._.session as unknown as { client: Sql }).client;
}

/**
 * One transaction in one round trip: BEGIN, the statements and COMMIT leave together on a
 * connection of the pool, and Postgres runs them in this order, each once the one before is
 * done (so each sees what the ones before did, and what was committed before it started). For a
 * hot path whose statements decide everything themselves, with nothing for the code to decide
 * between them: should one fail, those after it fail too and the COMMIT rolls back; the first
 * error is thrown. Resolves to the statements' results, in order.
 */
export async function pipelinedTransaction<R extends readonly unknown[]>(
  db: Db,
  statements: (sql: postgres.ReservedSql) => { [K in keyof R]: postgres.PendingQuery<R[K] & postgres.Row[]> },
): Promise<{ [K in keyof R]: R[K] }> {
  const sql = await clientOf(db).reserve();
  try {
    const settled = await Promise.allSettled([sql`begin`, ...statements(sql), sql`commit`]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.slice(1, -1).map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as { [K in keyof R]: R[K] };
  } finally {
    sql.release();
  }
}

export function createDb(url: string, options: { max?: number; settings?: Record<string, string> } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Session settings sent at connection time (e.g. planner costs for the search pool).
    connection: options.settings ?? {},
    // Dates stay strings for `date` columns; timestamps come back as Date.
    types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { sql, db };
}
