import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../db/migrator.js';
import { loadReferenceData } from '../db/reference.js';
import { databaseUrl, TEST_SERVER_URL } from './helpers/env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runId: string;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds one migrated database with the reference data loaded; every test file clones it
 * (CREATE DATABASE … TEMPLATE is a file copy: fast) and drops its clone at the end.
 * Names carry the pid of the vitest process, so runs side by side never touch each other's
 * databases, and those of dead runs are cleaned up.
 */
export default async function setup(project: TestProject) {
  const runId = String(process.pid);
  const template = `passerelle_tpl_${runId}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin<{ datname: string }[]>`
      select datname from pg_database where datname ~ '^passerelle_(tpl|t)_[0-9]+'`;
    for (const { datname } of existing) {
      const pid = Number(datname.split('_')[2]);
      if (pid === process.pid || !isAlive(pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.unsafe(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(template));
  const sql = postgres(databaseUrl(template), { max: 1, onnotice: () => {} });
  await loadReferenceData(sql);
  await sql.end();
  project.provide('templateDb', template);
  project.provide('runId', runId);

  return async () => {
    const admin2 = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin2.unsafe(`drop database if exists "${template}" with (force)`);
    await admin2.end();
  };
}
