/**
 * The searches the benchmark times: what the offer search of a youth or an advisor, and an
 * advisor's youth search, look like in use. Each scenario draws its queries from its own
 * deterministic stream, so two runs (or two engines) time the same queries.
 */
import type { Random } from '../../src/seed/random.js';
import type { OfferQuery, SearchEngine, SearchPage, YouthQuery } from '../../src/adapters/search/engine.js';
import type { SeedCommune } from '../../src/seed/common.js';
import type { Territory } from './corpus.js';

/** Job words people type, as they type them (accents, articles, several words). */
export const COMMON_WORDS = [
  'vendeur', 'serveur', 'commis de cuisine', 'cariste', 'aide-soignant', 'préparateur de commandes',
  'agent de propreté', 'coiffeur', 'mécanicien', 'caissière', 'boulanger', 'manutentionnaire',
  'auxiliaire de vie', 'employé de rayon', 'maçon', 'réceptionniste', 'plongeur', 'livreur',
];
/** Words a few hundred documents at most hold. */
export const RARE_WORDS = [
  'transpalette', 'viennoiserie', 'désossage', 'randonnée', 'entremets', 'débroussaillage',
  'puériculture', 'périscolaire', 'téléphonie', 'feuilletée', 'barbier', 'plaquiste', 'standardiste',
];
/** What advisors look for in a youth profile: skills, trades. */
export const YOUTH_WORDS = [
  'encaissement', 'accueil client', 'mise en rayon', 'cuisine', 'HACCP', 'manutention', 'vente',
  'nettoyage', 'travail en équipe', 'ponctualité', 'service', 'caisse', 'logistique', 'petite enfance',
];
const CONTRACTS = ['cdi', 'cdd', 'interim', 'apprenticeship', 'professional_contract', 'seasonal'];

/** One typo (a substituted letter, not the first) in every word of 5 letters or more. */
export function withTypo(text: string, rng: Random): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 5) return word;
      const at = rng.int(1, word.length - 1);
      const letters = 'abcdefghijklmnopqrstuvwxyz'.replace(word[at]!.toLowerCase(), '');
      return word.slice(0, at) + rng.pick([...letters]) + word.slice(at + 1);
    })
    .join(' ');
}

export interface ScenarioContext {
  territory: Territory;
  /** Structure ids by department (youth scopes). */
  structures: Map<string, string[]>;
  /** ROME codes the corpus uses (the seed's trades). */
  romeCodes: string[];
}

/** One search as the engines receive it. */
export type SearchRequest = { index: 'offers'; query: OfferQuery } | { index: 'youth'; query: YouthQuery };

export interface Scenario {
  name: string;
  describe: string;
  /** Also timed with the naive baseline (a sequential scan), for the speed ratio. */
  baseline?: boolean;
  /** One query of the scenario, drawn from `rng`. */
  draw(ctx: ScenarioContext, rng: Random): SearchRequest;
}

export function runSearch(engine: SearchEngine, request: SearchRequest): Promise<SearchPage<unknown>> {
  return request.index === 'offers' ? engine.searchOffers(request.query) : engine.searchYouth(request.query);
}

const someCommune = (t: Territory, rng: Random): SeedCommune => t.communes[rng.weightedIndex(t.weights)]!;
const near = (c: SeedCommune, rng: Random) => ({ lat: c.lat, lng: c.lng, radiusKm: rng.int(10, 30) });

export const SCENARIOS: Scenario[] = [
  {
    name: 'offers: text + radius + contract',
    baseline: true,
    describe: 'common job words, 10–30 km around a commune (drawn by population), one or two contract types',
    draw: ({ territory }, rng) => {
      const q = rng.pick(COMMON_WORDS);
      const point = near(someCommune(territory, rng), rng);
      const contractTypes = rng.sample(CONTRACTS, rng.int(1, 2));
      return { index: 'offers', query: { q, near: point, contractTypes } };
    },
  },
  {
    name: 'offers: text, common words',
    baseline: true,
    describe: 'common job words over the whole territory (thousands of matches ranked)',
    draw: (_ctx, rng) => {
      const q = rng.pick(COMMON_WORDS);
      return { index: 'offers', query: { q } };
    },
  },
  {
    name: 'offers: text, rare words',
    describe: 'words a few hundred offers hold',
    draw: (_ctx, rng) => {
      const q = rng.pick(RARE_WORDS);
      return { index: 'offers', query: { q } };
    },
  },
  {
    name: 'offers: text with a typo',
    describe: 'common or rare words with one wrong letter (typo tolerance)',
    draw: (_ctx, rng) => {
      const q = withTypo(rng.pick([...COMMON_WORDS, ...RARE_WORDS]), rng);
      return { index: 'offers', query: { q } };
    },
  },
  {
    name: 'offers: radius only, by distance',
    baseline: true,
    describe: '10–30 km around a commune, nearest first',
    draw: ({ territory }, rng) => {
      const point = near(someCommune(territory, rng), rng);
      return { index: 'offers', query: { near: point } };
    },
  },
  {
    name: 'offers: ROME + radius',
    describe: 'one or two ROME codes of a trade, 10–30 km around a commune',
    draw: ({ territory, romeCodes: codes }, rng) => {
      const point = near(someCommune(territory, rng), rng);
      const romeCodes = rng.sample(codes, rng.int(1, 2));
      return { index: 'offers', query: { romeCodes, near: point } };
    },
  },
  {
    name: 'offers: filters only, newest first',
    describe: 'contract type and schedule filters, no text, no point',
    draw: (_ctx, rng) => {
      const contractTypes = rng.sample(CONTRACTS, 1);
      const schedules = rng.sample(['evening', 'weekend', 'night'], 1);
      return { index: 'offers', query: { contractTypes, schedules } };
    },
  },
  {
    name: 'offers: deep page (offset 200)',
    describe: 'common job words, 11th page of 20',
    draw: (_ctx, rng) => {
      const q = rng.pick(COMMON_WORDS);
      return { index: 'offers', query: { q, offset: 200, limit: 20 } };
    },
  },
  {
    name: 'youth: structure + text + radius',
    describe: "an advisor's structure, a skill or trade word, 10–30 km around a commune of its department",
    draw: ({ territory, structures }, rng) => {
      const department = rng.pick([...structures.keys()]);
      const structureId = rng.pick(structures.get(department)!);
      const communes = territory.byDepartment.get(department)!;
      const point = near(rng.pick(communes), rng);
      const q = rng.pick(YOUTH_WORDS);
      return { index: 'youth', query: { structureId, q, near: point } };
    },
  },
];

