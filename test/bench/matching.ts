/**
 * The matching section of `npm run bench` (issue 7): suggestions latency per youth (retrieval
 * from the search engine, then the score), a batch of top-20 suggestions, an exhaustive scoring
 * of every published offer for a sample of youth (speed ratio and recall@20 of the retrieval),
 * and the exposure of protected groups to good suggestions.
 *
 * The retrieval keeps the offers it has read (src/modules/matches/opportunity-cache.ts, capacity
 * MATCHING_CACHE_SIZE): each measure says whether it ran from an empty cache (cold) or from the
 * cache the batch left (warm), and how many lookups it answered. The latency and the batch run
 * twice, cold then warm; the retrieval against the exhaustive scoring is timed with an empty cache
 * for every youth (cold) and with the batch's cache (warm).
 *
 *   BENCH_MATCHING_SCALE=1     100,000 offers and 100,000 youth (0.1: a tenth), apart from BENCH_SCALE
 *   BENCH_MATCHING_BATCH       youth in the batch (default 10,000 × scale)
 *   BENCH_MATCHING_CONCURRENCY suggestions computed at once in the batch (default 4)
 *   BENCH_MATCHING_LIMIT       suggestions per youth in the latency measure (default 20, the API's default; at most 100)
 *   BENCH_REUSE=1              keep the offers of the last run when the index holds exactly this run's
 *                              documents (the PostgreSQL engine; indexing time is then absent)
 */
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import cliProgress from 'cli-progress';
import type { Deps } from '../../src/deps.js';
import type { OfferDocument, SearchEngine } from '../../src/adapters/search/index.js';
import { project } from '../../src/adapters/search/fields.js';
import { todayInFrance } from '../../src/core/calendar.js';
import { scoringProjection } from '../../src/domain/anonymisation.js';
import { isMinorOn } from '../../src/domain/age.js';
import { prepareYouth, quickScore, type ScoredYouth } from '../../src/domain/matching/index.js';
import type { GeoPoint } from '../../src/domain/geo.js';
import type { YouthProfile } from '../../src/domain/youth-profile.js';
import { fromOfferDocument, scoringContext } from '../../src/modules/matches/opportunities.js';
import { createOpportunityCache } from '../../src/modules/matches/opportunity-cache.js';
import { rankOpportunities } from '../../src/modules/matches/suggestions.js';
import { romeReference } from '../../src/modules/reference/index.js';
import { batches, benchSites, offerDocument, youthProfileOf, type Territory } from './corpus.js';
import { latencyStats, table, verdict, type LatencyStats } from './report.js';

const FULL = { offers: 100_000, youth: 100_000, batch: 10_000, latencyQueries: 500, exhaustiveSample: 100 };
export const MATCHING_TARGETS = { p95Ms: 30, batchSeconds: 60, recallAt20: 0.95, speedRatio: 20 };
const GOOD_SCORE = 60;

export interface MatchingOptions {
  scale: number;
  offers: number;
  youth: number;
  batch: number;
  latencyQueries: number;
  exhaustiveSample: number;
  concurrency: number;
  /** Suggestions asked per youth in the latency measure (the API's default: 20). */
  limit: number;
  /** Keep the offers the index holds when they are this run's (BENCH_REUSE=1). */
  reuse: boolean;
}

export function matchingOptions(env: NodeJS.ProcessEnv = process.env): MatchingOptions {
  const scale = Number(env.BENCH_MATCHING_SCALE ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new Error(`BENCH_MATCHING_SCALE must be in (0, 10], got ${env.BENCH_MATCHING_SCALE}`);
  const int = (name: string, fallback: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    scale,
    offers: Math.round(FULL.offers * scale),
    youth: Math.round(FULL.youth * scale),
    batch: int('BENCH_MATCHING_BATCH', Math.max(100, Math.round(FULL.batch * scale))),
    latencyQueries: Math.max(50, Math.round(FULL.latencyQueries * Math.min(1, scale))),
    exhaustiveSample: Math.max(20, Math.round(FULL.exhaustiveSample * Math.min(1, scale))),
    concurrency: int('BENCH_MATCHING_CONCURRENCY', 4),
    limit: int('BENCH_MATCHING_LIMIT', 20),
    reuse: env.BENCH_REUSE === '1',
  };
}

interface Candidate {
  profile: YouthProfile;
  projection: ScoredYouth;
  origin: GeoPoint;
  rural: boolean;
}

const GROUPS: { attribute: string; of: (c: Candidate, today: string) => string }[] = [
  { attribute: 'gender', of: (c) => c.profile.gender },
  { attribute: 'age band', of: (c, today) => (isMinorOn(c.profile.birthDate, today) ? 'minor' : 'adult') },
  { attribute: 'QPV', of: (c) => (c.profile.qpv ? 'QPV' : 'not QPV') },
  { attribute: 'RQTH', of: (c) => (c.profile.rqth ? 'RQTH' : 'no RQTH') },
  { attribute: 'residence', of: (c) => (c.rural ? 'rural (< 2,000 inhabitants)' : 'urban') },
];

/** Lookups of the opportunity cache during a measure, and what it held at its end. */
export interface CacheUse {
  hits: number;
  misses: number;
  hitRate: number;
  size: number;
  /** Documents fetched by id (the misses) and the calls that fetched them. */
  fetchedDocuments: number;
  fetchCalls: number;
}

type Latency = LatencyStats & { limit: number; queries: number; meanCandidates: number; cache: CacheUse };
type Batch = { youth: number; concurrency: number; seconds: number; perYouthMs: number; cache: CacheUse };
type Retrieval = { pagesPerYouth: number; documentsPerYouth: number; fetchedPerYouth: number; retrievalMeanMs: number; speedRatio: number };

export interface MatchingResult {
  offers: number;
  youth: number;
  /** Null when the offers of the last run were reused (BENCH_REUSE=1). */
  indexing: { seconds: number } | null;
  cacheCapacity: number;
  /** First pass from an empty cache, then the same youth again. */
  latency: { cold: Latency; warm: Latency };
  batch: { cold: Batch; warm: Batch };
  exhaustive: {
    sample: number;
    publishedOffers: number;
    exhaustiveMeanMs: number;
    /** An empty cache for each youth. */
    cold: Retrieval;
    /** The cache the batch left. */
    warm: Retrieval;
    recallAt20: number;
    /** Whether the cold and warm retrievals suggested the same scores for every youth. */
    coldEqualsWarm: boolean;
    youthWithoutEligible: number;
  };
  exposure: {
    attribute: string;
    group: string;
    youth: number;
    withGoodSuggestion: number;
    share: number;
    ratio: number;
    flagged: boolean;
    /** Share with no eligible suggestion; mean components (0–1) of the best eligible one. */
    drivers: { noEligible: number; occupation: number; mobility: number; practical: number };
  }[];
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

const ms = (x: number) => Math.round(x * 100) / 100;

function bar(label: string, total: number) {
  const b = new cliProgress.SingleBar({ format: ` ${label.padEnd(22)} |{bar}| {value}/{total}`, barsize: 30, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return b;
}

export async function benchMatching(deps: Deps, territory: Territory, romeLabels: Map<string, string>, seed: number, options: MatchingOptions): Promise<MatchingResult> {
  const loadAverageBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const today = todayInFrance();
  const ctx = scoringContext(today);
  const engine = deps.search;

  // --- Offers in the engine, and in memory for the exhaustive scoring ---
  await engine.setup();
  const sites = benchSites(seed, territory, Math.max(20, Math.round(options.offers / 25)));
  const generated = (i: number) => offerDocument(seed, i, sites[i % sites.length]!, today, romeLabels);
  const reuse = options.reuse && (await holdsOffers(deps, engine, options.offers, [generated(0), generated(options.offers - 1)]));
  const published = [];
  const b1 = bar(`${engine.name} offers${reuse ? ' (reused)' : ''}`, options.offers);
  const started = performance.now();
  let done = 0;
  if (!reuse) await engine.clear('offers');
  for (const batch of batches(options.offers, 1000, generated)) {
    if (!reuse) await engine.upsert('offers', batch);
    for (const d of batch) if (d.status === 'published') published.push({ id: d.id, loaded: fromOfferDocument(d) });
    b1.update((done += batch.length));
  }
  b1.stop();
  if (!reuse && engine.name === 'postgres') await deps.sql.unsafe('vacuum (analyze) search_offers');
  const indexingSeconds = reuse ? null : (performance.now() - started) / 1000;

  // --- Youth: profiles in memory, every (youth / batch)-th one in the batch ---
  // Youth who did not consent are left out, so the batch would fall short of its size: another
  // pass, one youth further, fills it (the batch holds `options.batch` youth, as the issue asks).
  const step = Math.max(1, Math.floor(options.youth / options.batch));
  const candidates: Candidate[] = [];
  for (let start = 0; start < step && candidates.length < options.batch; start++)
    for (let i = start; i < options.youth && candidates.length < options.batch; i += step) {
      const { profile, commune } = youthProfileOf(seed, i, territory, today);
      if (!profile.consent.anonymisedSharing) continue;
      const { communeInsee: _place, ...projection } = scoringProjection(profile, today);
      candidates.push({ profile, projection, origin: { lat: commune.lat, lng: commune.lng }, rural: commune.population < 2000 });
    }
  // As the app does: every ROME code and its label from the reference data, split into tiers per youth.
  const rome = await romeReference(deps.db);
  // What the retrieval asks of the engine: pages, documents listed, documents fetched by id.
  const reads = { pages: 0, documents: 0, fetchCalls: 0, fetched: 0 };
  const counting: SearchEngine = Object.assign(Object.create(engine) as SearchEngine, {
    async searchOffers(query: Parameters<SearchEngine['searchOffers']>[0]) {
      const page = await engine.searchOffers(query);
      reads.pages++;
      reads.documents += page.hits.length;
      return page;
    },
    async documents(...args: Parameters<SearchEngine['documents']>) {
      const found = await engine.documents(...args);
      reads.fetchCalls++;
      reads.fetched += found.length;
      return found;
    },
  });
  const capacity = deps.config.MATCHING_CACHE_SIZE;
  let opportunities = createOpportunityCache(capacity);
  const suggest = (c: Candidate, limit = 20) => rankOpportunities({ search: counting, opportunities }, c.projection, c.origin, rome, { type: 'offer', limit }, ctx);
  /** Runs `measure` and reports how the cache served it. */
  const withCacheUse = async <T>(measure: () => Promise<T>): Promise<T & { cache: CacheUse }> => {
    const before = { ...opportunities.stats(), ...reads };
    const result = await measure();
    const after = opportunities.stats();
    const [hits, misses] = [after.hits - before.hits, after.misses - before.misses];
    const cache = { hits, misses, hitRate: Math.round((hits / Math.max(1, hits + misses)) * 1000) / 1000, size: after.size, fetchedDocuments: reads.fetched - before.fetched, fetchCalls: reads.fetchCalls - before.fetchCalls };
    return { ...result, cache };
  };

  // --- Latency per youth (one client, after a warm-up of the process with a cache of its own) ---
  for (const c of candidates.slice(0, 30)) await suggest(c);
  const latency = (label: string) =>
    withCacheUse(async () => {
      const samples: number[] = [];
      let retrieved = 0;
      const b2 = bar(`${engine.name} suggestions ${label}`, options.latencyQueries);
      for (let i = 0; i < options.latencyQueries; i++) {
        const c = candidates[(i * 7919) % candidates.length]!;
        const t0 = performance.now();
        const items = await suggest(c, options.limit);
        samples.push(performance.now() - t0);
        retrieved += items.length;
        b2.update(i + 1);
      }
      b2.stop();
      return { ...latencyStats(samples), limit: options.limit, queries: options.latencyQueries, meanCandidates: Math.round(retrieved / options.latencyQueries) };
    });
  opportunities = createOpportunityCache(capacity);
  const latencyCold = await latency('cold');

  // --- Batch of top-20 for every youth of the batch, `concurrency` at a time: from an empty cache, then again ---
  const top: Map<string, Awaited<ReturnType<typeof suggest>>> = new Map();
  const batch = (label: string) =>
    withCacheUse(async () => {
      const b3 = bar(`${engine.name} batch ${label}`, candidates.length);
      const batchStarted = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < candidates.length) {
            const c = candidates[next++]!;
            top.set(c.profile.id, await suggest(c));
            b3.increment();
          }
        }),
      );
      const batchSeconds = (performance.now() - batchStarted) / 1000;
      b3.stop();
      return { youth: candidates.length, concurrency: options.concurrency, seconds: Math.round(batchSeconds * 10) / 10, perYouthMs: ms((batchSeconds * 1000) / candidates.length) };
    });
  opportunities = createOpportunityCache(capacity);
  const batchCold = await batch('cold');
  const batchWarm = await batch('warm');
  const latencyWarm = await latency('warm');

  // --- Exhaustive scoring of every published offer for a sample ---
  const sample = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / options.exhaustiveSample)) === 0).slice(0, options.exhaustiveSample);
  const warmCache = opportunities;
  const timed = { cold: { ms: 0, pages: 0, documents: 0, fetched: 0 }, warm: { ms: 0, pages: 0, documents: 0, fetched: 0 } };
  /** The retrieval of `c`, timed into `into`, from an empty cache (cold) or the batch's (warm). */
  const retrieval = async (c: Candidate, state: 'cold' | 'warm') => {
    opportunities = state === 'cold' ? createOpportunityCache(capacity) : warmCache;
    const into = timed[state];
    const before = { ...reads };
    const t0 = performance.now();
    const got = await suggest(c);
    into.ms += performance.now() - t0;
    into.pages += reads.pages - before.pages;
    into.documents += reads.documents - before.documents;
    into.fetched += reads.fetched - before.fetched;
    return got;
  };
  let exhaustiveMs = 0;
  let recallSum = 0;
  let recallCount = 0;
  let without = 0;
  let coldEqualsWarm = true;
  const b4 = bar('exhaustive scoring', sample.length);
  for (const c of sample) {
    const cold = await retrieval(c, 'cold');
    const fast = await retrieval(c, 'warm');
    const scores = (got: typeof fast) => got.map((s) => [s.result.eligible, s.result.score]);
    if (!isDeepStrictEqual(scores(cold), scores(fast))) coldEqualsWarm = false;
    const t1 = performance.now();
    // The same scorer as the retrieval's (prepared youth, no wording), over every published offer.
    const prepared = prepareYouth(c.projection, c.origin, ctx);
    const all = published.map((o) => ({ id: o.id, result: quickScore(prepared, o.loaded.scored) }));
    const best = all
      .filter((r) => r.result.eligible)
      .sort((a, b) => b.result.score - a.result.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, 20);
    exhaustiveMs += performance.now() - t1;
    b4.increment();
    if (best.length === 0) {
      without++;
      continue;
    }
    const got = new Set(fast.filter((s) => s.result.eligible).map((s) => s.opportunity.id));
    // Ties at the 20th score make several top-20s equally right: count a hit on score, not on id.
    const cut = best[best.length - 1]!.result.score;
    const hits = best.filter((r) => got.has(r.id)).length + fast.filter((s) => s.result.eligible && s.result.score === cut && !best.some((r) => r.id === s.opportunity.id)).length;
    recallSum += Math.min(1, hits / best.length);
    recallCount++;
  }
  b4.stop();
  const retrievalOf = (t: (typeof timed)['cold']): Retrieval => ({
    pagesPerYouth: ms(t.pages / sample.length),
    documentsPerYouth: Math.round(t.documents / sample.length),
    fetchedPerYouth: Math.round(t.fetched / sample.length),
    retrievalMeanMs: ms(t.ms / sample.length),
    speedRatio: Math.round((exhaustiveMs / t.ms) * 10) / 10,
  });

  // --- Exposure of each group to at least one suggestion scoring ≥ 60 ---
  const exposure: MatchingResult['exposure'] = [];
  for (const { attribute, of } of GROUPS) {
    // Beside the share, what drives it: youth with no eligible suggestion at all, and the
    // components of each youth's best eligible suggestion, averaged over the group.
    const counts = new Map<string, { youth: number; good: number; none: number; occupation: number; mobility: number; practical: number }>();
    for (const c of candidates) {
      const group = of(c, today);
      const entry = counts.get(group) ?? { youth: 0, good: 0, none: 0, occupation: 0, mobility: 0, practical: 0 };
      entry.youth++;
      const eligible = (top.get(c.profile.id) ?? []).filter((s) => s.result.eligible);
      if (eligible.some((s) => s.result.score >= GOOD_SCORE)) entry.good++;
      if (eligible.length === 0) entry.none++;
      else {
        const best = eligible[0]!.result.components;
        entry.occupation += best.occupation;
        entry.mobility += best.mobility;
        entry.practical += best.practical;
      }
      counts.set(group, entry);
    }
    const mean = (sum: number, e: { youth: number; none: number }) => (e.youth > e.none ? Math.round((sum / (e.youth - e.none)) * 100) / 100 : 0);
    const shares = [...counts.entries()].map(([group, e]) => ({
      group,
      ...e,
      share: e.good / e.youth,
      drivers: { noEligible: Math.round((e.none / e.youth) * 1000) / 1000, occupation: mean(e.occupation, e), mobility: mean(e.mobility, e), practical: mean(e.practical, e) },
    }));
    const best = Math.max(...shares.filter((s) => s.youth >= 30).map((s) => s.share), 0);
    for (const s of shares)
      exposure.push({
        attribute,
        group: s.group,
        youth: s.youth,
        withGoodSuggestion: s.good,
        share: Math.round(s.share * 1000) / 1000,
        ratio: best > 0 ? Math.round((s.share / best) * 1000) / 1000 : 0,
        flagged: s.youth >= 30 && best > 0 && s.share / best < 0.8,
        drivers: s.drivers,
      });
  }

  return {
    offers: options.offers,
    youth: options.youth,
    indexing: indexingSeconds === null ? null : { seconds: Math.round(indexingSeconds * 10) / 10 },
    cacheCapacity: capacity,
    latency: { cold: latencyCold, warm: latencyWarm },
    batch: { cold: batchCold, warm: batchWarm },
    exhaustive: {
      sample: sample.length,
      publishedOffers: published.length,
      exhaustiveMeanMs: ms(exhaustiveMs / sample.length),
      cold: retrievalOf(timed.cold),
      warm: retrievalOf(timed.warm),
      recallAt20: Math.round((recallSum / Math.max(1, recallCount)) * 1000) / 1000,
      coldEqualsWarm,
      youthWithoutEligible: without,
    },
    exposure,
    loadAverageBefore,
    loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/**
 * Whether the PostgreSQL index holds exactly this run's offers: their number, and the first and
 * last generated documents as stored (they change with the day, the seed and the scale).
 */
async function holdsOffers(deps: Deps, engine: SearchEngine, count: number, samples: OfferDocument[]): Promise<boolean> {
  if (engine.name !== 'postgres') return false;
  const [row] = await deps.sql<{ n: number }[]>`select count(*)::int as n from search_offers`;
  if (row?.n !== count) return false;
  const stored = await deps.sql<{ document: OfferDocument }[]>`select document from search_offers where id = any(${samples.map((d) => d.id)}::uuid[])`;
  return samples.every((d) => stored.some((s) => isDeepStrictEqual(s.document, project('offers', d))));
}

export function printMatching(r: MatchingResult, say: (line?: string) => void): void {
  const t = MATCHING_TARGETS;
  const indexed = r.indexing ? `indexed in ${r.indexing.seconds} s` : 'of the last run, reused';
  say(`\n=== matching (${r.offers.toLocaleString('en-GB')} offers ${indexed}; youth generated: ${r.youth.toLocaleString('en-GB')}) ===`);
  const use = (c: CacheUse) => `cache ${c.hits.toLocaleString('en-GB')} hits / ${c.misses.toLocaleString('en-GB')} misses (${Math.round(c.hitRate * 1000) / 10} %), ${c.fetchedDocuments.toLocaleString('en-GB')} documents fetched in ${c.fetchCalls.toLocaleString('en-GB')} calls, ${c.size.toLocaleString('en-GB')} held`;
  say(`\nOpportunity cache: capacity ${r.cacheCapacity.toLocaleString('en-GB')} (MATCHING_CACHE_SIZE); cold = from an empty cache, warm = from the cache the runs before left`);
  say(`\nSuggestions per youth, ms (retrieval + score, top ${r.latency.cold.limit}, one client, ${r.latency.cold.queries} youth; mean ${r.latency.cold.meanCandidates} suggestions)`);
  say(
    table(
      ['cache', 'p50', 'p95', 'p99', 'max', `p95 ≤ ${t.p95Ms}`, 'lookups'],
      (['cold', 'warm'] as const).map((k) => {
        const l = r.latency[k];
        return [k === 'cold' ? 'cold (first pass)' : 'warm (after the batch)', l.p50, l.p95, l.p99, l.max, verdict(l.p95 <= t.p95Ms), use(l.cache)];
      }),
    ),
  );
  say(`\nBatch: top 20 for ${r.batch.cold.youth.toLocaleString('en-GB')} youth, ${r.batch.cold.concurrency} at a time`);
  say(
    table(
      ['cache', 'seconds', 'ms per youth', `≤ ${t.batchSeconds} s`, 'lookups'],
      (['cold', 'warm'] as const).map((k) => {
        const b = r.batch[k];
        return [k === 'cold' ? 'cold (first pass)' : 'warm (second pass)', b.seconds, b.perYouthMs, verdict(b.seconds <= t.batchSeconds), use(b.cache)];
      }),
    ),
  );
  const e = r.exhaustive;
  say(`\nRetrieval against exhaustive scoring of all ${e.publishedOffers.toLocaleString('en-GB')} published offers (${e.sample} youth; ${e.youthWithoutEligible} with no eligible offer at all; exhaustive ${e.exhaustiveMeanMs} ms per youth)`);
  say(
    table(
      ['cache', 'pages read', 'documents listed', 'documents fetched', 'retrieval ms', 'speed ratio', `≥ ${t.speedRatio}×`, 'recall@20', `≥ ${t.recallAt20}`],
      (['cold', 'warm'] as const).map((k) => {
        const x = e[k];
        return [k === 'cold' ? 'cold (empty for each youth)' : 'warm (the batch\'s)', x.pagesPerYouth, x.documentsPerYouth, x.fetchedPerYouth, x.retrievalMeanMs, x.speedRatio, verdict(x.speedRatio >= t.speedRatio), e.recallAt20, verdict(e.recallAt20 >= t.recallAt20)];
      }),
    ),
  );
  say(`cold and warm retrievals suggest the same scores for every youth of the sample: ${e.coldEqualsWarm ? 'yes' : 'NO'}`);
  say(`\nExposure: share of each group with at least one suggestion scoring ≥ ${GOOD_SCORE} (batch youth; ratio to the best-off group of the attribute; flagged under 0.8 with ≥ 30 people)`);
  say(
    table(
      ['attribute', 'group', 'youth', 'with one ≥ 60', 'share', 'ratio', 'flag', 'none eligible', 'best: occupation', 'mobility', 'practical'],
      r.exposure.map((x) => [
        x.attribute,
        x.group,
        x.youth,
        x.withGoodSuggestion,
        x.share,
        x.ratio,
        x.flagged ? 'UNDER 0.8' : '',
        x.drivers.noEligible,
        x.drivers.occupation,
        x.drivers.mobility,
        x.drivers.practical,
      ]),
    ),
  );
  say(`load average before matching: ${r.loadAverageBefore.join(', ')}; after: ${r.loadAverageAfter.join(', ')} (${os.cpus().length} CPUs)`);
}
