import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { youthInput } from '../../helpers/factories.js';
import { buildYouthSearch } from '../../../src/modules/youth/search-youth.js';
import type { Actor } from '../../../src/core/actor.js';

const t = await useTestContext();
const advisor = await t.userWithToken('advisor');
const colleague = await t.userWithToken('advisor', { structureId: advisor.user.structureId! });
const elsewhere = await t.userWithToken('advisor');

const names: [string, string][] = [
  ['Camille', 'Martin'],
  ['Camille', 'Martínez'],
  ['Jean-Pierre', 'Dupont'],
  ['Éloïse', "N'Diaye"],
  ['Marc', 'Camus'],
  ['Zoé', 'Lefèvre'],
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const [firstName, lastName] of names) {
    const res = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput({ firstName, lastName }) });
    expect(res.status).toBe(201);
    ids[`${firstName} ${lastName}`] = res.body.id;
  }
  // Same name in another structure: never found from this one.
  const other = await t.request('POST', '/v1/youth', { token: elsewhere.token, json: youthInput({ firstName: 'Camille', lastName: 'Martin' }) });
  expect(other.status).toBe(201);
});

async function search(q: string | undefined, token = advisor.token, extra = '') {
  const query = q === undefined ? '' : `q=${encodeURIComponent(q)}`;
  const res = await t.request('GET', `/v1/youth?${query}${extra}`, { token });
  expect(res.status).toBe(200);
  return res.body as { items: { firstName: string; lastName: string }[]; total: number; limit: number; offset: number };
}
const fullNames = (page: { items: { firstName: string; lastName: string }[] }) => page.items.map((i) => `${i.firstName} ${i.lastName}`);

describe('GET /v1/youth?q=', () => {
  it.each([
    ['martin', ['Camille Martin', 'Camille Martínez']],
    ['martine', ['Camille Martínez']],
    ['MARTI', ['Camille Martin', 'Camille Martínez']],
    ['martinez', ['Camille Martínez']],
    ['cam', ['Marc Camus', 'Camille Martin', 'Camille Martínez']],
    ['mart cam', ['Camille Martin', 'Camille Martínez']],
    ['camille martin', ['Camille Martin', 'Camille Martínez']],
    ['martin camille', ['Camille Martin', 'Camille Martínez']],
    ['camus marc', ['Marc Camus']],
    ['eloise', ["Éloïse N'Diaye"]],
    ['ndiaye', []],
    ['diaye', ["Éloïse N'Diaye"]],
    ["n'dia", ["Éloïse N'Diaye"]],
    ['pierre', ['Jean-Pierre Dupont']],
    ['jean pierre dup', ['Jean-Pierre Dupont']],
    ['lefevre zo', ['Zoé Lefèvre']],
    ['artin', []],
    ['x', []],
    ['50%', []],
    ['_', names.map(([f, l]) => `${f} ${l}`)],
  ])('%j finds %j', async (q, expected) => {
    const page = await search(q);
    expect(new Set(fullNames(page))).toEqual(new Set(expected));
    expect(page.total).toBe(expected.length);
  });

  it('lists the structure’s youth without q, for every advisor of the structure', async () => {
    const page = await search(undefined, colleague.token);
    expect(page.total).toBe(names.length);
    expect(page.items.map((i) => i.lastName)).toEqual(['Camus', 'Dupont', 'Lefèvre', 'Martin', 'Martínez', "N'Diaye"]);
    expect(page.items[0]).not.toHaveProperty('barriers');
    expect(page.items[0]).not.toHaveProperty('rqth');
  });

  it('pages with limit and offset', async () => {
    const first = await search(undefined, advisor.token, '&limit=4');
    const second = await search(undefined, advisor.token, '&limit=4&offset=4');
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    expect(new Set([...fullNames(first), ...fullNames(second)]).size).toBe(6);
  });

  it.each([
    ['limit=101', 'query.limit', 'too_big'],
    ['limit=0', 'query.limit', 'too_small'],
    ['offset=-1', 'query.offset', 'too_small'],
    [`q=${'a'.repeat(101)}`, 'query.q', 'too_big'],
  ])('refuses %s with 422', async (query, path, code) => {
    const res = await t.request('GET', `/v1/youth?${query}`, { token: advisor.token });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  /** The plans of the two statements that search-youth.ts builds for this actor and query. */
  async function plansOf(actor: Actor, q: string) {
    const built = buildYouthSearch(t.deps.db, actor, { q, limit: 20, offset: 0 });
    const plans: string[] = [];
    for (const statement of [built.rows.toSQL(), built.total.toSQL()]) {
      // A handful of rows make a sequential scan cheaper: forbid it to see which index can serve.
      const plan = await t.deps.sql.begin(async (tx) => {
        await tx`set local enable_seqscan = off`;
        return tx.unsafe(`explain ${statement.sql}`, statement.params as never[]);
      });
      plans.push(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  }
  const actorOf = (u: { user: { id: string; role: Actor['role']; structureId: string | null }; email: string }): Actor => ({
    userId: u.user.id,
    role: u.user.role,
    email: u.email,
    structureId: u.user.structureId,
    employerId: null,
    sessionId: 'explain',
  });

  it('serves a name search across structures (admin) with the trigram index on the folded name', async () => {
    const admin = await t.userWithToken('admin');
    for (const plan of await plansOf(actorOf(admin), 'mart cam')) expect(plan).toContain('youth_search_name_trgm_idx');
  });

  it('serves an advisor’s name search from an index, never a scan of every youth', async () => {
    for (const plan of await plansOf(actorOf(advisor), 'mart cam')) {
      expect(plan).toMatch(/youth_search_name_trgm_idx|youth_structure_idx/);
      expect(plan).not.toMatch(/Seq Scan on youth/);
    }
  });
});
