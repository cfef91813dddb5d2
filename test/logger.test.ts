import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { serializeError } from '../src/logger.js';
import { useTestContext } from './helpers/context.js';

const t = await useTestContext();

describe('error logging', () => {
  it('keeps the query, the SQLSTATE and the constraint of a failed query, never its values', async () => {
    await t.deps.db.execute(sql`create temp table people (email text unique)`);
    await t.deps.db.execute(sql`insert into people values (${'eloise.martin@example.test'})`);
    const err = await t.deps.db.execute(sql`insert into people values (${'eloise.martin@example.test'})`).catch((e: unknown) => e);
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toContain('eloise');
    expect(logged).toContain('insert into people');
    expect(serializeError(err)).toMatchObject({ code: '23505', constraint: 'people_email_key' });
  });
});
