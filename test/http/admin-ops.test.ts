import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';

const t = await useTestContext({ worker: true });
const admin = await t.userWithToken('admin');

describe('/metrics', () => {
  it('answers admins only', async () => {
    expect((await t.request('GET', '/metrics')).status).toBe(401);
    for (const role of ['advisor', 'organiser', 'employer'] as const) {
      const { token } = await t.userWithToken(role);
      const res = await t.request('GET', '/metrics', { token });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('exposes HTTP latency per route and status, queues, outbox and mails in Prometheus format', async () => {
    const structure = await t.structure();
    await t.request('GET', `/v1/structures/${structure.id}`, { token: admin.token });
    await t.request('GET', '/v1/structures/00000000-0000-4000-8000-000000000000', { token: admin.token });
    const res = await t.request('GET', '/metrics', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = res.body as string;
    // The route pattern, never the id: one series per route, not per resource.
    expect(text).toMatch(/passerelle_http_request_duration_seconds_count\{method="GET",route="\/v1\/structures\/:id",status="200"\} 1/);
    expect(text).toMatch(/passerelle_http_request_duration_seconds_count\{method="GET",route="\/v1\/structures\/:id",status="404"\} 1/);
    expect(text).not.toContain(structure.id);
    for (const queue of ['mail', 'search', 'maintenance']) expect(text).toMatch(new RegExp(`passerelle_queue_jobs\\{queue="${queue}",state="failed"\\} \\d+`));
    expect(text).toMatch(/passerelle_outbox_pending_events \d+/);
    expect(text).toMatch(/passerelle_outbox_oldest_pending_age_seconds [\d.]+/);
    expect(text).toMatch(/passerelle_mails_sent_total \d+/);
    expect(text).toMatch(/passerelle_mails_failed \d+/);
  });

  it('times each search per engine and index: one search, then a scrape', async () => {
    const advisor = await t.userWithToken('advisor');
    const count = (text: string, operation: string) =>
      Number(text.match(new RegExp(`passerelle_search_duration_seconds_count\\{engine="postgres",operation="${operation}",outcome="ok"\\} (\\d+)`))?.[1] ?? 0);
    const before = (await t.request('GET', '/metrics', { token: admin.token })).body as string;
    expect((await t.request('GET', '/v1/search/offers?q=boulanger', { token: advisor.token })).status).toBe(200);
    expect((await t.request('GET', '/v1/search/youth?q=vente', { token: advisor.token })).status).toBe(200);
    expect((await t.request('GET', '/v1/search/youth', { token: advisor.token })).status).toBe(200);
    const after = (await t.request('GET', '/metrics', { token: admin.token })).body as string;
    expect(count(after, 'offers') - count(before, 'offers')).toBe(1);
    expect(count(after, 'youth') - count(before, 'youth')).toBe(2);
    expect(count(after, 'immersion_slots')).toBe(count(before, 'immersion_slots'));
    expect(after).toMatch(/passerelle_search_duration_seconds_bucket\{le="0.05",engine="postgres",operation="offers",outcome="ok"\} \d+/);
    expect(Number(after.match(/passerelle_search_duration_seconds_sum\{engine="postgres",operation="offers",outcome="ok"\} ([\d.e-]+)/)![1])).toBeGreaterThan(0);
  });

  it('counts the outbox backlog and the age of its oldest event', async () => {
    await t.stopWorker();
    try {
      await t.deps.sql`insert into outbox_events (type, payload, created_at) values ('sync-search', '{"index":"offers","id":"00000000-0000-4000-8000-000000000000"}'::jsonb, now() - interval '90 seconds')`;
      const text = (await t.request('GET', '/metrics', { token: admin.token })).body as string;
      expect(Number(text.match(/passerelle_outbox_pending_events (\d+)/)![1])).toBeGreaterThanOrEqual(1);
      expect(Number(text.match(/passerelle_outbox_oldest_pending_age_seconds ([\d.]+)/)![1])).toBeGreaterThanOrEqual(90);
    } finally {
      await t.deps.sql`delete from outbox_events where dispatched_at is null`;
      await t.startWorker();
    }
  });
});

describe('/admin/queues', () => {
  it('shows the BullMQ dashboard to admins only', async () => {
    expect((await t.request('GET', '/admin/queues')).status).toBe(401);
    const { token } = await t.userWithToken('advisor');
    expect((await t.request('GET', '/admin/queues', { token })).status).toBe(403);
    expect((await t.request('GET', '/admin/queues/api/queues', { token })).status).toBe(403);

    const page = await t.request('GET', '/admin/queues', { token: admin.token });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const api = await t.request('GET', '/admin/queues/api/queues', { token: admin.token });
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'maintenance', 'search']);
  });
});
