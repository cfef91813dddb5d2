/**
 * `npx tsx test/bench/explain.ts [scenario filter] [queries]`: the plans PostgreSQL actually ran
 * (auto_explain, with ANALYZE and BUFFERS) for the slowest of `queries` (default 50) queries of
 * each benchmark scenario, over the database the last `npm run bench` left (passerelle_bench,
 * or BENCH_DATABASE_URL). auto_explain shows the executed plan, generic or custom, where an
 * EXPLAIN typed afterwards would plan the statement anew. EXPLAIN=no prints only the timings.
 * Needs a superuser (LOAD) and auto_explain (PostgreSQL contrib).
 *
 * Beside the timings, two measures the load of a shared machine does not move: the buffers each
 * query touched (shared hit + read, summed over its statements' plans; `read` are pages that were
 * not in shared buffers) and the server's CPU time per query (the backend's user + system time
 * from /proc, over the whole scenario). Both need the plans (not with EXPLAIN=no) and a server on
 * this machine for the CPU.
 *
 * EXPLAIN_EACH=1 also writes each query's buffers and request to stderr (`index, buffers, JSON`), to
 * compare two runs query by query; EXPLAIN_EACH=plans adds its plans.
 */
import { readFile } from 'node:fs/promises';
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
const each = process.env.EXPLAIN_EACH;
let plans: string[] = [];
const sql = postgres(process.env.BENCH_DATABASE_URL || url.toString(), {
  max: 1,
  onnotice: (notice) => plans.push(String(notice.message)),
  // The search pool's planner settings, so that the plans are the ones the app runs.
  connection: { ...SEARCH_POOL_SETTINGS, ...(explain ? { client_min_messages: 'log' } : {}) },
});
let synonymsLoaded = false;
const pid = (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;

/** The backend's user + system CPU time in ms (/proc/<pid>/stat, fields 14 and 15, in clock ticks of 10 ms); null when the server is elsewhere. */
async function backendCpuMs(): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Shared buffers of a query: the top node's `Buffers:` line of each plan (it includes its children's). */
function bufferCounts(queryPlans: readonly string[]): { hit: number; read: number } {
  let hit = 0;
  let read = 0;
  for (const plan of queryPlans) {
    const line = plan.split('\n').find((l) => l.trimStart().startsWith('Buffers:'));
    hit += Number(line?.match(/hit=(\d+)/)?.[1] ?? 0);
    read += Number(line?.match(/read=(\d+)/)?.[1] ?? 0);
  }
  return { hit, read };
}

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
    const buffers: number[] = [];
    const reads: number[] = [];
    // The first query of a process loads the synonyms: warm up before the CPU is measured.
    if (!synonymsLoaded) await runSearch(engine, { index: 'offers', query: { q: 'vendeur', limit: 1 } });
    synonymsLoaded = true;
    const cpuBefore = await backendCpuMs();
    for (let i = 0; i < queries; i++) {
      const request = scenario.draw(ctx, rng);
      plans = [];
      const started = performance.now();
      const page = await runSearch(engine, request);
      const ms = performance.now() - started;
      samples.push(ms);
      const touched = bufferCounts(plans);
      buffers.push(touched.hit + touched.read);
      reads.push(touched.read);
      if (each) {
        const shown = each === 'plans' ? plans.filter((p) => /search_/.test(p)).map((p) => `${p}\n`).join('') : '';
        process.stderr.write(`${i}\t${touched.hit + touched.read}\t${JSON.stringify(request)}\n${shown}`);
      }
      if (ms > slowest.ms) slowest = { ms, total: page.total, plans };
    }
    const cpuAfter = await backendCpuMs();
    const { p50, p95 } = latencyStats(samples);
    process.stdout.write(`\n##### ${scenario.name}: p50 ${p50} ms, p95 ${p95} ms; slowest of ${queries}: ${slowest.ms.toFixed(1)} ms, total ${slowest.total}\n`);
    if (explain) {
      const b = latencyStats(buffers);
      const r = latencyStats(reads);
      const cpu = cpuBefore !== null && cpuAfter !== null ? `${((cpuAfter - cpuBefore) / queries).toFixed(2)} ms` : 'n/a';
      process.stdout.write(
        `buffers per query p50 ${b.p50}, p95 ${b.p95}, mean ${b.mean} (read from outside shared buffers: p95 ${r.p95}, mean ${r.mean}); server CPU per query (with EXPLAIN ANALYZE's own cost) ${cpu}\n`,
      );
    }
    // Plans of the engine's statements only, not of the SQL functions they call.
    for (const plan of slowest.plans.filter((p) => /search_/.test(p))) process.stdout.write(`${plan}\n`);
  }
} finally {
  await sql.end();
}
