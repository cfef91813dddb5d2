/**
 * sync-search drains what is waiting: a burst of writes reaches the search engine as one batch
 * per index, not as one engine write per document.
 */
import { describe, expect, it } from 'vitest';
import type { IndexName } from '../../src/adapters/search/index.js';
import { todayInFrance } from '../../src/core/calendar.js';
import { useTestContext } from '../helpers/context.js';
import { eventually } from '../helpers/eventually.js';

const t = await useTestContext({ worker: true });
const employer = await t.userWithToken('employer');
const advisor = await t.userWithToken('advisor');

const expiry = new Date(Date.parse(`${todayInFrance()}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
const offerBody = (title: string) => ({
  title,
  romeCode: 'G1602',
  description: 'Service en salle.',
  requiredSkills: [],
  niceToHaveSkills: [],
  contractType: 'cdd',
  hoursPerWeek: 30,
  schedules: ['day'],
  drivingLicenceRequired: false,
  workplace: { communeInsee: '42218', postcode: '42000' },
  positions: 1,
  expiryDate: expiry,
});

async function call(method: string, path: string, json: unknown = {}) {
  const res = await t.request(method, path, { token: employer.token, json });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('sync-search in batches', () => {
  it('applies a burst of waiting changes with one engine write, and leaves no job behind', async () => {
    const queue = t.worker!.queues.search;
    await eventually(async () => expect(await queue.count()).toBe(0)); // whatever set-up enqueued
    const writes: { index: IndexName; ids: number }[] = [];
    const upsert = t.deps.search.upsert.bind(t.deps.search);
    t.deps.search.upsert = async (index, documents) => {
      writes.push({ index, ids: documents.length });
      return upsert(index, documents);
    };

    await queue.pause();
    const offers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const offer = await call('POST', '/v1/offers', offerBody(`Limonadier ${i}`));
      await call('POST', `/v1/offers/${offer.id}/publish`);
      offers.push(offer.id as string);
    }
    // One sync job per write (create, publish): 24 of them wait.
    await eventually(async () => expect(await queue.count()).toBe(24));
    await queue.resume();

    await eventually(async () => {
      const res = await t.request('GET', '/v1/search/offers?q=limonadier&limit=50', { token: advisor.token });
      expect(res.body.items.map((h: { id: string }) => h.id).sort()).toEqual([...offers].sort());
    });
    await eventually(async () => expect(await queue.count()).toBe(0));
    // The first job took the 23 others over: one write of the 12 documents, not 24 writes.
    expect(writes).toEqual([{ index: 'offers', ids: 12 }]);
    expect(await queue.getFailedCount()).toBe(0);
  });
});
