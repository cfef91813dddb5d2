import { afterAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { eventually } from '../helpers/eventually.js';
import { TEST_REDIS_URL } from '../helpers/env.js';

// The API and the worker reach Redis through a proxy that the test can cut, as an outage
// would, without stopping the Redis that other test files share.
const redis = new URL(TEST_REDIS_URL);
const proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
// Registered first so that it runs last: the context closes its Redis clients through the proxy.
afterAll(() => proxy.close());
const t = await useTestContext({ smtp: true, worker: true, env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
const admin = await t.userWithToken('admin');

async function invite(email: string) {
  const structure = await t.structure();
  const res = await t.request('POST', '/v1/users', {
    token: admin.token,
    json: { email, firstName: 'Inès', lastName: 'Benali', role: 'organiser', structureId: structure.id },
  });
  expect(res.status).toBe(201);
}

describe('transactional outbox', () => {
  it('an invitation made while Redis is down goes out once Redis is back, exactly once', async () => {
    proxy.cut();
    const email = `${t.unique('ines')}@example.test`;
    await invite(email); // the API does not need Redis to accept the change

    // While Redis is away the event waits in the outbox: the dispatcher tried and failed.
    const pending = await eventually(async () => {
      const rows = await t.deps.sql`select dispatched_at, attempts, last_error from outbox_events where type = 'send-invitation'`;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.attempts).toBeGreaterThan(0);
      return rows[0]!;
    });
    expect(pending.dispatched_at).toBeNull();
    expect(pending.last_error).toBeTruthy();
    expect(smtp().to(email)).toHaveLength(0);
    const readiness = await t.request('GET', '/readyz');
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks.redis.status).toBe('down');

    proxy.restore();
    const mail = await smtp().waitFor(email, undefined, 30_000);
    expect(mail.subject).toBe('Activez votre compte Passerelle');

    // The same job once more, as after a crash between "mail sent" and "job completed" (the
    // completed job is gone, so BullMQ runs it again): the delivery record keeps it to one e-mail.
    const [event] = await t.deps.sql`select id from outbox_events where type = 'send-invitation'`;
    const queue = t.worker!.queues.mail;
    await queue.remove(`outbox-${event!.id}`);
    await t.deps.sql`update outbox_events set dispatched_at = null where type = 'send-invitation'`;
    await t.worker!.dispatcher.dispatch();
    await eventually(async () => {
      const job = await queue.getJob(`outbox-${event!.id}`);
      expect(await job?.getState()).toBe('completed');
    });
    expect(smtp().to(email)).toHaveLength(1);
    const deliveries = await t.deps.sql`select count(*)::int as n from mail_deliveries where recipient = ${email}`;
    expect(deliveries[0]!.n).toBe(1);
  });

  it('an event for a job the worker does not know is set aside, not retried forever', async () => {
    await t.deps.sql`insert into outbox_events (type, payload) values ('no-such-job', '{}')`;
    await t.worker!.dispatcher.dispatch();
    const [row] = await t.deps.sql`select dispatched_at, last_error from outbox_events where type = 'no-such-job'`;
    expect(row!.last_error).toBe('unknown job type');
    expect(row!.dispatched_at).not.toBeNull();
  });
});

function smtp() {
  return t.smtp!;
}
