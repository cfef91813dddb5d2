import postgres from 'postgres';
import { runMigrations } from '../db/migrator.js';
import { loadReferenceData } from '../db/reference.js';
import { databaseUrl, TEMPLATE_DB, TEST_SERVER_URL } from './helpers/env.js';

/**
 * Builds one migrated database with the reference data loaded; every test file clones it
 * (CREATE DATABASE … TEMPLATE is a file copy: fast) and drops its clone at the end.
 */
export default async function setup() {
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    // Clones left behind by an interrupted run.
    const leftovers = await admin`select datname from pg_database where datname like 'passerelle_test_%'`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.unsafe(`create database "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(TEMPLATE_DB));
  const sql = postgres(databaseUrl(TEMPLATE_DB), { max: 1, onnotice: () => {} });
  await loadReferenceData(sql);
  await sql.end();
}
