import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { TEST_SERVER_URL } from '../helpers/env.js';
import { eventually } from '../helpers/eventually.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { todayInFrance } from '../../src/core/calendar.js';

// The Postgres search engine reaches the database through a proxy the test can cut: the
// engine goes down while the API and the outbox keep working on their own connection.
const server = new URL(TEST_SERVER_URL);
const proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
afterAll(() => proxy.close()); // registered first, so it runs after the context closes
const t = await useTestContext({ worker: true, searchDatabasePort: proxy.port });

const inDays = (days: number) => {
  const d = new Date(`${todayInFrance()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const employer = await t.userWithToken('employer');
const advisor = await t.userWithToken('advisor');

async function call(method: string, path: string, json?: unknown) {
  const res = await t.request(method, path, { token: employer.token, json: json ?? {} });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const offerBody = (title: string) => ({
  title,
  romeCode: 'G1602',
  description: 'Service en salle et au comptoir.',
  requiredSkills: ['Service en salle'],
  niceToHaveSkills: [],
  contractType: 'cdd',
  hoursPerWeek: 30,
  schedules: ['day', 'evening'],
  drivingLicenceRequired: false,
  workplace: { communeInsee: '42218', postcode: '42000' },
  positions: 1,
  expiryDate: inDays(30),
});

async function search(q: string): Promise<{ id: string; title: string }[]> {
  const res = await t.request('GET', `/v1/search/offers?q=${encodeURIComponent(q)}`, { token: advisor.token });
  if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

describe('search index consistency', () => {
  it('a change becomes searchable shortly after the write, with the worker running', async () => {
    const offer = await call('POST', '/v1/offers', offerBody('Serveur·se en brasserie'));
    await call('POST', `/v1/offers/${offer.id}/publish`);
    const hits = await eventually(async () => {
      const found = await search('brasserie');
      expect(found.map((h) => h.id)).toContain(offer.id);
      return found;
    });
    expect(hits.find((h) => h.id === offer.id)!.title).toBe('Serveur·se en brasserie');
  });

  it('with the engine down, changes wait in the queue and apply in order once it is back', async () => {
    const kept = await call('POST', '/v1/offers', offerBody('Commis de cuisine'));
    await call('POST', `/v1/offers/${kept.id}/publish`);
    const dropped = await call('POST', '/v1/offers', offerBody('Plongeur·se'));
    await call('POST', `/v1/offers/${dropped.id}/publish`);
    await eventually(async () => expect((await search('plongeur')).map((h) => h.id)).toContain(dropped.id));

    proxy.cut();
    onTestFinished(() => proxy.restore()); // even if an assertion below fails
    // The API keeps accepting writes: they only need the main database.
    await call('PATCH', `/v1/offers/${kept.id}`, { title: 'Commis de cuisine (version 2)' });
    await call('PATCH', `/v1/offers/${kept.id}`, { title: 'Second·e de cuisine (version 3)' });
    await call('POST', `/v1/offers/${dropped.id}/close`);
    const created = await call('POST', '/v1/offers', offerBody('Barista en torréfaction'));
    await call('POST', `/v1/offers/${created.id}/publish`);

    // The worker tried, found the engine unreachable and paused the queue (rate limit): the
    // jobs wait in order, none moved to backoff or lost to exhausted retries.
    const queue = t.worker!.queues.search;
    const limiterKey = `${t.config.REDIS_PREFIX}:search:limiter`;
    await eventually(async () => expect(await t.deps.redis.pttl(limiterKey)).toBeGreaterThan(0), 30_000);
    await eventually(async () => expect(await queue.getWaitingCount()).toBeGreaterThanOrEqual(4));
    expect(await queue.getDelayedCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
    // The wait list in the one right order, the next job first: the outbox order.
    const waiting = (await queue.getWaiting()).map((job) => Number(job.id!.replace('outbox-', '')));
    expect(waiting).toEqual([...waiting].sort((a, b) => a - b));
    const ready = await t.request('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.search.status).toBe('down');

    proxy.restore();
    await eventually(async () => {
      const cuisine = await search('cuisine');
      expect(cuisine.map((h) => h.title)).toContain('Second·e de cuisine (version 3)');
      expect(cuisine.map((h) => h.title)).not.toContain('Commis de cuisine (version 2)');
      expect((await search('plongeur')).map((h) => h.id)).not.toContain(dropped.id);
      expect((await search('barista')).map((h) => h.id)).toContain(created.id);
    }, 30_000);
    expect(await queue.getFailedCount()).toBe(0);
  });
});
