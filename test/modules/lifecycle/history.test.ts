import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { createOffer, createSlot } from '../../helpers/factories.js';

const t = await useTestContext();

describe('transition history', () => {
  it('records who moved an offer, from what to what and when, readable by its organisation', async () => {
    const employer = await t.userWithToken('employer');
    const offer = await createOffer(t, employer.token);
    const before = Date.now();
    expect((await t.request('POST', `/v1/offers/${offer.id}/publish`, { token: employer.token })).status).toBe(200);
    expect((await t.request('POST', `/v1/offers/${offer.id}/close`, { token: employer.token })).status).toBe(200);
    const refused = await t.request('POST', `/v1/offers/${offer.id}/close`, { token: employer.token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ currentState: 'closed', allowedTransitions: [{ action: 'publish', to: 'published' }] });

    const res = await t.request('GET', `/v1/offers/${offer.id}/history`, { token: employer.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ action: 'publish', from: 'draft', to: 'published', by: { userId: employer.user.id, role: 'employer' } }),
      expect.objectContaining({ action: 'close', from: 'published', to: 'closed', by: { userId: employer.user.id, role: 'employer' } }),
    ]);
    expect(Date.parse(res.body.items[0].at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records the closing of a slot; other organisations get 404, advisors 403', async () => {
    const employer = await t.userWithToken('employer');
    const slot = await createSlot(t, employer.token);
    expect((await t.request('POST', `/v1/immersion-slots/${slot.id}/close`, { token: employer.token })).status).toBe(200);
    const own = await t.request('GET', `/v1/immersion-slots/${slot.id}/history`, { token: employer.token });
    expect(own.body.items).toEqual([expect.objectContaining({ action: 'close', from: 'open', to: 'closed' })]);

    const other = await t.userWithToken('employer');
    expect((await t.request('GET', `/v1/immersion-slots/${slot.id}/history`, { token: other.token })).status).toBe(404);
    const advisor = await t.userWithToken('advisor');
    expect((await t.request('GET', `/v1/immersion-slots/${slot.id}/history`, { token: advisor.token })).status).toBe(403);
    const admin = await t.userWithToken('admin');
    expect((await t.request('GET', `/v1/immersion-slots/${slot.id}/history`, { token: admin.token })).body.items).toHaveLength(1);
  });
});
