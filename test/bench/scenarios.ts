/**
 * The searches the benchmark times: what the offer search of a youth or an advisor, and an
 * advisor's youth search, look like in use. Each scenario draws its queries from its own
 * deterministic stream, so two runs (or two engines) time the same queries.
 */
import type { Random } from '../../src/seed/random.js';
import type { SearchEngine, SearchPage } from '../../src/adapters/search/engine.js';
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
  engine: SearchEngine;
  territory: Territory;
  /** Structure ids by department (youth scopes). */
  structures: Map<string, string[]>;
  /** ROME codes the corpus uses (the seed's trades). */
  romeCodes: string[];
}

export interface Scenario {
  name: string;
  describe: string;
  /** One query of the scenario, drawn from `rng`. */
  query(ctx: ScenarioContext, rng: Random): () => Promise<SearchPage<unknown>>;
}

const someCommune = (t: Territory, rng: Random): SeedCommune => t.communes[rng.weightedIndex(t.weights)]!;
const near = (c: SeedCommune, rng: Random) => ({ lat: c.lat, lng: c.lng, radiusKm: rng.int(10, 30) });

export const SCENARIOS: Scenario[] = [
  {
    name: 'offers: text + radius + contract',
    describe: 'common job words, 10–30 km around a commune (drawn by population), one or two contract types',
    query: ({ engine, territory }, rng) => {
      const q = rng.pick(COMMON_WORDS);
      const point = near(someCommune(territory, rng), rng);
      const contractTypes = rng.sample(CONTRACTS, rng.int(1, 2));
      return () => engine.searchOffers({ q, near: point, contractTypes });
    },
  },
  {
    name: 'offers: text, common words',
    describe: 'common job words over the whole territory (thousands of matches ranked)',
    query: ({ engine }, rng) => {
      const q = rng.pick(COMMON_WORDS);
      return () => engine.searchOffers({ q });
    },
  },
  {
    name: 'offers: text, rare words',
    describe: 'words a few hundred offers hold',
    query: ({ engine }, rng) => {
      const q = rng.pick(RARE_WORDS);
      return () => engine.searchOffers({ q });
    },
  },
  {
    name: 'offers: text with a typo',
    describe: 'common or rare words with one wrong letter (typo tolerance)',
    query: ({ engine }, rng) => {
      const q = withTypo(rng.pick([...COMMON_WORDS, ...RARE_WORDS]), rng);
      return () => engine.searchOffers({ q });
    },
  },
  {
    name: 'offers: radius only, by distance',
    describe: '10–30 km around a commune, nearest first',
    query: ({ engine, territory }, rng) => {
      const point = near(someCommune(territory, rng), rng);
      return () => engine.searchOffers({ near: point });
    },
  },
  {
    name: 'offers: ROME + radius',
    describe: 'one or two ROME codes of a trade, 10–30 km around a commune',
    query: ({ engine, territory, romeCodes: codes }, rng) => {
      const point = near(someCommune(territory, rng), rng);
      const romeCodes = rng.sample(codes, rng.int(1, 2));
      return () => engine.searchOffers({ romeCodes, near: point });
    },
  },
  {
    name: 'offers: filters only, newest first',
    describe: 'contract type and schedule filters, no text, no point',
    query: ({ engine }, rng) => {
      const contractTypes = rng.sample(CONTRACTS, 1);
      const schedules = rng.sample(['evening', 'weekend', 'night'], 1);
      return () => engine.searchOffers({ contractTypes, schedules });
    },
  },
  {
    name: 'offers: deep page (offset 200)',
    describe: 'common job words, 11th page of 20',
    query: ({ engine }, rng) => {
      const q = rng.pick(COMMON_WORDS);
      return () => engine.searchOffers({ q, offset: 200, limit: 20 });
    },
  },
  {
    name: 'youth: structure + text + radius',
    describe: "an advisor's structure, a skill or trade word, 10–30 km around a commune of its department",
    query: ({ engine, territory, structures }, rng) => {
      const department = rng.pick([...structures.keys()]);
      const structureId = rng.pick(structures.get(department)!);
      const communes = territory.byDepartment.get(department)!;
      const point = near(rng.pick(communes), rng);
      const q = rng.pick(YOUTH_WORDS);
      return () => engine.searchYouth({ structureId, q, near: point });
    },
  },
];

