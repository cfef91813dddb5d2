import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../db/migrator.js';
import { databaseUrl, TEST_SERVER_URL } from './helpers/env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runId: string;
  }
}

/** A run's databases older than this are left over by a run that died: dropped by the next one. */
const STALE_AFTER_SECONDS = 6 * 3600;

/**
 * Builds one migrated database with the reference data loaded; every test file clones it
 * (CREATE DATABASE … TEMPLATE is a file copy: fast) and drops its clone at the end.
 * Names carry the run's start time and a random id (`passerelle_run_<epoch>_<random>_…`): runs
 * side by side, on this machine or in another container sharing the server, never touch each
 * other's databases, and only those too old to belong to a live run are cleaned up.
 */
export default async function setup(project: TestProject) {
  const startedAt = Math.floor(Date.now() / 1000);
  const runId = `${startedAt}_${randomBytes(4).toString('hex')}`;
  const template = `passerelle_run_${runId}_template`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin<{ datname: string }[]>`
      select datname from pg_database where datname ~ '^passerelle_run_[0-9]+_'`;
    for (const { datname } of existing) {
      const createdAt = Number(datname.split('_')[2]);
      if (createdAt < startedAt - STALE_AFTER_SECONDS) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.unsafe(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  await prepareDatabase(databaseUrl(template));
  project.provide('templateDb', template);
  project.provide('runId', runId);

  return async () => {
    const admin2 = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin2.unsafe(`drop database if exists "${template}" with (force)`);
    await admin2.end();
  };
}
