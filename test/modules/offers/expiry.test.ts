import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { useTestContext } from '../../helpers/context.js';
import { loadOfferDocuments } from '../../../src/modules/offers/offer-documents.js';
import { closeExpiredOffers, CLOSE_EXPIRED_OFFERS_EVERY_MS } from '../../../workers/jobs/close-expired-offers.js';
import { todayInFrance } from '../../../src/core/calendar.js';

const t = await useTestContext();

const inDays = (days: number) => {
  const d = new Date(`${todayInFrance()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const offerBody = {
  title: 'Préparateur·rice de commandes',
  romeCode: 'N1103',
  description: 'Préparation de commandes en entrepôt.',
  contractType: 'interim',
  hoursPerWeek: 35,
  schedules: ['day'],
  workplace: { communeInsee: '33063' },
  expiryDate: inDays(10),
};

async function publishedOffer(token: string, overrides: Record<string, unknown> = {}) {
  const created = await t.request('POST', '/v1/offers', { token, json: { ...offerBody, ...overrides } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.request('POST', `/v1/offers/${created.body.id}/publish`, { token });
  expect(published.status).toBe(200);
  return created.body.id as string;
}

/** The expiry date cannot be set in the past through the API: time passes in the database. */
async function expire(id: string, daysAgo = 1) {
  await t.deps.db.execute(sql`update offers set expiry_date = ${inDays(-daysAgo)} where id = ${id}`);
}

async function storedStatus(id: string) {
  const [row] = await t.deps.db.execute<{ status: string; closed_at: Date | null }>(
    sql`select status, closed_at from offers where id = ${id}`,
  );
  return row!;
}

const syncCount = async (id: string) =>
  (await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where type = 'sync-search' and payload->>'id' = ${id}`))[0]!.n;

const runJob = () =>
  closeExpiredOffers.process({}, {
    deps: t.deps,
    log: t.deps.log,
    jobId: 'test-run',
    job: {} as Job,
    pauseQueue: async () => new Error('not expected to pause'),
  });

describe('an offer past its expiry date', () => {
  it('reads as closed everywhere before the job has run', async () => {
    const { token } = await t.userWithToken('employer');
    const id = await publishedOffer(token);
    await expire(id);
    expect((await storedStatus(id)).status).toBe('published');

    const read = await t.request('GET', `/v1/offers/${id}`, { token });
    expect(read.body.status).toBe('closed');
    const closedList = await t.request('GET', '/v1/offers?status=closed', { token });
    expect(closedList.body.items.map((o: any) => o.id)).toContain(id);
    const publishedList = await t.request('GET', '/v1/offers?status=published', { token });
    expect(publishedList.body.items.map((o: any) => o.id)).not.toContain(id);

    const advisor = await t.userWithToken('advisor');
    expect((await t.request('GET', `/v1/offers/${id}`, { token: advisor.token })).status).toBe(404);
    const [doc] = await loadOfferDocuments(t.deps.db, [id]);
    expect(doc!.status).toBe('closed');

    // Its expiry date passed: closing it again is refused, as is publishing it.
    const close = await t.request('POST', `/v1/offers/${id}/close`, { token });
    expect(close.status).toBe(409);
    expect(close.body.currentState).toBe('closed');
  });

  it('stays open through its expiry date', async () => {
    const { token } = await t.userWithToken('employer');
    const id = await publishedOffer(token, { expiryDate: todayInFrance() });
    expect((await t.request('GET', `/v1/offers/${id}`, { token })).body.status).toBe('published');
  });

  it('is closed by the periodic job, which tells search and leaves other offers alone', async () => {
    const { token } = await t.userWithToken('employer');
    const expired = await publishedOffer(token);
    const longExpired = await publishedOffer(token);
    const current = await publishedOffer(token);
    const draft = (await t.request('POST', '/v1/offers', { token, json: offerBody })).body.id as string;
    await expire(expired);
    await expire(longExpired, 40);
    await expire(draft);
    const before = await syncCount(expired);

    await runJob();
    for (const id of [expired, longExpired]) {
      const row = await storedStatus(id);
      expect(row.status).toBe('closed');
      expect(row.closed_at).not.toBeNull();
    }
    expect(await syncCount(expired)).toBe(before + 1);
    expect((await storedStatus(current)).status).toBe('published');
    expect((await storedStatus(draft)).status).toBe('draft');

    // Idempotent: a second run finds nothing more to do.
    await runJob();
    expect(await syncCount(expired)).toBe(before + 1);
  });

  it('may be published again once given a new expiry date, not before', async () => {
    const { token } = await t.userWithToken('employer');
    const id = await publishedOffer(token);
    await expire(id);
    await runJob();

    const refused = await t.request('POST', `/v1/offers/${id}/publish`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state', currentState: 'closed' });
    expect(refused.body.detail).toContain('expiry date');

    const patched = await t.request('PATCH', `/v1/offers/${id}`, { token, json: { expiryDate: inDays(15) } });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('closed');
    const republished = await t.request('POST', `/v1/offers/${id}/publish`, { token });
    expect(republished.status).toBe(200);
    expect(republished.body).toMatchObject({ status: 'published', expiryDate: inDays(15) });
  });

  it('is written down as closed by an edit, which does not reopen it', async () => {
    const { token } = await t.userWithToken('employer');
    const id = await publishedOffer(token);
    await expire(id);
    const patched = await t.request('PATCH', `/v1/offers/${id}`, { token, json: { expiryDate: inDays(5) } });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('closed');
    expect((await storedStatus(id)).status).toBe('closed');
  });
});

describe('the worker', () => {
  it('registers the job as a repeatable scheduler and runs it', async () => {
    const worker = await t.startWorker();
    try {
      const scheduler = await worker.queues.maintenance.getJobScheduler('close-expired-offers');
      expect(scheduler).toMatchObject({ name: 'close-expired-offers', every: CLOSE_EXPIRED_OFFERS_EVERY_MS });

      const { token } = await t.userWithToken('employer');
      const id = await publishedOffer(token);
      await expire(id);
      await worker.queues.maintenance.add('close-expired-offers', {});
      let status = (await storedStatus(id)).status;
      for (let i = 0; i < 200 && status !== 'closed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = (await storedStatus(id)).status;
      }
      expect(status).toBe('closed');
    } finally {
      await t.stopWorker();
    }
  });
});
