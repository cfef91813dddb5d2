/**
 * The events section of `npm run bench` (issue 8): registrations under concurrency through the
 * HTTP API of a real server on loopback (`src/server.ts` in a process of its own, logging at
 * `info` as in production), then the oversell check. Advisors register youth of their structure
 * to one published event; every request goes through authentication, the event lock, the
 * capacity check, the insert and the outbox (e-mail and reminder). The client is autocannon
 * (keep-alive connections, one request in flight on each), after a warm-up of 200 registrations
 * to another event.
 *
 *   BENCH_EVENTS_REGISTRATIONS=2000  registrations fired (youth created for them)
 *   BENCH_EVENTS_CAPACITY            the event's seats (default a quarter of them)
 *   BENCH_EVENTS_CONCURRENCY=32      requests in flight at once
 *   BENCH_EVENTS_MAX_SECONDS=60      no new request after this long (bounded in time as in count)
 *
 * Target (issue 8, 2 cores): ≥ 500 registrations/s, zero errors, zero oversell (confirmed =
 * capacity, waitlist positions 1…n without a gap).
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import net from 'node:net';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { eventRegistrations, events, structures, users } from '../../db/schema/index.js';
import type { Deps } from '../../src/deps.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { waitlistOrder, waitlistPositionSql } from '../../src/modules/events/seats.js';
import { latencyStats, table, verdict, type LatencyStats } from './report.js';

export const EVENTS_TARGETS = { registrationsPerSecond: 500, errors: 0, oversell: 0 };

export interface EventsOptions {
  registrations: number;
  capacity: number;
  concurrency: number;
  maxSeconds: number;
}

export function eventsOptions(env: NodeJS.ProcessEnv = process.env): EventsOptions {
  const int = (name: string, fallback: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${env[name]}`);
    return value;
  };
  const registrations = int('BENCH_EVENTS_REGISTRATIONS', 2000);
  return {
    registrations,
    capacity: int('BENCH_EVENTS_CAPACITY', Math.max(1, Math.floor(registrations / 4))),
    concurrency: int('BENCH_EVENTS_CONCURRENCY', 32),
    maxSeconds: int('BENCH_EVENTS_MAX_SECONDS', 60),
  };
}

export interface EventsResult {
  options: EventsOptions;
  sent: number;
  seconds: number;
  registrationsPerSecond: number;
  statuses: Record<string, number>;
  errors: number;
  latencyMs: LatencyStats;
  confirmed: number;
  waitlisted: number;
  oversell: number;
  waitlistContiguous: boolean;
  loadAverage: number[];
}

const PASSWORD = 'a bench password long enough';
/** Registrations to another event before the measured run: the API's code paths are compiled by then. */
const WARM_UP = 200;

async function account(deps: Deps, role: 'organiser' | 'advisor', structureId: string, run: string) {
  const email = `${role}-${run}@bench.example`;
  await deps.db.insert(users).values({ email, firstName: 'Bench', lastName: role, role, structureId, status: 'active', passwordHash: await hashPassword(PASSWORD) });
  return email;
}

export async function benchEvents(deps: Deps, options: EventsOptions, run: string): Promise<EventsResult> {
  const [structure] = await deps.db.insert(structures).values({ name: `Mission Locale du bench ${run}` }).returning();
  const organiserEmail = await account(deps, 'organiser', structure!.id, run);
  const advisorEmail = await account(deps, 'advisor', structure!.id, run);
  // The youth, written straight to the table (their creation is not what is measured).
  const created = (
    await deps.db.execute<{ id: string }>(sql`
      insert into youth (structure_id, first_name, last_name, birth_date, gender, email, phone, commune_insee, postcode,
        education_level, available_from, max_hours_per_week, schedules, driving_licence, max_commute_minutes)
      select ${structure!.id}, 'Jeune', 'Bench ' || i, date '2005-06-01', 'female', 'jeune' || i || '-' || ${run} || '@bench.example',
        '+33612345678', '42218', '42000', '4', current_date, 35, '{day}', false, 45
      from generate_series(1, ${options.registrations + WARM_UP}) as i
      returning id`)
  ).map((r) => r.id);
  const [warmUpIds, youthIds] = [created.slice(0, WARM_UP), created.slice(WARM_UP)];

  const api = await startApi(deps);
  const base = api.base;
  try {
    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const login = async (email: string) => (await call('POST', '/v1/auth/login', null, { email, password: PASSWORD })).body.token as string;
    const [organiser, advisor] = [await login(organiserEmail), await login(advisorEmail)];
    // Warm-up on an event of its own (the API's first requests compile its code paths), then
    // the measured run: autocannon keeps `concurrency` requests in flight on as many keep-alive
    // connections, each youth registered once, stopped after `maxSeconds` if not done.
    const warmUpEvent = await publishedForum(call, organiser, WARM_UP);
    await fire({ base, token: advisor, eventId: warmUpEvent, youthIds: warmUpIds, concurrency: options.concurrency, maxSeconds: options.maxSeconds });
    const eventId = await publishedForum(call, organiser, options.capacity);
    const { statuses, latencies, seconds } = await fire({ base, token: advisor, eventId, youthIds, concurrency: options.concurrency, maxSeconds: options.maxSeconds });
    const sent = Object.values(statuses).reduce((a, b) => a + b, 0);

    // The oversell check, in the database: seats confirmed, and the waitlist ranks as shown.
    const counts = await deps.db
      .select({ status: eventRegistrations.status, n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(sql`${eventRegistrations.eventId} = ${eventId}`)
      .groupBy(eventRegistrations.status);
    const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    const ranks = await deps.db
      .select({ position: waitlistPositionSql })
      .from(eventRegistrations)
      // Joined, so that the rank's subquery keeps the table's name on its columns.
      .innerJoin(events, sql`${events.id} = ${eventRegistrations.eventId}`)
      .where(sql`${eventRegistrations.eventId} = ${eventId} and ${eventRegistrations.status} = 'waitlisted'`)
      .orderBy(...waitlistOrder);
    const ok = statuses['201'] ?? 0;
    return {
      options,
      sent,
      seconds: Math.round(seconds * 100) / 100,
      registrationsPerSecond: Math.round(ok / seconds),
      statuses,
      errors: sent - ok,
      latencyMs: latencyStats(latencies),
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      oversell: Math.max(0, count('confirmed') - options.capacity),
      waitlistContiguous: ranks.every((r, i) => r.position === i + 1) && count('confirmed') === Math.min(ok, options.capacity),
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
  } finally {
    await api.stop();
  }
}

type Call = (method: string, path: string, token: string | null, body?: unknown) => Promise<{ status: number; body: any }>;

/** A published forum in ten days, with `capacity` seats for youth. */
async function publishedForum(call: Call, organiser: string, capacity: number): Promise<string> {
  const hour = 3600_000;
  const created = await call('POST', '/v1/events', organiser, {
    kind: 'forum',
    title: 'Forum du bench',
    description: 'Inscriptions simultanées.',
    startsAt: new Date(Date.now() + 240 * hour).toISOString(),
    endsAt: new Date(Date.now() + 246 * hour).toISOString(),
    registrationDeadline: new Date(Date.now() + 200 * hour).toISOString(),
    place: { address: 'Parc des expositions', communeInsee: '42218' },
    youthCapacity: capacity,
    standCapacity: 10,
  });
  if (created.status !== 201) throw new Error(`event not created: ${JSON.stringify(created.body)}`);
  const eventId = created.body.id as string;
  if ((await call('POST', `/v1/events/${eventId}/publish`, organiser)).status !== 200) throw new Error('event not published');
  return eventId;
}

/**
 * Registers each youth once to the event through the API, `concurrency` requests in flight
 * (autocannon, one keep-alive connection each), for at most `maxSeconds`: the status and the
 * latency of every answer, and the time it all took.
 */
async function fire(o: { base: string; token: string; eventId: string; youthIds: readonly string[]; concurrency: number; maxSeconds: number }) {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  let finished!: (err: Error | null) => void;
  const done = new Promise<void>((resolve, reject) => (finished = (err) => (err ? reject(err) : resolve())));
  const instance = autocannon({
    url: o.base,
    connections: Math.min(o.concurrency, o.youthIds.length),
    amount: o.youthIds.length,
    timeout: o.maxSeconds,
    requests: [
      {
        method: 'POST',
        path: `/v1/events/${o.eventId}/registrations`,
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ youthId: o.youthIds[next++] }) }),
      },
    ],
  }, (err) => finished(err));
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    latencies.push(responseTime);
  });
  instance.on('reqError', () => {
    statuses['0'] = (statuses['0'] ?? 0) + 1;
  });
  const stop = setTimeout(() => instance.stop(), o.maxSeconds * 1000);
  try {
    await done;
  } finally {
    clearTimeout(stop);
  }
  return { statuses, latencies, seconds: (performance.now() - started) / 1000 };
}

/** A free loopback port, from the system. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The API as `npm run api` runs it, in a process of its own (the clients of this one do not
 * share its event loop), on the bench's database and Redis prefix; ready once /healthz answers.
 */
async function startApi(deps: Deps) {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: deps.config.DATABASE_URL, REDIS_PREFIX: deps.config.REDIS_PREFIX, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', MEILI_URL: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error('the API did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function printEvents(r: EventsResult, say: (line?: string) => void) {
  const { options: o } = r;
  say(`\nEvents — ${r.sent.toLocaleString('en-GB')} registrations sent (${o.concurrency} in flight) for ${o.capacity.toLocaleString('en-GB')} seats, through the HTTP API on loopback; load average ${r.loadAverage.join(', ')}`);
  say(
    table(
      ['measure', 'value', 'target', ''],
      [
        ['registrations/s (201)', r.registrationsPerSecond, `≥ ${EVENTS_TARGETS.registrationsPerSecond}`, verdict(r.registrationsPerSecond >= EVENTS_TARGETS.registrationsPerSecond)],
        ['errors (not 201)', r.errors, '0', verdict(r.errors === 0)],
        ['confirmed', r.confirmed, `= ${Math.min(o.capacity, r.sent - r.errors)}`, verdict(r.oversell === 0 && r.waitlistContiguous)],
        ['waitlisted', r.waitlisted, '', ''],
        ['oversell', r.oversell, '0', verdict(r.oversell === 0)],
        ['waitlist ranks 1…n', r.waitlistContiguous ? 'contiguous' : 'GAP', 'contiguous', verdict(r.waitlistContiguous)],
        ['latency p50 / p95 / p99 ms', `${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.p99}`, '', ''],
        ['wall time s', r.seconds, `≤ ${o.maxSeconds}`, ''],
      ],
    ),
  );
  if (r.errors > 0) say(`statuses: ${JSON.stringify(r.statuses)}`);
}
