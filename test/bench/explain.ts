/**
 * `npx tsx test/bench/explain.ts [scenario filter] [queries]`: the plans PostgreSQL actually ran
 * (auto_explain, with ANALYZE and BUFFERS) for the slowest of `queries` (default 50) queries of
 * each benchmark scenario, over the database the last `npm run bench` left (passerelle_bench,
 * or BENCH_DATABASE_URL). auto_explain shows the executed plan, generic or custom, where an
 * EXPLAIN typed afterwards would plan the statement anew. EXPLAIN=no prints only the timings.
 * Needs a superuser (LOAD) and auto_explain (PostgreSQL contrib).
 */
import postgres from 'postgres';
import { createRandom } from '../../src/seed/random.js';
import { SECTORS } from '../../src/seed/data.js';
import { loadConfigOrExit } from '../../src/config.js';
import { SEARCH_POOL_SETTINGS } from '../../src/deps.js';
import { createPostgresSearchEngine } from '../../src/adapters/search/postgres-engine.js';
import { loadRomeSynonyms } from '../../src/adapters/search/index.js';
import { benchStructures, loadTerritory } from './corpus.js';
import { latencyStats } from './report.js';
import { runSearch, SCENARIOS } from './scenarios.js';

const SEED = 20_250_003;

const config = loadConfigOrExit();
const url = new URL(config.DATABASE_URL);
url.pathname = '/passerelle_bench';
const filter = process.argv[2] ?? '';
const queries = Number(process.argv[3] ?? 50);
const explain = process.env.EXPLAIN !== 'no';
let plans: string[] = [];
const sql = postgres(process.env.BENCH_DATABASE_URL || url.toString(), {
  max: 1,
  onnotice: (notice) => plans.push(String(notice.message)),
  // The search pool's planner settings, so that the plans are the ones the app runs.
  connection: { ...SEARCH_POOL_SETTINGS, ...(explain ? { client_min_messages: 'log' } : {}) },
});
try {
  if (explain) {
    await sql`load 'auto_explain'`;
    await sql`select set_config('auto_explain.log_min_duration', '0', false), set_config('auto_explain.log_analyze', 'on', false),
                     set_config('auto_explain.log_buffers', 'on', false), set_config('auto_explain.log_timing', 'on', false)`;
  }
  // With the synonyms, as the app and the bench build it: they widen the text queries.
  const engine = createPostgresSearchEngine(sql, { synonyms: () => loadRomeSynonyms(sql) });
  const territory = await loadTerritory(sql);
  const ctx = { territory, structures: benchStructures(SEED), romeCodes: Object.values(SECTORS).flatMap((s) => s.codes) };
  for (const scenario of SCENARIOS.filter((s) => s.name.includes(filter))) {
    const rng = createRandom(SEED, `queries:${scenario.name}`);
    let slowest = { ms: -1, total: 0, plans: [] as string[] };
    const samples: number[] = [];
    for (let i = 0; i < queries; i++) {
      const request = scenario.draw(ctx, rng);
      plans = [];
      const started = performance.now();
      const page = await runSearch(engine, request);
      const ms = performance.now() - started;
      samples.push(ms);
      if (ms > slowest.ms) slowest = { ms, total: page.total, plans };
    }
    const { p50, p95 } = latencyStats(samples);
    process.stdout.write(`\n##### ${scenario.name}: p50 ${p50} ms, p95 ${p95} ms; slowest of ${queries}: ${slowest.ms.toFixed(1)} ms, total ${slowest.total}\n`);
    // Plans of the engine's statements only, not of the SQL functions they call.
    for (const plan of slowest.plans.filter((p) => /search_/.test(p))) process.stdout.write(`${plan}\n`);
  }
} finally {
  await sql.end();
}
