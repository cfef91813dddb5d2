import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { reindex, type ReindexProgress } from '../../../src/modules/search/reindex.js';
import { loadOfferDocuments } from '../../../src/modules/offers/offer-documents.js';
import { todayInFrance } from '../../../src/core/calendar.js';

// No worker: the outbox holds the sync jobs, and only reindex feeds the engine.
const t = await useTestContext();
const employer = await t.userWithToken('employer');
const advisor = await t.userWithToken('advisor');

const inDays = (days: number) => {
  const d = new Date(`${todayInFrance()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function publishOffer(title: string) {
  const res = await t.request('POST', '/v1/offers', {
    token: employer.token,
    json: {
      title,
      romeCode: 'N1103',
      description: 'Préparation de commandes en entrepôt.',
      requiredSkills: ['Préparation de commandes'],
      niceToHaveSkills: [],
      contractType: 'interim',
      hoursPerWeek: 35,
      schedules: ['day'],
      drivingLicenceRequired: false,
      workplace: { communeInsee: '42218', postcode: '42000' },
      positions: 3,
      expiryDate: inDays(30),
    },
  });
  expect(res.status).toBe(201);
  expect((await t.request('POST', `/v1/offers/${res.body.id}/publish`, { token: employer.token })).status).toBe(200);
  return res.body.id as string;
}

const search = async (q: string) =>
  (await t.request('GET', `/v1/search/offers?q=${q}`, { token: advisor.token })).body.items.map((i: { id: string }) => i.id);

describe('reindex', () => {
  it('indexes every row, removes documents whose rows are gone, and reports progress', async () => {
    const ids = [await publishOffer('Préparateur·rice de commandes'), await publishOffer('Cariste en entrepôt')];
    expect(await search('entrepot')).toEqual([]); // nothing indexed yet: no worker ran

    // A document left behind by a row that no longer exists.
    const [template] = await loadOfferDocuments(t.deps.db, [ids[0]!]);
    const ghost = { ...template!, id: randomUUID(), title: 'Offre fantôme en entrepôt' };
    await t.deps.search.upsert('offers', [ghost]);
    expect(await search('fantome')).toEqual([ghost.id]);

    const progress: ReindexProgress[] = [];
    const report = await reindex(t.deps, { onProgress: (p) => progress.push(p) });

    expect(report.offers).toMatchObject({ indexed: 2, removed: 1 });
    expect(new Set(await search('entrepot'))).toEqual(new Set(ids));
    expect(await search('fantome')).toEqual([]);
    expect(progress.filter((p) => p.index === 'offers' && p.phase === 'indexing').at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(Object.keys(report).sort()).toEqual(['immersion_slots', 'offers', 'youth']);
  });

  it('can rebuild one index only, leaving the others as they are', async () => {
    const late = await publishOffer('Magasinier·ère en entrepôt');
    const report = await reindex(t.deps, { indexes: ['youth'] });
    expect(Object.keys(report)).toEqual(['youth']);
    expect(await search('magasinier')).toEqual([]); // offers untouched: the new one is not indexed
    await reindex(t.deps, { indexes: ['offers'] });
    expect(await search('magasinier')).toEqual([late]);
  });
});
