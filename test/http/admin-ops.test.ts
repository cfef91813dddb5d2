import { describe, expect, it } from 'vitest';
import { createTestContext, useTestContext } from '../helpers/context.js';
import { startMeilisearchStandIn } from '../helpers/meilisearch-stand-in.js';

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
    expect((await t.request('GET', '/v1/ref/communes?q=saint-etienne')).status).toBe(200);
    expect((await t.request('GET', '/v1/ref/rome?q=boulanger')).status).toBe(200);
    const after = (await t.request('GET', '/metrics', { token: admin.token })).body as string;
    expect(count(after, 'offers') - count(before, 'offers')).toBe(1);
    expect(count(after, 'youth') - count(before, 'youth')).toBe(2);
    expect(count(after, 'immersion_slots')).toBe(count(before, 'immersion_slots'));
    // The reference data's searches, in PostgreSQL whatever the engine.
    expect(count(after, 'ref_communes') - count(before, 'ref_communes')).toBe(1);
    expect(count(after, 'ref_rome') - count(before, 'ref_rome')).toBe(1);
    expect(after).toMatch(/passerelle_search_duration_seconds_bucket\{le="0.05",engine="postgres",operation="offers",outcome="ok"\} \d+/);
    expect(Number(after.match(/passerelle_search_duration_seconds_sum\{engine="postgres",operation="offers",outcome="ok"\} ([\d.e-]+)/)![1])).toBeGreaterThan(0);
  });

  it('labels Meilisearch’s searches with its name when it is the engine', async () => {
    const standIn = await startMeilisearchStandIn({ apiKey: 'metrics-key' });
    const served = await createTestContext({ env: { MEILI_URL: standIn.url, MEILI_MASTER_KEY: 'metrics-key' } });
    try {
      await served.deps.search.setup();
      const advisor = await served.userWithToken('advisor');
      const boss = await served.userWithToken('admin');
      expect((await served.request('GET', '/v1/search/offers?q=boulanger', { token: advisor.token })).status).toBe(200);
      const text = (await served.request('GET', '/metrics', { token: boss.token })).body as string;
      expect(text).toMatch(/passerelle_search_duration_seconds_count\{engine="meilisearch",operation="offers",outcome="ok"\} 1/);
      expect(text).not.toMatch(/engine="postgres",operation="offers"/);
    } finally {
      await served.close();
      await standIn.close();
    }
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

describe('/admin/queues from a browser: the console sign-in', () => {
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const signIn = (email: string, password: string) => t.app.request('/admin/connexion', form({ email, password, suite: '/admin/queues' }));
  const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

  it('a browser without a session is sent to the French sign-in page; API clients still get 401', async () => {
    const res = await t.app.request('/admin/queues', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/connexion?suite=%2Fadmin%2Fqueues');
    const page = await t.app.request('/admin/connexion?suite=%2Fadmin%2Fqueues');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<html lang="fr">');
    expect(text).toContain('<label for="champ-email">Adresse e-mail</label>');
    expect(text).toContain('<label for="champ-password">Mot de passe</label>');
    expect((await t.request('GET', '/admin/queues/api/queues')).status).toBe(401);
  });

  it('an admin signs in: a short HttpOnly SameSite=Strict cookie for /admin only, then the dashboard and its API answer', async () => {
    const res = await signIn(admin.email, admin.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queues');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^passerelle_admin=[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain('Max-Age=1800');
    expect(setCookie).toContain('Path=/admin');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure'); // served over http here; Secure when PUBLIC_BASE_URL is https
    const cookie = cookieOf(res);

    const page = await t.app.request('/admin/queues', { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await t.app.request('/admin/queues/api/queues', { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual(['mail', 'maintenance', 'search']);
    // The cookie is not a token for the API nor for the metrics.
    expect((await t.app.request('/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await t.app.request('/metrics', { headers: { cookie } })).status).toBe(401);
  });

  it('changes through the cookie must come from the console itself (Origin)', async () => {
    const cookie = cookieOf(await signIn(admin.email, admin.password));
    const fromElsewhere = await t.app.request('/admin/queues/api/queues/search/pause', { method: 'PUT', headers: { cookie, origin: 'https://evil.example' } });
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.headers.get('content-type')).toBe('application/problem+json');
    expect((await t.app.request('/admin/queues/api/queues/search/pause', { method: 'PUT', headers: { cookie } })).status).toBe(403);
    const own = await t.app.request('/admin/queues/api/queues/search/pause', { method: 'PUT', headers: { cookie, origin: 'http://localhost' } });
    expect(own.status).toBe(200);
    await t.app.request('/admin/queues/api/queues/search/resume', { method: 'PUT', headers: { cookie, origin: 'http://localhost' } });
  });

  it('other roles are refused with 403 and get no cookie nor session; a wrong password is 401', async () => {
    const advisor = await t.userWithToken('advisor');
    const sessionsBefore = await t.deps.sql`select count(*)::int as n from sessions where user_id = (select id from users where email = ${advisor.email})`;
    const refused = await signIn(advisor.email, advisor.password);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toContain('n’est pas un compte administrateur');
    const sessionsAfter = await t.deps.sql`select count(*)::int as n from sessions where user_id = (select id from users where email = ${advisor.email})`;
    expect(sessionsAfter[0]!.n).toBe(sessionsBefore[0]!.n);

    const wrong = await signIn(admin.email, 'not the right password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('Adresse e-mail ou mot de passe incorrect');
  });

  it('the login limits apply: after five failures, 429 with Retry-After, even with the right password', async () => {
    const other = await t.userWithToken('admin');
    for (let i = 0; i < 5; i++) expect((await signIn(other.email, `wrong password ${i}`)).status).toBe(401);
    const blocked = await signIn(other.email, other.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
  });

  it('a form posted from another site is refused; the next page is never another site', async () => {
    expect((await t.app.request('http://localhost/admin/connexion', form({ email: admin.email, password: admin.password }, { origin: 'https://evil.example' }))).status).toBe(403);
    const res = await t.app.request('/admin/connexion', form({ email: admin.email, password: admin.password, suite: '//evil.example/admin/queues' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queues');
  });

  it('the cookie is Secure when the service is served over https', async () => {
    const served = await createTestContext({ env: { PUBLIC_BASE_URL: 'https://passerelle.example' } });
    try {
      const user = await served.userWithToken('admin');
      const res = await served.app.request('/admin/connexion', form({ email: user.email, password: user.password }));
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await served.close();
    }
  });

  it('signing out ends the session: the old cookie no longer opens the dashboard', async () => {
    const cookie = cookieOf(await signIn(admin.email, admin.password));
    const out = await t.app.request('/admin/deconnexion', { method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/passerelle_admin=;.*Max-Age=0/);
    expect((await t.app.request('/admin/queues/api/queues', { headers: { cookie } })).status).toBe(401);
  });
});
