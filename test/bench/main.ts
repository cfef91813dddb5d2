/**
 * `npm run bench`: indexing throughput, search latency and end-to-end indexing lag of the search
 * layer, on the PostgreSQL engine (always) and Meilisearch (when MEILI_URL answers), over 100,000
 * offers and 100,000 youth spread over the communes of four departments; beside the engine, a
 * naive baseline (a sequential substring and distance scan, test/bench/naive.ts) times three
 * scenarios over the same documents, and the speed ratio is printed.
 *
 * It works in a database of its own (BENCH_DATABASE_URL, or DATABASE_URL's server with the
 * database `passerelle_bench`), dropped and recreated at each run, and a Redis prefix of its
 * own. Prints a table per measure, then one JSON object after a `--- JSON ---` line.
 *
 *   BENCH_SCALE=0.1        a tenth of the documents, queries and writes (a quick run)
 *   BENCH_QUERIES=500      timed queries per search scenario (default 500 × scale, at least 50)
 *   BENCH_LAG_WRITES=50    writes of each kind (offer, youth) for the lag (default 50 × scale, at least 10)
 *   BENCH_ONLY=matching    only the matching section (or `search`: only the search sections; `events`: only the events section)
 *   BENCH_MATCHING_SCALE=1 the matching section's own scale (100,000 offers and 100,000 youth): see matching.ts
 *   BENCH_EVENTS_*         the events section's knobs (registrations, capacity, concurrency): see events.ts
 *   BENCH_REUSE=1          keep the database of the last run (migrations applied on top) and skip the
 *                          PostgreSQL indexing when it already holds this scale's documents: iterate on
 *                          queries without reloading (indexing figures are then absent)
 *   BENCH_PARTS=crafted    which parts of the search section run after the indexing (which always runs,
 *                          unless BENCH_REUSE=1 skips it): any of scenarios (with the naive baseline),
 *                          crafted, lag, comma-separated; default all. `crafted` times the write path and
 *                          the crafted queries without the scenarios' minutes
 *
 * Targets (issue 10, on a 2-core machine, one client): every scenario p95 ≤ 20 ms, overall p95
 * ≤ 15 ms, indexing ≥ 5,000 documents/s per index, a change searchable within 2 s with the
 * worker running, no crafted query (test/bench/crafted.ts) over 50 ms.
 * The load average is printed with every figure: on a shared machine they are noisy.
 */
import fs from 'node:fs';
import os from 'node:os';
import cliProgress from 'cli-progress';
import postgres from 'postgres';
import { ensureDatabase, runMigrations } from '../../db/migrator.js';
import { loadReferenceData } from '../../db/reference.js';
import { createRandom } from '../../src/seed/random.js';
import { SECTORS } from '../../src/seed/data.js';
import { loadConfigOrExit, type Config } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { loadRomeSynonyms } from '../../src/adapters/search/index.js';
import type { DocumentOf, IndexName } from '../../src/adapters/search/documents.js';
import type { SearchEngine, SearchPage } from '../../src/adapters/search/engine.js';
import { createMeilisearchEngine } from '../../src/adapters/search/meilisearch-engine.js';
import {
  batches,
  benchSites,
  benchStructures,
  loadRomeLabels,
  loadTerritory,
  offerDocument,
  youthDocument,
  type Territory,
} from './corpus.js';
import { measureLag, type LagResult } from './lag.js';
import { latencyStats, table, verdict, type LatencyStats } from './report.js';
import { naiveSearchOffers } from './naive.js';
import { runCrafted, type CraftedResult } from './crafted.js';
import { runSearch, SCENARIOS, type Scenario, type ScenarioContext, type SearchRequest } from './scenarios.js';
import { todayInFrance } from '../../src/core/calendar.js';
import { benchMatching, matchingOptions, MATCHING_TARGETS, printMatching, type MatchingResult } from './matching.js';
import { benchEvents, eventsOptions, EVENTS_TARGETS, printEvents, type EventsResult } from './events.js';

const SEED = 20_250_003;
const FULL = { offers: 100_000, youth: 100_000, queries: 500, lagWrites: 50 };
const BATCH = 1000;
const WARM_UP = 30;
const TARGETS = { searchP95Ms: 20, overallP95Ms: 15, indexingDocsPerSecond: 5000, lagSeconds: 2, craftedMaxMs: 50 };
/** Naive-baseline queries per scenario (each scans every document: seconds at full scale). */
const BASELINE_QUERIES = 20;
const BASELINE_WARM_UP = 2;
const CRAFTED_REPEATS = 20;

const PARTS = ['scenarios', 'crafted', 'lag'] as const;
type Part = (typeof PARTS)[number];

interface BenchOptions {
  scale: number;
  /** The parts of the search section to run (BENCH_PARTS). */
  parts: ReadonlySet<Part>;
  /** Keep the last run's database and documents (BENCH_REUSE=1). */
  reuse: boolean;
  offers: number;
  youth: number;
  queries: number;
  lagWrites: number;
  databaseUrl: string;
}

/** The benchmark's own knobs (the app's configuration comes from src/config.ts). */
function benchOptions(config: Config, env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const scale = Number(env.BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new Error(`BENCH_SCALE must be in (0, 10], got ${env.BENCH_SCALE}`);
  const positive = (name: string, fallback: number) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${env[name]}`);
    return value;
  };
  const url = new URL(config.DATABASE_URL);
  url.pathname = '/passerelle_bench';
  const parts = (env.BENCH_PARTS || PARTS.join(',')).split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_PARTS takes ${PARTS.join(', ')}; got ${unknown.join(', ')}`);
  return {
    scale,
    parts: new Set(parts as Part[]),
    reuse: env.BENCH_REUSE === '1',
    offers: Math.round(FULL.offers * scale),
    youth: Math.round(FULL.youth * scale),
    queries: positive('BENCH_QUERIES', Math.max(50, Math.round(FULL.queries * scale))),
    lagWrites: positive('BENCH_LAG_WRITES', Math.max(10, Math.round(FULL.lagWrites * scale))),
    databaseUrl: env.BENCH_DATABASE_URL || url.toString(),
  };
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;
const say = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

// --- Database ---

async function freshDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await sql.end();
  }
  await ensureDatabase(url);
  await runMigrations(url);
}

// --- Indexing ---

interface IndexingResult {
  documents: number;
  /** Time spent inside engine.upsert, the figure the throughput is computed from. */
  seconds: number;
  docsPerSecond: number;
  /** Including the generation of the documents in this process. */
  wallSeconds: number;
  loadAverage: number[];
  /**
   * CPU time per document inside engine.upsert, in ms: this process's (the writer) and the
   * PostgreSQL backends' serving the bench database (from /proc: null when the server is not on
   * this machine). Unlike the throughput, it does not depend on what else the machine runs.
   */
  cpuMsPerDocument: { writer: number; server: number | null };
}

/** CPU time (ms) so far of each backend serving the bench database, by pid; null when /proc cannot tell. */
async function backendCpu(sql: Deps['sql']): Promise<Map<number, number> | null> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const ticks = 100; // USER_HZ on Linux
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) / ticks) * 1000); // utime + stime
    } catch {
      return null;
    }
  }
  return cpu;
}

async function indexAll<I extends IndexName>(
  sql: Deps['sql'],
  engine: SearchEngine,
  index: I,
  count: number,
  make: (i: number) => DocumentOf[I],
  label: string,
): Promise<IndexingResult> {
  const bar = new cliProgress.SingleBar(
    { format: ` ${label.padEnd(22)} |{bar}| {value}/{total} {rate} docs/s`, barsize: 30, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(count, 0, { rate: '-' });
  const wallStarted = performance.now();
  let inEngine = 0;
  let writerCpu = 0;
  let done = 0;
  const serverBefore = await backendCpu(sql);
  for (const batch of batches(count, BATCH, make)) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await engine.upsert(index, batch);
    const cpu = process.cpuUsage(cpuStarted);
    writerCpu += (cpu.user + cpu.system) / 1000;
    inEngine += performance.now() - started;
    done += batch.length;
    bar.update(done, { rate: Math.round(done / (inEngine / 1000)) });
  }
  bar.stop();
  const serverAfter = await backendCpu(sql);
  // Backends that connected during the load started from zero.
  const serverCpu = serverBefore && serverAfter ? [...serverAfter].reduce((sum, [pid, ms]) => sum + ms - (serverBefore.get(pid) ?? 0), 0) : null;
  const perDocument = (ms: number) => Math.round((ms / count) * 1000) / 1000;
  const s = inEngine / 1000;
  return {
    documents: count,
    seconds: seconds(inEngine),
    docsPerSecond: Math.round(count / s),
    wallSeconds: seconds(performance.now() - wallStarted),
    loadAverage: loadAverage(),
    cpuMsPerDocument: { writer: perDocument(writerCpu), server: serverCpu === null ? null : perDocument(serverCpu) },
  };
}

// --- Searching ---

interface ScenarioResult extends LatencyStats {
  name: string;
  describe: string;
  /** Mean number of matching documents (what the query had to consider). */
  meanTotal: number;
  meanHits: number;
}

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

async function runScenarios(
  ctx: ScenarioContext,
  scenarioList: readonly Scenario[],
  execute: (request: SearchRequest) => Promise<SearchPage<unknown>>,
  queries: number,
  label: string,
  warmUp = WARM_UP,
): Promise<{ scenarios: ScenarioResult[]; overall: LatencyStats; loadAverage: number[] }> {
  const bar = new cliProgress.SingleBar(
    { format: ` ${label.padEnd(22)} |{bar}| {value}/{total} {scenario}`, barsize: 30, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(scenarioList.length * queries, 0, { scenario: '' });
  const all: number[] = [];
  const scenarios: ScenarioResult[] = [];
  for (const [k, scenario] of scenarioList.entries()) {
    bar.update(k * queries, { scenario: scenario.name });
    // Warm-up: other queries of the same kind, so caches hold what this kind of query reads.
    const warm = createRandom(SEED, `warm-up:${scenario.name}`);
    for (let i = 0; i < warmUp; i++) await execute(scenario.draw(ctx, warm));
    const rng = createRandom(SEED, `queries:${scenario.name}`);
    const samples: number[] = [];
    let totals = 0;
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const request = scenario.draw(ctx, rng);
      const started = performance.now();
      const page = await execute(request);
      samples.push(performance.now() - started);
      totals += page.total;
      hits += page.hits.length;
      if (i % 25 === 0) bar.update(k * queries + i);
    }
    all.push(...samples);
    scenarios.push({
      name: scenario.name,
      describe: scenario.describe,
      ...latencyStats(samples),
      meanTotal: Math.round(totals / queries),
      meanHits: Math.round((hits / queries) * 10) / 10,
    });
  }
  bar.update(scenarioList.length * queries, { scenario: 'done' });
  bar.stop();
  return { scenarios, overall: latencyStats(all), loadAverage: loadAverage() };
}

// --- One engine ---

interface EngineResult {
  engine: string;
  /** Absent when the documents of a previous run were reused (BENCH_REUSE=1). */
  indexing?: { offers: IndexingResult; youth: IndexingResult; vacuumAnalyzeSeconds?: number };
  /** Absent when BENCH_PARTS leaves the scenarios out (and then the baseline too). */
  search?: { queriesPerScenario: number; warmUpPerScenario: number; scenarios: ScenarioResult[]; overall: LatencyStats; loadAverage: number[] };
  /** The naive baseline over the same documents (PostgreSQL only), and engine ÷ baseline speed. */
  baseline?: { queriesPerScenario: number; scenarios: (ScenarioResult & { speedupP50: number; speedupP95: number })[]; loadAverage: number[] };
  /** The most expensive queries the API lets through (test/bench/crafted.ts). */
  crafted?: { repeats: number; queries: CraftedResult; loadAverage: number[] };
  /** Absent when BENCH_PARTS leaves it out. */
  lag?: LagResult;
  loadAverageAfter: number[];
}

async function benchEngine(
  deps: Deps,
  engine: SearchEngine,
  options: BenchOptions,
  corpus: { territory: Territory; romeLabels: Awaited<ReturnType<typeof loadRomeLabels>>; structures: Map<string, string[]>; romeCodes: string[] },
  run: string,
): Promise<EngineResult> {
  const { territory, romeLabels, structures } = corpus;
  await engine.setup();
  let indexing: EngineResult['indexing'];
  if (options.reuse && engine.name === 'postgres' && (await holdsScale(deps, options))) {
    note(`\n[${engine.name}] reusing the ${options.offers.toLocaleString('en-GB')} offers and ${options.youth.toLocaleString('en-GB')} youth of the last run`);
  } else {
    note(`\n[${engine.name}] indexing ${options.offers.toLocaleString('en-GB')} offers and ${options.youth.toLocaleString('en-GB')} youth`);
    const today = todayInFrance();
    await engine.clear('offers');
    await engine.clear('youth');
    const sites = benchSites(SEED, territory, Math.max(20, Math.round(options.offers / 25)));
    const offers = await indexAll(deps.sql, engine, 'offers', options.offers, (i) => offerDocument(SEED, i, sites[i % sites.length]!, today, romeLabels.searchable), `${engine.name} offers`);
    const youth = await indexAll(deps.sql, engine, 'youth', options.youth, (i) => youthDocument(SEED, i, territory, structures, today, romeLabels.plain), `${engine.name} youth`);
    indexing = { offers, youth };
    if (engine.name === 'postgres') {
      // What autovacuum does shortly after a bulk load: statistics for the planner and the
      // visibility map for index-only scans. Timed apart from the throughput.
      const started = performance.now();
      await deps.sql.unsafe('vacuum (analyze) search_offers, search_youth, search_vocabulary');
      indexing.vacuumAnalyzeSeconds = seconds(performance.now() - started);
    }
  }

  const ctx: ScenarioContext = { territory, structures, romeCodes: corpus.romeCodes };
  let search: EngineResult['search'];
  let baseline: EngineResult['baseline'];
  if (options.parts.has('scenarios')) {
    note(`[${engine.name}] searching: ${SCENARIOS.length} scenarios × ${options.queries} queries (after ${WARM_UP} warm-up queries each)`);
    const timed = await runScenarios(ctx, SCENARIOS, (request) => runSearch(engine, request), options.queries, `${engine.name} search`);
    search = { queriesPerScenario: options.queries, warmUpPerScenario: WARM_UP, ...timed };
    if (engine.name === 'postgres') baseline = await runBaseline(deps, ctx, options, timed.scenarios);
  }
  let crafted: EngineResult['crafted'];
  if (engine.name === 'postgres' && options.parts.has('crafted')) {
    note(`[crafted queries] ${CRAFTED_REPEATS} runs each`);
    const structureId = [...structures.values()][0]![0]!;
    crafted = { repeats: CRAFTED_REPEATS, queries: await runCrafted(engine, deps, structureId, CRAFTED_REPEATS), loadAverage: loadAverage() };
  }

  let lag: LagResult | undefined;
  if (options.parts.has('lag')) {
    note(`[${engine.name}] indexing lag: ${options.lagWrites} offers published and ${options.lagWrites} youth registered, worker running`);
    const bar = new cliProgress.SingleBar(
      { format: ` ${`${engine.name} lag`.padEnd(22)} |{bar}| {value}/{total}`, barsize: 30, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.lagWrites, 0);
    lag = await measureLag(deps, engine, territory, {
      seed: SEED,
      writes: options.lagWrites,
      run: `${run}-${engine.name}`,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
  }
  return {
    engine: engine.name,
    indexing,
    search,
    baseline,
    crafted,
    lag,
    loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** The naive baseline: the first queries of the same streams as the engine's, scanned. */
async function runBaseline(deps: Deps, ctx: ScenarioContext, options: BenchOptions, engineScenarios: ScenarioResult[]): Promise<EngineResult['baseline']> {
  const naiveQueries = Math.min(BASELINE_QUERIES, options.queries);
  const chosen = SCENARIOS.filter((s) => s.baseline);
  note(`[naive baseline] ${chosen.length} scenarios × ${naiveQueries} queries (sequential scan)`);
  const naive = await runScenarios(
    ctx,
    chosen,
    (request) => (request.index === 'offers' ? naiveSearchOffers(deps.sql, request.query) : Promise.reject(new Error('offers only'))),
    naiveQueries,
    'naive baseline',
    BASELINE_WARM_UP,
  );
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  return {
    queriesPerScenario: naiveQueries,
    scenarios: naive.scenarios.map((n) => {
      const fast = engineScenarios.find((s) => s.name === n.name)!;
      return { ...n, speedupP50: ratio(n.p50, fast.p50), speedupP95: ratio(n.p95, fast.p95) };
    }),
    loadAverage: naive.loadAverage,
  };
}

/** Whether the reused database holds this scale's documents (the lag writes of past runs aside). */
async function holdsScale(deps: Deps, options: BenchOptions): Promise<boolean> {
  const [row] = await deps.sql<{ offers: number; youth: number }[]>`
    select (select count(*) from search_offers)::int as offers, (select count(*) from search_youth)::int as youth`;
  const near = (held: number, wanted: number) => held >= wanted && held <= wanted + 10 * FULL.lagWrites;
  return row !== undefined && near(row.offers, options.offers) && near(row.youth, options.youth);
}

function printEngine(result: EngineResult): void {
  say(`\n=== ${result.engine} ===`);
  if (result.indexing) printIndexing(result.indexing);
  else say('\nIndexing: documents of the last run reused (BENCH_REUSE=1)');
  printSearch(result);
}

function printIndexing({ offers, youth, vacuumAnalyzeSeconds }: NonNullable<EngineResult['indexing']>): void {
  say('\nIndexing (engine.upsert, batches of 1,000)');
  say(
    table(
      ['index', 'documents', 'seconds', 'docs/s', `≥ ${TARGETS.indexingDocsPerSecond}`, 'CPU ms/doc writer', 'CPU ms/doc server', 'with generation (s)', 'load average after'],
      [offers, youth].map((r, i) => [
        i === 0 ? 'offers' : 'youth',
        r.documents,
        r.seconds,
        r.docsPerSecond,
        verdict(r.docsPerSecond >= TARGETS.indexingDocsPerSecond),
        r.cpuMsPerDocument.writer,
        r.cpuMsPerDocument.server ?? '–',
        r.wallSeconds,
        r.loadAverage.join(', '),
      ]),
    ),
  );
  if (vacuumAnalyzeSeconds !== undefined) say(`vacuum (analyze) after the load: ${vacuumAnalyzeSeconds} s`);
}

function printSearch(result: EngineResult): void {
  if (result.search) printScenarios(result.search, result.baseline);
  if (result.crafted) {
    say(`\nCrafted queries, ms: the costliest requests within the API's bounds (${result.crafted.repeats} runs each)`);
    say(
      table(
        ['query', 'p50', 'p95', 'max', `max ≤ ${TARGETS.craftedMaxMs}`],
        result.crafted.queries.map((c) => [c.name, c.p50, c.p95, c.max, verdict(c.max <= TARGETS.craftedMaxMs)]),
      ),
    );
    say(`load average after the crafted queries: ${result.crafted.loadAverage.join(', ')}`);
  }
  if (result.lag) printLag(result.lag);
  say(`load average after: ${result.loadAverageAfter.join(', ')}`);
}

function printScenarios(search: NonNullable<EngineResult['search']>, baseline: EngineResult['baseline']): void {
  say(`\nSearch latency, ms (${search.queriesPerScenario} queries per scenario, one client)`);
  const row = (s: ScenarioResult | (LatencyStats & { name: string; meanTotal?: number; meanHits?: number })) => [
    s.name,
    s.p50,
    s.p95,
    s.p99,
    s.max,
    s.meanTotal ?? '',
    s.meanHits ?? '',
    verdict(s.p95 <= TARGETS.searchP95Ms),
  ];
  say(
    table(
      ['scenario', 'p50', 'p95', 'p99', 'max', 'mean matches', 'mean hits', `p95 ≤ ${TARGETS.searchP95Ms}`],
      search.scenarios.map(row),
    ),
  );
  const { overall } = search;
  say(
    `overall: p50 ${overall.p50}, p95 ${overall.p95}, p99 ${overall.p99}, max ${overall.max} ms — p95 ≤ ${TARGETS.overallP95Ms}: ` +
      `${verdict(overall.p95 <= TARGETS.overallP95Ms)} (load average after the searches: ${search.loadAverage.join(', ')})`,
  );
  if (baseline) {
    say(`\nNaive baseline: sequential substring + distance scan, same documents (${baseline.queriesPerScenario} queries per scenario)`);
    say(
      table(
        ['scenario', 'naive p50', 'naive p95', 'engine p50', 'engine p95', 'speed-up p50', 'speed-up p95'],
        baseline.scenarios.map((n) => {
          const fast = search.scenarios.find((s) => s.name === n.name)!;
          return [n.name, n.p50, n.p95, fast.p50, fast.p95, `× ${n.speedupP50}`, `× ${n.speedupP95}`];
        }),
      ),
    );
    say(`load average after the baseline: ${baseline.loadAverage.join(', ')}`);
  }
}

function printLag(lag: LagResult): void {
  say(`\nIndexing lag, ms: write committed → returned by search (worker running, polled every ${lag.pollMs} ms)`);
  const lagRow = (name: string, s: LagResult['all']) => [name, s.count, s.p50, s.p95, s.max, s.timeouts, verdict(s.timeouts === 0 && s.p95 <= TARGETS.lagSeconds * 1000)];
  say(
    table(
      ['write', 'writes', 'p50', 'p95', 'max', 'not found', `p95 ≤ ${TARGETS.lagSeconds} s`],
      [lagRow('offer published', lag.offers), lagRow('youth registered', lag.youth), lagRow('all', lag.all)],
    ),
  );
}

// --- Meilisearch, when it answers ---

async function meilisearchOf(config: Config, deps: Deps): Promise<{ engine: SearchEngine } | { skipped: string }> {
  if (!config.MEILI_URL) return { skipped: 'MEILI_URL not set' };
  try {
    const res = await fetch(new URL('/health', config.MEILI_URL), { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return { skipped: `${config.MEILI_URL} answered ${res.status}` };
  } catch (err) {
    return { skipped: `${config.MEILI_URL}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    engine: createMeilisearchEngine({
      host: config.MEILI_URL,
      apiKey: config.MEILI_MASTER_KEY,
      indexPrefix: 'passerelle_bench_',
      synonyms: () => loadRomeSynonyms(deps.sql),
      taskTimeoutMs: 300_000,
    }),
  };
}

// --- Main ---

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const options = benchOptions(config);
  const run = Date.now().toString(36);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgres: '',
  };
  note(`load average at start: ${machine.loadAverageAtStart.join(', ')} (${machine.cpus} CPUs)`);
  const database = new URL(options.databaseUrl).pathname.slice(1);
  if (options.reuse) {
    note(`database: ${database} (kept), migrations`);
    await ensureDatabase(options.databaseUrl);
    await runMigrations(options.databaseUrl);
  } else {
    note(`database: ${database} (dropped and recreated), migrations, reference data`);
    await freshDatabase(options.databaseUrl);
  }

  // The Postgres engine as the app wires it (its own pool); the queues under a prefix of their own.
  const deps = createDeps({
    ...config,
    DATABASE_URL: options.databaseUrl,
    SEARCH_DATABASE_URL: undefined,
    MEILI_URL: undefined,
    REDIS_PREFIX: `passerelle-bench-${run}`,
    LOG_LEVEL: 'error',
  });
  const results: EngineResult[] = [];
  let meiliSkipped: string | null = null;
  const only = process.env.BENCH_ONLY;
  if (only !== undefined && !['search', 'matching', 'events'].includes(only)) throw new Error(`BENCH_ONLY must be search, matching or events, got ${only}`);
  const runs = (section: 'search' | 'matching' | 'events') => only === undefined || only === section;
  let matching: MatchingResult | undefined;
  let events: EventsResult | undefined;
  try {
    await loadReferenceData(deps.sql);
    const [pg] = await deps.sql<{ version: string }[]>`select version()`;
    machine.postgres = pg!.version;
    const territory = await loadTerritory(deps.sql);
    const corpus = {
      territory,
      romeLabels: await loadRomeLabels(deps.sql),
      structures: benchStructures(SEED),
      romeCodes: Object.values(SECTORS).flatMap((s) => s.codes),
    };
    note(`territory: ${territory.communes.length} communes of ${[...territory.byDepartment.keys()].join(', ')}`);

    if (runs('search')) results.push(await benchEngine(deps, deps.search, options, corpus, run));
    const meili = !runs('search') ? { skipped: `BENCH_ONLY=${only}` } : await meilisearchOf(config, deps);
    if ('engine' in meili) {
      try {
        results.push(await benchEngine(deps, meili.engine, options, corpus, run));
      } finally {
        for (const index of ['offers', 'youth'] as const) await meili.engine.clear(index).catch(() => {});
        await meili.engine.close();
      }
    } else {
      meiliSkipped = meili.skipped;
    }
    if (runs('matching')) {
      const m = matchingOptions();
      note(`\n[matching] ${m.offers.toLocaleString('en-GB')} offers, ${m.youth.toLocaleString('en-GB')} youth generated, batch of ${m.batch.toLocaleString('en-GB')}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
      matching = await benchMatching(deps, territory, corpus.romeLabels.searchable, SEED, m);
    }
    if (runs('events')) {
      const e = eventsOptions();
      note(`\n[events] ${e.registrations.toLocaleString('en-GB')} registrations, ${e.concurrency} in flight, ${e.capacity.toLocaleString('en-GB')} seats, load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
      events = await benchEvents(deps, e, run);
    }
  } finally {
    await deps.close();
  }

  say('');
  if (runs('search')) say(`Passerelle search benchmark — ${options.offers.toLocaleString('en-GB')} offers, ${options.youth.toLocaleString('en-GB')} youth (scale ${options.scale})`);
  else say(`Passerelle ${only} benchmark`);
  say(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB; ${machine.node}; ${machine.postgres.split(' on ')[0]}`);
  say(`load average at start: ${machine.loadAverageAtStart.join(', ')}`);
  for (const result of results) printEngine(result);
  if (meiliSkipped) say(`\nMeilisearch not reachable — skipped (${meiliSkipped})`);
  if (matching) printMatching(matching, say);
  if (events) printEvents(events, say);

  say('\n--- JSON ---');
  say(
    JSON.stringify({
      run,
      machine,
      settings: { ...options, parts: [...options.parts], databaseUrl: undefined, database: new URL(options.databaseUrl).pathname.slice(1), seed: SEED, batch: BATCH, warmUp: WARM_UP },
      targets: TARGETS,
      engines: Object.fromEntries(results.map((r) => [r.engine, r])),
      meilisearch: meiliSkipped ? { skipped: meiliSkipped } : undefined,
      matching: matching ? { targets: MATCHING_TARGETS, ...matching } : undefined,
      events: events ? { targets: EVENTS_TARGETS, ...events } : undefined,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    }),
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
