import type { Deps } from '../../deps.js';

export type DependencyName = 'postgres' | 'redis' | 'search';
export type DependencyCheck = { status: 'up' } | { status: 'down'; error: 'timeout' | 'unreachable' };

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

const probes: Record<DependencyName, (deps: Deps) => Promise<unknown>> = {
  // A table of the schema, not `select 1`: a database not migrated yet is not ready.
  postgres: (deps) => deps.sql`select 1 from users limit 1`,
  redis: (deps) => deps.redis.ping(),
  search: (deps) => deps.search.health(),
};

/** Probes every dependency at once. The result names the failing part only; details go to debug. */
export async function checkDependencies(deps: Deps): Promise<Record<DependencyName, DependencyCheck>> {
  const names = Object.keys(probes) as DependencyName[];
  const results = await Promise.all(
    names.map(async (name): Promise<DependencyCheck> => {
      try {
        await withTimeout(probes[name](deps), PROBE_TIMEOUT_MS);
        return { status: 'up' };
      } catch (err) {
        deps.log.debug({ dependency: name, err }, 'dependency check failed');
        return { status: 'down', error: err instanceof Error && /no answer within/.test(err.message) ? 'timeout' : 'unreachable' };
      }
    }),
  );
  return Object.fromEntries(names.map((name, i) => [name, results[i]!])) as Record<DependencyName, DependencyCheck>;
}

/**
 * Checks the dependencies every `intervalMs` and logs each outage at `warn` once, when it
 * starts, and once more when it ends — not at every failed query or check in between.
 */
export function watchDependencies(deps: Deps, intervalMs = deps.config.DEPENDENCY_CHECK_MS) {
  const down = new Map<DependencyName, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  async function tick() {
    const checks = await checkDependencies(deps);
    for (const [name, check] of Object.entries(checks) as [DependencyName, DependencyCheck][]) {
      const since = down.get(name);
      if (check.status === 'down' && since === undefined) {
        down.set(name, Date.now());
        deps.log.warn({ dependency: name, error: check.error }, `${name} is down`);
      } else if (check.status === 'up' && since !== undefined) {
        down.delete(name);
        deps.log.warn({ dependency: name, downForSeconds: Math.round((Date.now() - since) / 1000) }, `${name} is back`);
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  }
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
