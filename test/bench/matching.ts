/**
 * The matching section of `npm run bench` (issue 7): suggestions latency per youth (retrieval
 * from the search engine, then the score), a batch of top-20 suggestions, an exhaustive scoring
 * of every published offer for a sample of youth (speed ratio and recall@20 of the retrieval),
 * and the exposure of protected groups to good suggestions.
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

export interface MatchingResult {
  offers: number;
  youth: number;
  /** Null when the offers of the last run were reused (BENCH_REUSE=1). */
  indexing: { seconds: number } | null;
  latency: LatencyStats & { limit: number; queries: number; meanCandidates: number };
  batch: { youth: number; concurrency: number; seconds: number; perYouthMs: number };
  exhaustive: { sample: number; publishedOffers: number; pagesPerYouth: number; documentsPerYouth: number; retrievalMeanMs: number; exhaustiveMeanMs: number; speedRatio: number; recallAt20: number; youthWithoutEligible: number };
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
  // What the retrieval asks of the engine: pages and documents per youth (counted in the exhaustive comparison).
  const reads = { pages: 0, documents: 0 };
  const counting: SearchEngine = Object.assign(Object.create(engine) as SearchEngine, {
    async searchOffers(query: Parameters<SearchEngine['searchOffers']>[0]) {
      const page = await engine.searchOffers(query);
      reads.pages++;
      reads.documents += page.hits.length;
      return page;
    },
  });
  const suggest = (c: Candidate, limit = 20) => rankOpportunities(counting, c.projection, c.origin, rome, { type: 'offer', limit }, ctx);

  // --- Latency per youth (one client, after a warm-up) ---
  for (const c of candidates.slice(0, 30)) await suggest(c);
  const samples: number[] = [];
  let retrieved = 0;
  const b2 = bar(`${engine.name} suggestions`, options.latencyQueries);
  for (let i = 0; i < options.latencyQueries; i++) {
    const c = candidates[(i * 7919) % candidates.length]!;
    const t0 = performance.now();
    const items = await suggest(c, options.limit);
    samples.push(performance.now() - t0);
    retrieved += items.length;
    b2.update(i + 1);
  }
  b2.stop();

  // --- Batch of top-20 for every youth of the batch, `concurrency` at a time ---
  const top: Map<string, Awaited<ReturnType<typeof suggest>>> = new Map();
  const b3 = bar(`${engine.name} batch`, candidates.length);
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

  // --- Exhaustive scoring of every published offer for a sample ---
  const sample = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / options.exhaustiveSample)) === 0).slice(0, options.exhaustiveSample);
  let retrievalMs = 0;
  let exhaustiveMs = 0;
  let recallSum = 0;
  let recallCount = 0;
  let without = 0;
  const b4 = bar('exhaustive scoring', sample.length);
  reads.pages = reads.documents = 0;
  for (const c of sample) {
    const t0 = performance.now();
    const fast = await suggest(c);
    retrievalMs += performance.now() - t0;
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
    latency: { ...latencyStats(samples), limit: options.limit, queries: options.latencyQueries, meanCandidates: Math.round(retrieved / options.latencyQueries) },
    batch: { youth: candidates.length, concurrency: options.concurrency, seconds: Math.round(batchSeconds * 10) / 10, perYouthMs: ms((batchSeconds * 1000) / candidates.length) },
    exhaustive: {
      sample: sample.length,
      publishedOffers: published.length,
      pagesPerYouth: ms(reads.pages / sample.length),
      documentsPerYouth: Math.round(reads.documents / sample.length),
      retrievalMeanMs: ms(retrievalMs / sample.length),
      exhaustiveMeanMs: ms(exhaustiveMs / sample.length),
      speedRatio: Math.round((exhaustiveMs / retrievalMs) * 10) / 10,
      recallAt20: Math.round((recallSum / Math.max(1, recallCount)) * 1000) / 1000,
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
  say(`\nSuggestions per youth, ms (retrieval + score, top ${r.latency.limit}, one client, ${r.latency.queries} youth; mean ${r.latency.meanCandidates} suggestions)`);
  say(table(['p50', 'p95', 'p99', 'max', `p95 ≤ ${t.p95Ms}`], [[r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, verdict(r.latency.p95 <= t.p95Ms)]]));
  say(`\nBatch: top 20 for ${r.batch.youth.toLocaleString('en-GB')} youth, ${r.batch.concurrency} at a time`);
  say(table(['seconds', 'ms per youth', `≤ ${t.batchSeconds} s`], [[r.batch.seconds, r.batch.perYouthMs, verdict(r.batch.seconds <= t.batchSeconds)]]));
  const e = r.exhaustive;
  say(`\nRetrieval against exhaustive scoring of all ${e.publishedOffers.toLocaleString('en-GB')} published offers (${e.sample} youth; ${e.youthWithoutEligible} with no eligible offer at all)`);
  say(
    table(
      ['pages read', 'documents read', 'retrieval ms', 'exhaustive ms', 'speed ratio', `≥ ${t.speedRatio}×`, 'recall@20', `≥ ${t.recallAt20}`],
      [[e.pagesPerYouth, e.documentsPerYouth, e.retrievalMeanMs, e.exhaustiveMeanMs, e.speedRatio, verdict(e.speedRatio >= t.speedRatio), e.recallAt20, verdict(e.recallAt20 >= t.recallAt20)]],
    ),
  );
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
