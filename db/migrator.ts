import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { loadReferenceData } from './reference.js';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Creates the database if it does not exist yet (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end();
  }
}

/** Applies every committed migration that has not run yet. */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end();
  }
}

/**
 * Everything a database needs before the product runs on it: created if missing, migrated,
 * reference data loaded (skipped when already there). For `npm start`, `npm run db:migrate`
 * and the seed alike.
 */
export async function prepareDatabase(url: string, onProgress: (message: string) => void = () => {}): Promise<void> {
  await ensureDatabase(url);
  await runMigrations(url);
  onProgress('migrations applied');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await loadReferenceData(sql, onProgress);
  } finally {
    await sql.end();
  }
}
