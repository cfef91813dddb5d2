/**
 * Crafted queries: the most expensive requests a client can send within the API's bounds
 * (10 words, 100 characters, radius 200 km, the last page before offset + limit = 1,000, the
 * reference routes' 8 words). The issue's bar: none costs more than about 50 ms.
 */
import type { Deps } from '../../src/deps.js';
import type { SearchEngine } from '../../src/adapters/search/engine.js';
import { searchCommunes } from '../../src/modules/reference/search-communes.js';
import { searchRome } from '../../src/modules/reference/search-rome.js';
import { latencyStats, type LatencyStats } from './report.js';

const LYON = { lat: 45.764043, lng: 4.835659 };
const tenWords = 'vendeuse boulangere patissiere serveuse cuisiniere preparatrice manutentionnaire magasiniere caissiere livreuse';
const tenTypos = 'vendeusz boulangerz patissierz serveusz cuisinierz preparatricz manutentionnairz magasinierz caissierz livreusz';

interface Crafted {
  name: string;
  run(engine: SearchEngine, deps: Deps, structureId: string): Promise<unknown>;
}

export const CRAFTED: Crafted[] = [
  { name: 'offers: 10 long words', run: (e) => e.searchOffers({ q: tenWords }) },
  { name: 'offers: 10 words, each with a typo', run: (e) => e.searchOffers({ q: tenTypos }) },
  { name: 'offers: 1 common word, last page (980)', run: (e) => e.searchOffers({ q: 'vendeur', offset: 980, limit: 20 }) },
  { name: 'offers: radius 200 km, last page (900 + 100)', run: (e) => e.searchOffers({ near: { ...LYON, radiusKm: 200 }, offset: 900, limit: 100 }) },
  {
    name: 'offers: typo + 200 km + filters, last page',
    run: (e) => e.searchOffers({ q: 'vendeuz', near: { ...LYON, radiusKm: 200 }, contractTypes: ['cdi'], offset: 980, limit: 20 }),
  },
  { name: 'offers: rare filters, last page', run: (e) => e.searchOffers({ contractTypes: ['seasonal'], schedules: ['night'], offset: 980, limit: 20 }) },
  { name: 'youth: 10 words with typos, 200 km', run: (e, _d, structureId) => e.searchYouth({ structureId, q: tenTypos, near: { ...LYON, radiusKm: 200 } }) },
  { name: 'ref communes: 8 words', run: (_e, d) => searchCommunes(d, { q: 'saint saint saint saint saint saint saint saint', limit: 50 }) },
  { name: 'ref communes: 8 words with typos', run: (_e, d) => searchCommunes(d, { q: 'sainte etiene chamon firmini roane montbrizon feur boen', limit: 50 }) },
  { name: 'ref rome: 8 words', run: (_e, d) => searchRome(d, { q: 'agent agent agent agent agent agent agent agent', limit: 50 }) },
  { name: 'ref rome: 8 words with typos', run: (_e, d) => searchRome(d, { q: 'vendeur boulanjer patisier serveur cuisinié agant netoyage caisier', limit: 50 }) },
];

export async function runCrafted(engine: SearchEngine, deps: Deps, structureId: string, repeats: number) {
  const results: (LatencyStats & { name: string })[] = [];
  for (const crafted of CRAFTED) {
    await crafted.run(engine, deps, structureId); // warm
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      await crafted.run(engine, deps, structureId);
      samples.push(performance.now() - started);
    }
    results.push({ name: crafted.name, ...latencyStats(samples) });
  }
  return results;
}

export type CraftedResult = Awaited<ReturnType<typeof runCrafted>>;
