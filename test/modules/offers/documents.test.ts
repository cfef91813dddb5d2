import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { allOfferIds, loadOfferDocuments } from '../../../src/modules/offers/offer-documents.js';

const t = await useTestContext();

const offerBody = {
  title: 'Boulanger·ère',
  romeCode: 'D1102',
  description: 'Fabrication du pain et des viennoiseries.',
  requiredSkills: ['Pétrissage'],
  niceToHaveSkills: ['Viennoiserie'],
  contractType: 'apprenticeship',
  hoursPerWeek: 35,
  schedules: ['night', 'day'],
  minEducationLevel: 'none',
  drivingLicenceRequired: true,
  workplace: { communeInsee: '33063', location: { lat: 44.84, lng: -0.57 } },
  positions: 1,
  startDate: '2030-09-01',
};

describe('offer search documents', () => {
  it('are built for many ids in one call, without the ids that do not exist', async () => {
    const { token, user } = await t.userWithToken('employer');
    const a = (await t.request('POST', '/v1/offers', { token, json: offerBody })).body;
    const b = (await t.request('POST', '/v1/offers', { token, json: { ...offerBody, title: 'Autre' } })).body;
    await t.request('POST', `/v1/offers/${a.id}/publish`, { token });

    const docs = await loadOfferDocuments(t.deps.db, [a.id, b.id, '00000000-0000-4000-8000-000000000000']);
    expect(docs).toHaveLength(2);
    const docA = docs.find((d) => d.id === a.id)!;
    expect(docA).toMatchObject({
      id: a.id,
      employerId: user.employerId,
      status: 'published',
      title: 'Boulanger·ère',
      description: offerBody.description,
      romeCode: 'D1102',
      requiredSkills: ['Pétrissage'],
      niceToHaveSkills: ['Viennoiserie'],
      contractType: 'apprenticeship',
      schedules: ['night', 'day'],
      hoursPerWeek: 35,
      minEducationLevel: 'none',
      drivingLicenceRequired: true,
      drivingLicenceUse: 'on_duty',
      communeInsee: '33063',
      communeName: 'Bordeaux',
      location: { lat: 44.84, lng: -0.57 },
      positions: 1,
      startDate: '2030-09-01',
      expiresAt: null,
    });
    // The ROME label and its job titles, for text search.
    expect(docA.romeLabel.startsWith('Boulanger / Boulangère ; ')).toBe(true);
    expect(docA.romeLabel).toContain('Boulanger-pâtissier');
    expect(docA.publishedAt).not.toBeNull();
    expect(docs.find((d) => d.id === b.id)!.status).toBe('draft');
    // Nothing about the employer's users or anything personal.
    expect(Object.keys(docA).sort()).toEqual(
      [
        'id', 'employerId', 'status', 'title', 'description', 'romeCode', 'romeLabel', 'requiredSkills',
        'niceToHaveSkills', 'contractType', 'schedules', 'hoursPerWeek', 'minEducationLevel',
        'drivingLicenceRequired', 'drivingLicenceUse', 'communeInsee', 'communeName', 'location', 'positions', 'startDate',
        'expiresAt', 'publishedAt', 'updatedAt',
      ].sort(),
    );
    expect(await loadOfferDocuments(t.deps.db, [])).toEqual([]);
  });

  it('lists every offer id in batches for a reindex', async () => {
    const { token } = await t.userWithToken('employer');
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/v1/offers', { token, json: { ...offerBody, title: `Offre ${i}` } });
      expect(res.status).toBe(201);
      created.push(res.body.id);
    }
    const batches: string[][] = [];
    for await (const batch of allOfferIds(t.deps.db, 2)) batches.push(batch);
    const ids = batches.flat();
    expect(batches.every((b) => b.length <= 2)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    const total = await t.request('GET', '/v1/offers?limit=1', { token: (await t.userWithToken('admin')).token });
    expect(ids).toHaveLength(total.body.total);
    expect(ids).toEqual(expect.arrayContaining(created));
    expect(batches.length).toBeGreaterThanOrEqual(3);
  });
});
