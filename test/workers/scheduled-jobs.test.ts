import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.js';
import { cancelJobs, scheduleJob } from '../../src/outbox/jobs.js';
import { useTestContext } from '../helpers/context.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { eventually } from '../helpers/eventually.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

// Scheduled jobs are exercised with a real one: the invitation e-mail of an invited account.
const redis = new URL(TEST_REDIS_URL);
const proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
afterAll(() => proxy.close());
const t = await useTestContext({ smtp: true, worker: true, env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });

async function invitedUser() {
  const email = `${t.unique('invite')}@example.test`;
  const [user] = await t.deps.db
    .insert(users)
    .values({ email, firstName: 'Inès', lastName: 'Benali', role: 'admin', status: 'invited' })
    .returning();
  return { id: user!.id, email };
}

const inMs = (ms: number) => new Date(Date.now() + ms);
const rowsFor = (key: string) =>
  t.deps.sql<{ id: string; run_at: string; dispatched_at: string | null; cancelled_at: string | null }[]>`
    select id, run_at, dispatched_at, cancelled_at from outbox_events where key = ${key} order by id`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduled and cancellable jobs', () => {
  it('waits in the outbox until it is due, then runs once', async () => {
    const user = await invitedUser();
    const key = `test-reminder:${user.id}`;
    await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(1500), key }));
    await t.worker!.dispatcher.dispatch();
    expect((await rowsFor(key))[0]!.dispatched_at).toBeNull();
    expect(t.smtp!.to(user.email)).toHaveLength(0);

    const mail = await t.smtp!.waitFor(user.email);
    expect(mail.subject).toBe('Activez votre compte Passerelle');
    const [row] = await rowsFor(key);
    expect(Date.parse(String(row!.dispatched_at))).toBeGreaterThanOrEqual(Date.parse(String(row!.run_at)));
  });

  it('is moved by scheduling again under the same key, and runs only at the new time', async () => {
    const user = await invitedUser();
    const key = `test-reminder:${user.id}`;
    await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(3_600_000), key }));
    await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(200), key }));
    await t.smtp!.waitFor(user.email);
    const rows = await rowsFor(key);
    expect(rows.map((r) => [r.cancelled_at !== null, r.dispatched_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(t.smtp!.to(user.email)).toHaveLength(1);
  });

  it('is never delivered once cancelled in the transaction of the change, even past its time', async () => {
    const user = await invitedUser();
    const key = `test-reminder:${user.id}`;
    await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(300), key }));
    // A change that rolls back cancels nothing…
    await t.deps.db
      .transaction(async (tx) => {
        expect(await cancelJobs(tx, [key])).toBe(1);
        throw new Error('rolled back');
      })
      .catch(() => {});
    expect((await rowsFor(key))[0]!.cancelled_at).toBeNull();
    // …one that commits does, before the job is due.
    await t.deps.db.transaction((tx) => cancelJobs(tx, [key]));
    await sleep(600);
    await t.worker!.dispatcher.dispatch();
    const [row] = await rowsFor(key);
    expect(row!.cancelled_at).not.toBeNull();
    expect(row!.dispatched_at).toBeNull();
    expect(t.smtp!.to(user.email)).toHaveLength(0);
  });

  it('does nothing when cancelled after it reached the queue but before it ran', async () => {
    const user = await invitedUser();
    const key = `test-reminder:${user.id}`;
    const mail = t.worker!.queues.mail;
    await mail.pause();
    try {
      await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(0), key }));
      await eventually(async () => expect((await rowsFor(key))[0]!.dispatched_at).not.toBeNull());
      await t.deps.db.transaction((tx) => cancelJobs(tx, [key]));
    } finally {
      await mail.resume();
    }
    const [row] = await rowsFor(key);
    await eventually(async () => expect(await (await mail.getJob(`outbox-${row!.id}`))?.getState()).toBe('completed'));
    expect(t.smtp!.to(user.email)).toHaveLength(0);
  });

  it('one due while Redis is down goes out once Redis is back, exactly once', async () => {
    const user = await invitedUser();
    const key = `test-reminder:${user.id}`;
    proxy.cut();
    try {
      await t.deps.db.transaction((tx) => scheduleJob(tx, 'send-invitation', { userId: user.id }, { runAt: inMs(200), key }));
      // Due, tried, refused by the queue: it waits in the outbox with the reason.
      await eventually(async () => {
        const [row] = await t.deps.sql`select attempts, last_error, dispatched_at from outbox_events where key = ${key}`;
        expect(row!.attempts).toBeGreaterThan(0);
        expect(row!.last_error).toBeTruthy();
        expect(row!.dispatched_at).toBeNull();
      });
      expect(t.smtp!.to(user.email)).toHaveLength(0);
    } finally {
      proxy.restore();
    }
    await t.smtp!.waitFor(user.email, undefined, 30_000);
    await sleep(500);
    expect(t.smtp!.to(user.email)).toHaveLength(1);
  });

  it('purges rows handed over or cancelled longer ago than the retention, and keeps the rest', async () => {
    const ids = await t.deps.sql<{ id: string; label: string }[]>`
      insert into outbox_events (type, payload, dispatched_at, cancelled_at, run_at)
      values ('sync-search', '{}', now() - interval '31 days', null, now() - interval '31 days'),
             ('sync-search', '{}', null, now() - interval '31 days', now() - interval '31 days'),
             ('sync-search', '{}', now() - interval '29 days', null, now() - interval '29 days'),
             ('sync-search', '{}', null, null, now() + interval '40 days')
      returning id, case when run_at > now() then 'future' else 'past' end as label`;
    const { purgeOutbox } = await import('../../workers/jobs/purge-outbox.js');
    await purgeOutbox.process({}, { deps: t.deps, log: t.deps.log } as never);
    const left = await t.deps.sql<{ id: string }[]>`select id from outbox_events where id in ${t.deps.sql(ids.map((r) => r.id))} order by id`;
    expect(left.map((r) => r.id)).toEqual([ids[2]!.id, ids[3]!.id]);
  });
});
