/**
 * What a client can make the public reference routes cost: a bounded query, and a bounded
 * number of requests per address and minute.
 */
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';

const LIMIT = 6;
const t = await useTestContext({ env: { REFERENCE_REQUESTS_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' } });

let address = 0;
/** Each call from a new address unless one is given, so that only the rate-limit test hits the limit. */
const get = (path: string, from = `192.0.2.${++address}`) => t.request('GET', path, { headers: { 'x-forwarded-for': from } });

describe('bounded reference queries', () => {
  it.each(['/v1/ref/communes', '/v1/ref/rome'])('%s refuses a q of more than 8 words or 80 characters', async (route) => {
    const words = await get(`${route}?q=${encodeURIComponent(Array(9).fill('saint').join(' '))}`);
    expect(words.status).toBe(422);
    expect(words.headers.get('content-type')).toContain('application/problem+json');
    expect(words.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'too_many_words' })]);

    const long = await get(`${route}?q=${'a'.repeat(81)}`);
    expect(long.status).toBe(422);
    expect(long.body.errors).toContainEqual(expect.objectContaining({ path: 'query.q', code: 'too_big' }));

    // Punctuation between words counts as a separator: 16 hyphenated repeats are 16 words.
    const hyphens = await get(`${route}?q=${encodeURIComponent(Array(16).fill('la').join('-'))}`);
    expect(hyphens.status).toBe(422);
    expect(hyphens.body.errors).toEqual([expect.objectContaining({ path: 'query.q', code: 'too_many_words' })]);
  });

  it('still answers the longest real commune names', async () => {
    const res = await get(`/v1/ref/communes?q=${encodeURIComponent('Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson')}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ insee: '51513' });
  });
});

describe('rate limit per address', () => {
  it(`answers 429 with Retry-After past ${LIMIT} requests a minute from one address, not to others`, async () => {
    const from = '198.51.100.7';
    for (let i = 0; i < LIMIT; i++) expect((await get('/v1/ref/rome?q=boulanger', from)).status).toBe(200);
    const refused = await get('/v1/ref/communes?q=lyon', from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('too_many_requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    expect((await get('/v1/ref/communes?q=lyon', '198.51.100.8')).status).toBe(200);
  });

  it('counts refused queries too: a flood of bad requests is still a flood', async () => {
    const from = '198.51.100.9';
    for (let i = 0; i < LIMIT; i++) expect((await get('/v1/ref/rome', from)).status).toBe(422);
    expect((await get('/v1/ref/rome?q=boulanger', from)).status).toBe(429);
  });
});
