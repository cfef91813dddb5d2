/**
 * End-to-end indexing lag: how long after a write through a use case (committed) its document
 * is returned by a search, with the worker runtime (outbox dispatcher, BullMQ, sync-search job)
 * running in this process, over an index that already holds the benchmark's corpus.
 */
import { Redis } from 'ioredis';
import { employers, structures, users } from '../../db/schema/index.js';
import { EMPLOYERS } from '../../src/seed/data.js';
import { generateOffer } from '../../src/seed/employers.js';
import { createRandom } from '../../src/seed/random.js';
import { generateYouth } from '../../src/seed/youth.js';
import type { SearchEngine } from '../../src/adapters/search/engine.js';
import { completeSiret } from '../../src/domain/siret.js';
import type { Deps } from '../../src/deps.js';
import type { Actor } from '../../src/core/actor.js';
import { publishOffer } from '../../src/modules/offers/change-offer-status.js';
import { createOffer } from '../../src/modules/offers/create-offer.js';
import { createOfferBody } from '../../src/modules/offers/offers.schemas.js';
import { createYouth } from '../../src/modules/youth/create-youth.js';
import { createYouthBody } from '../../src/modules/youth/youth.schemas.js';
import { startWorkerRuntime } from '../../workers/runtime.js';
import type { Territory } from './corpus.js';
import { latencyStats, type LatencyStats } from './report.js';
import { todayInFrance } from '../../src/core/calendar.js';

/** How often the benchmark asks the engine whether the document is there yet. */
const POLL_MS = 10;
/** A write not searchable after this long counts as lost. */
const GIVE_UP_MS = 15_000;

export interface LagResult {
  offers: LatencyStats & { timeouts: number };
  youth: LatencyStats & { timeouts: number };
  all: LatencyStats & { timeouts: number };
  pollMs: number;
}

/** A made-up word no document holds: the search that finds it finds only the new document. */
function marker(seed: number, label: string): string {
  const rng = createRandom(seed, label);
  return Array.from({ length: 9 }, () => rng.pick([...'bcdfghjklmnpqrstvwxz'])).join('');
}

async function waitUntilFound(find: () => Promise<boolean>): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    if (await find()) return performance.now() - started;
    if (performance.now() - started > GIVE_UP_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * `writes` offers published and `writes` youth registered, one after the other (the next write
 * once the previous one is searchable), each timed from the use case's return (its transaction
 * committed) to the first search that returns it.
 */
export async function measureLag(
  deps: Deps,
  engine: SearchEngine,
  territory: Territory,
  options: { seed: number; writes: number; run: string; onProgress?: (done: number, total: number) => void },
): Promise<LagResult> {
  const { seed, writes, run } = options;
  const today = todayInFrance();
  // The people who write: an advisor of a Mission Locale, an employer's recruiter.
  const [structure] = await deps.db.insert(structures).values({ name: `Mission Locale du banc d'essai ${run}`, communeInsee: '42218' }).returning();
  const [employer] = await deps.db
    .insert(employers)
    .values({ name: `Employeur du banc d'essai ${run}`, siret: completeSiret(`998${String(Date.now() % 1e10).padStart(10, '0')}`) })
    .returning();
  const [advisorUser, employerUser] = await deps.db
    .insert(users)
    .values([
      { email: `advisor.${run}@bench.demo`, firstName: 'Banc', lastName: 'Conseiller', role: 'advisor' as const, structureId: structure!.id, status: 'active' as const },
      { email: `employer.${run}@bench.demo`, firstName: 'Banc', lastName: 'Recruteur', role: 'employer' as const, employerId: employer!.id, status: 'active' as const },
    ])
    .returning();
  const actor = (u: typeof advisorUser): Actor => ({
    userId: u!.id,
    role: u!.role,
    email: u!.email,
    structureId: u!.structureId,
    employerId: u!.employerId,
    sessionId: 'bench',
  });
  const advisor = actor(advisorUser);
  const recruiter = actor(employerUser);

  const loire = territory.byDepartment.get('42')!;
  const commune = territory.byInsee.get('42218') ?? loire[0]!;
  // The workplace at the commune's centre: a point the offer validation accepts.
  const { postcode: _postcode, ...template } = EMPLOYERS[0]!;
  const site = { employer: template, commune };

  const runtime = await startWorkerRuntime({ ...deps, search: engine });
  const offerLags: number[] = [];
  const youthLags: number[] = [];
  let offerTimeouts = 0;
  let youthTimeouts = 0;
  try {
    for (let i = 0; i < writes; i++) {
      // An offer: created as a draft, then published; searchable once published.
      const offerWord = marker(seed, `lag-offer:${run}:${i}`);
      const { body } = generateOffer(seed, 1_000_000 + i, site, today);
      const input = createOfferBody.parse({ ...body, description: `${body.description}\nRéférence ${offerWord}.` });
      const offer = await createOffer(deps, recruiter, input);
      await publishOffer(deps, recruiter, offer.id);
      const offerLag = await waitUntilFound(async () =>
        (await engine.searchOffers({ q: offerWord })).hits.some((h) => h.document.id === offer.id),
      );
      if (offerLag === null) offerTimeouts++;
      else offerLags.push(offerLag);

      // A youth who consents to share their anonymised profile, registered by their advisor.
      const youthWord = marker(seed, `lag-youth:${run}:${i}`);
      const generated = generateYouth(seed, 1_000_000 + i, loire, today).body;
      const youthInput = createYouthBody.parse({
        ...generated,
        email: generated.email.replace('@', `.${run}.${i}@`),
        skills: [...(generated.skills ?? []), `Référence ${youthWord}`],
        consent: { anonymisedSharing: true },
      });
      const youth = await createYouth(deps, advisor, youthInput);
      const youthLag = await waitUntilFound(async () =>
        (await engine.searchYouth({ structureId: structure!.id, q: youthWord })).hits.some((h) => h.document.id === youth.id),
      );
      if (youthLag === null) youthTimeouts++;
      else youthLags.push(youthLag);
      options.onProgress?.(i + 1, writes);
    }
  } finally {
    await runtime.close();
    await dropQueues(deps);
  }
  return {
    offers: { ...latencyStats(offerLags), timeouts: offerTimeouts },
    youth: { ...latencyStats(youthLags), timeouts: youthTimeouts },
    all: { ...latencyStats([...offerLags, ...youthLags]), timeouts: offerTimeouts + youthTimeouts },
    pollMs: POLL_MS,
  };
}

/** The run's queues live under their own Redis prefix: removed once measured. */
async function dropQueues(deps: Deps): Promise<void> {
  const redis = new Redis(deps.config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${deps.config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
