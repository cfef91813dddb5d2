import { describe, expect, it } from 'vitest';
import { prefixDistance, typoEdits, typoThreshold } from '../../../src/modules/reference/text-match.js';
import { useTestContext } from '../../helpers/context.js';

const t = await useTestContext();

interface Commune {
  insee: string;
  name: string;
  type: string;
  postcodes: string[];
  department: string;
  lat: number;
  lng: number;
  population: number | null;
  delegatedCommune: string | null;
}
interface RomeMatch {
  romeCode: string;
  romeLabel: string;
  appellation: { ogr: number; label: string } | null;
}

const communes = async (query: string) => {
  const res = await t.request<{ items: Commune[] }>('GET', `/v1/ref/communes?${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
};
const rome = async (query: string) => {
  const res = await t.request<{ items: RomeMatch[] }>('GET', `/v1/ref/rome?${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('GET /v1/ref/communes', () => {
  it('finds Saint-Étienne first whatever the accents, case and punctuation, one item per commune', async () => {
    const res = await t.request<{ items: Commune[] }>('GET', `/v1/ref/communes?${q('saint etienne')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const [first] = res.body.items;
    expect(first).toMatchObject({ insee: '42218', name: 'Saint-Étienne', type: 'COM', department: '42', delegatedCommune: null });
    expect(first!.postcodes).toEqual(expect.arrayContaining(['42000', '42100']));
    expect(first!.lat).toBeCloseTo(45.42, 1);
    expect(first!.lng).toBeCloseTo(4.37, 1);
    expect(first!.population).toBeGreaterThan(100_000);
    const insees = res.body.items.map((c) => c.insee);
    expect(new Set(insees).size).toBe(insees.length);

    for (const text of ['SAINT-ÉTIENNE', 'Saint-Etienne', 'saint  étienne ', 'ST ETIENNE', 'st-étienne']) {
      const items = await communes(q(text));
      expect(items[0]?.insee, text).toBe('42218');
    }
  });

  it('ranks the exact name first, then names starting with the query by population', async () => {
    const items = await communes(q('saint etienne'));
    expect(items[1]).toMatchObject({ name: 'Saint-Étienne-du-Rouvray' });
    const prefixed = items.slice(1).filter((c) => c.name.startsWith('Saint-Étienne-'));
    const populations = prefixed.map((c) => c.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('matches a name being typed', async () => {
    for (const text of ['saint-eti', 'Saint Étie']) {
      const items = await communes(q(text));
      expect(items[0]?.insee, text).toBe('42218');
      expect(items.every((c) => c.name.startsWith('Saint-Étienne')), text).toBe(true);
    }
  });

  it("finds L'Abergement-Clémenciat with or without its article", async () => {
    for (const text of ["l'abergement", 'abergement', 'L ABERGEMENT']) {
      const items = await communes(q(text));
      expect(items.map((c) => c.insee), text).toContain('01001');
    }
    const exact = await communes(q('abergement clemenciat'));
    expect(exact[0]).toMatchObject({ insee: '01001', name: "L'Abergement-Clémenciat" });
  });

  it('tolerates one typo', async () => {
    const marseille = await communes(q('marseile'));
    expect(marseille.length).toBeGreaterThan(0);
    // The city first (added by the loader: the source has only its arrondissements), then those.
    expect(marseille[0]).toMatchObject({ insee: '13055', name: 'Marseille', type: 'COM' });
    expect(marseille[1]!.name).toMatch(/^Marseille \d+(er|e) Arrondissement$/);
    expect((await communes(q('bordaux')))[0]).toMatchObject({ insee: '33063', name: 'Bordeaux' });
    expect((await communes(q('sant etienne')))[0]).toMatchObject({ insee: '42218' });
  });

  it('counts a word repeated once when looking for typos', async () => {
    // No name holds "bordaux bordaux" as typed: the typo pass finds Bordeaux for each word.
    expect((await communes(q('bordaux bordaux bordaux bordaux')))[0]).toMatchObject({ insee: '33063', name: 'Bordeaux' });
    expect(await communes(q('sant etienne sant etienne'))).toEqual(await communes(q('sant etienne')));
  });

  it('puts typo matches after the names that match as typed', async () => {
    // "toulouze" starts Toulouzette (a prefix) and is one letter away from Toulouse.
    const items = await communes(q('toulouze'));
    expect(items.map((c) => c.name).slice(0, 2)).toEqual(['Toulouzette', 'Toulouse']);
  });

  it('returns nothing rather than garbage', async () => {
    expect(await communes(q('xqzwvk'))).toEqual([]);
    expect(await communes(q('--'))).toEqual([]);
  });

  it('filters by postcode, given as such or as the digits of q', async () => {
    for (const query of ['postcode=42000', q('42000')]) {
      const items = await communes(query);
      expect(items.map((c) => c.insee), query).toEqual(['42218']);
    }
    const loire = await communes(`${q('42')}&limit=20`);
    expect(loire).toHaveLength(20);
    expect(loire[0]!.insee).toBe('42218');
    for (const c of loire) expect(c.postcodes.some((p) => p.startsWith('42')), c.name).toBe(true);
    const populations = loire.map((c) => c.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));

    const saints = await communes(`${q('saint')}&postcode=42&limit=50`);
    expect(saints.length).toBeGreaterThan(10);
    for (const c of saints) {
      expect(c.name, c.name).toMatch(/Saint/);
      expect(c.postcodes.some((p) => p.startsWith('42')), c.name).toBe(true);
    }
  });

  it('answers a delegated commune with the commune it belongs to', async () => {
    // Arbignieu merged into Arboys en Bugey (01015) and still appears in addresses.
    const [first] = await communes(q('arbignieu'));
    expect(first).toMatchObject({ insee: '01015', type: 'COM', delegatedCommune: 'Arbignieu' });
    expect(first!.name).not.toBe('Arbignieu');
  });

  it('returns at most `limit` items, 10 by default', async () => {
    expect(await communes(q('saint'))).toHaveLength(10);
    expect(await communes(`${q('saint')}&limit=3`)).toHaveLength(3);
    expect(await communes(`${q('saint')}&limit=50`)).toHaveLength(50);
  });

  it('refuses a limit over 50 or under 1 with 422 on the field', async () => {
    for (const [limit, code] of [
      ['51', 'too_big'],
      ['0', 'too_small'],
      ['ten', 'invalid_type'],
    ]) {
      const res = await t.request('GET', `/v1/ref/communes?${q('saint')}&limit=${limit}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.limit', code })]);
    }
  });

  it('refuses a request without q nor postcode with 422 on q', async () => {
    for (const query of ['', 'q=', 'q=%20%20', 'limit=5']) {
      const res = await t.request('GET', `/v1/ref/communes?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'required' })]);
    }
  });

  it('refuses malformed postcodes and one-letter queries', async () => {
    const postcode = await t.request('GET', '/v1/ref/communes?postcode=4');
    expect(postcode.status).toBe(422);
    expect(postcode.body.errors).toEqual([expect.objectContaining({ path: 'query.postcode' })]);
    const digits = await t.request('GET', '/v1/ref/communes?q=4200012');
    expect(digits.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'invalid_postcode' })]);
    const short = await t.request('GET', '/v1/ref/communes?q=s');
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'too_small' })]);
  });

  it('is public: no token needed, and errors are not cached', async () => {
    const res = await t.request('GET', '/v1/ref/communes');
    expect(res.status).toBe(422);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /v1/ref/rome', () => {
  it('finds Boulanger / Boulangère despite a missing letter', async () => {
    const res = await t.request<{ items: RomeMatch[] }>('GET', `/v1/ref/rome?${q('boulangr')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.body.items[0]).toEqual({
      romeCode: 'D1102',
      romeLabel: 'Boulanger / Boulangère',
      appellation: { ogr: 11573, label: 'Boulanger / Boulangère' },
    });
  });

  it('ranks the most general title first and accepts words in any order', async () => {
    expect((await rome(q('Boulanger')))[0]?.appellation?.label).toBe('Boulanger / Boulangère');
    expect((await rome(q('boulangère')))[0]?.appellation?.label).toBe('Boulanger / Boulangère');
    const carers = await rome(q('aide-soignante'));
    expect(carers[0]).toMatchObject({ romeCode: 'J1501', appellation: { label: 'Aide-soignant / Aide-soignante' } });
    const reversed = await rome(q('soignant aide'));
    expect(reversed.map((m) => m.romeCode)).toContain('J1501');
  });

  it('tolerates a typo in a longer title', async () => {
    const items = await rome(q('coifeur'));
    expect(items[0]).toMatchObject({ romeCode: 'D1202', appellation: { label: 'Coiffeur / Coiffeuse' } });
    for (const m of items) expect(m.appellation?.label ?? m.romeLabel).toMatch(/Coiff/);
  });

  it('looks a ROME code up, case-insensitive, or lists the codes it starts', async () => {
    for (const code of ['D1102', 'd1102']) {
      expect(await rome(q(code))).toEqual([{ romeCode: 'D1102', romeLabel: 'Boulanger / Boulangère', appellation: null }]);
    }
    const family = await rome(`${q('d11')}&limit=50`);
    expect(family.length).toBeGreaterThan(5);
    expect(family.every((m) => m.romeCode.startsWith('D11') && m.appellation === null)).toBe(true);
    const codes = family.map((m) => m.romeCode);
    expect(codes).toEqual([...codes].sort());
  });

  it('leaves out a rarely used title when a title in common use of the same code matched', async () => {
    // "Agent hospitalier / Agente hospitalière" (ogr 10741) is flagged rarely used in J1301,
    // whose "Agent / Agente de service hospitalier (ASH)" matches too.
    const items = await rome(q('agent hospitalier'));
    expect(items.map((m) => m.romeCode)).toContain('J1301');
    expect(items.map((m) => m.appellation?.ogr)).not.toContain(10741);
  });

  it('returns nothing rather than garbage', async () => {
    expect(await rome(q('xqzwvk'))).toEqual([]);
  });

  it('validates q and limit with 422 problems', async () => {
    const missing = await t.request('GET', '/v1/ref/rome');
    expect(missing.status).toBe(422);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'required' })]);

    const limit = await t.request('GET', `/v1/ref/rome?${q('boulanger')}&limit=51`);
    expect(limit.status).toBe(422);
    expect(limit.body.errors).toEqual([expect.objectContaining({ path: 'query.limit', code: 'too_big' })]);

    const punctuation = await t.request('GET', `/v1/ref/rome?${q('--')}`);
    expect(punctuation.status).toBe(422);
    expect(punctuation.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'too_small' })]);
  });
});

describe('OpenAPI', () => {
  it('documents both routes as public, with their query parameters', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const communesDoc = res.body.paths['/v1/ref/communes'].get;
    expect(communesDoc.security).toEqual([]); // public: no scheme required
    expect(communesDoc.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'postcode', 'q']);
    const romeDoc = res.body.paths['/v1/ref/rome'].get;
    expect(romeDoc.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'q']);
    expect(res.body.components.schemas).toHaveProperty('Commune');
    expect(res.body.components.schemas).toHaveProperty('RomeMatch');
  });
});

describe('typo matching', () => {
  it.each([
    ['marseile', 'marseille 13e arrondissement', 1],
    ['boulangr', 'boulanger boulangere', 1],
    ['sant etienne', 'saint etienne', 1],
    ['etiene', 'saint etienne', 1],
    ['bordaux', 'bordeaux', 1],
    ['agent entretein', 'agent agente d entretien du batiment', 2],
    ['saint eti', 'saint etienne du rouvray', 0],
    ['devlopeur', 'developpeur developpeuse web', 2], // two letters missing from a long word
  ])('%j is within %j with %i edit(s)', (query, text, edits) => {
    expect(typoEdits(query, text)?.edits).toBe(edits);
  });

  it.each([
    ['nise', 'nogent sur oise'], // a typo on the first letter
    ['bordaux', 'grun bordas'], // shares syllables only
    ['sant xyz', 'saint etienne'], // one word does not match
  ])('%j is not within %j', (query, text) => {
    expect(typoEdits(query, text)).toBeNull();
  });

  it('allows no typo in words under 4 letters, and 2 in total only from 9 letters', () => {
    expect(typoEdits('mer', 'mur')).toBeNull();
    expect(typoEdits('nise', 'nice')).toEqual({ edits: 1, position: 0 });
    expect(typoEdits('nixe nuce', 'nice nice')).toBeNull(); // 8 letters: 1 typo in all
    expect(typoEdits('marsielle', 'marseille')).toEqual({ edits: 2, position: 0 }); // a swap is 2 edits
  });

  it('tells where in the text the first word matched', () => {
    expect(typoEdits('electricin', 'electricien electricienne')?.position).toBe(0);
    expect(typoEdits('electricin', 'tableautiste en electricite')?.position).toBe(2);
  });

  it('measures the distance from a word to the beginning of another, bounded', () => {
    expect(prefixDistance('kitten', 'sitting', 5)).toBe(2); // "sittin": k→s, e→i
    expect(prefixDistance('kitten', 'sitting', 1)).toBe(2); // over the bound: max + 1
    expect(prefixDistance('boulangr', 'boulangere', 1)).toBe(1); // "boulange" or "boulanger"
    expect(prefixDistance('bordaux', 'bordeaux', 1)).toBe(1); // one letter more: "bordeaux"
    expect(prefixDistance('marseillle', 'marseille', 1)).toBe(1); // one letter less
    expect(prefixDistance('abc', 'abc', 0)).toBe(0);
    expect(prefixDistance('abcdefghi', 'abcdefg', 2)).toBe(2); // a shorter candidate is compared whole
    expect(prefixDistance('abcdefghi', 'abc', 2)).toBe(3);
  });

  it('sets no trigram threshold when no word can hold a typo, and keeps it between its bounds', () => {
    expect(typoThreshold('st 42')).toBeNull();
    for (const text of ['nise', 'boulangr', 'saint etienne', 'agent d entretien des espaces verts']) {
      const threshold = typoThreshold(text)!;
      expect(threshold).toBeGreaterThan(0.25);
      expect(threshold).toBeLessThan(0.6);
    }
  });
});

describe('Paris, Lyon and Marseille', () => {
  it('exist as cities with all the postcodes of their arrondissements', async () => {
    const [paris] = await communes(q('paris'));
    expect(paris).toMatchObject({ insee: '75056', name: 'Paris', type: 'COM' });
    expect(paris!.postcodes).toEqual(expect.arrayContaining(['75001', '75011', '75020']));
    const [lyon] = await communes(q('lyon'));
    expect(lyon).toMatchObject({ insee: '69123', name: 'Lyon' });
  });
});
