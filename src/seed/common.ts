import type { Gender, Schedule } from '../domain/youth-profile.js';
import { NAME_POOLS, OCCUPATIONS, SECTORS, type NamePool, type Occupation, type Sector } from './data.js';
import type { Random } from './random.js';

/**
 * What the generators of the demo territory share (seed-youth.ts, seed-employers.ts). They are
 * pure: same seed, same `today`, same output; each returns the body an advisor or an employer
 * would send to the API, so that the seed goes through the same validation.
 */

export interface SeedCommune {
  insee: string;
  name: string;
  department: string;
  postcodes: string[];
  population: number;
  lat: number;
  lng: number;
}

// --- Dates ---

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// --- Small helpers ---

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Serveur·se" → "serveur·se" inside a sentence; acronyms ("ASH en EHPAD") stay. */
export const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
export const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
/** "a, b et c"; commas only when an item has its own "et" ("shampooings et soins"). */
export const listInFrench = (items: string[]) =>
  items.length < 2 || items.some((i) => i.includes(' et ')) ? items.join(', ') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;

export function sectorOf(code: string): { key: string; sector: Sector } {
  for (const [key, sector] of Object.entries(SECTORS)) if (sector.codes.includes(code)) return { key, sector };
  throw new Error(`seed data: ROME code ${code} belongs to no sector`);
}

export function occupation(code: string): Occupation {
  const found = OCCUPATIONS[code];
  if (!found) throw new Error(`seed data: no occupation for ROME code ${code}`);
  return found;
}

/**
 * A number of the range ARCEP reserves for fiction (04 65 71 xx xx, Rhône-Alpes): no real
 * person is ever called. `n` < 10 000 gives distinct numbers; spelled the ways people type them.
 */
export function fictionPhone(n: number, style: number): string {
  const last4 = String((n * 7919 + 1234) % 10_000).padStart(4, '0');
  const groups = ['04', '65', '71', last4.slice(0, 2), last4.slice(2)];
  return [groups.join(' '), groups.join(''), groups.join('.')][style % 3]!;
}

/** "Chef de cuisine|Cheffe de cuisine" → the form for this person. */
export const genderedTitle = (title: string, gender: Gender) => {
  const [masculine, feminine] = title.split('|');
  return gender === 'female' ? (feminine ?? masculine!) : masculine!;
};

export function pickName(rng: Random, gender: Gender): { pool: NamePool; first: string; last: string } {
  const pools = Object.values(NAME_POOLS);
  const pool = pools[rng.weightedIndex(pools.map((p) => p.weight))]!;
  // Many families mix origins: a French first name with any last name is common.
  const firstPool = pool !== NAME_POOLS.french && rng.chance(0.15) ? NAME_POOLS.french! : pool;
  const firsts = gender === 'female' ? firstPool.female : gender === 'male' ? firstPool.male : rng.pick([firstPool.female, firstPool.male]);
  return { pool, first: rng.pick(firsts), last: rng.pick(pool.last) };
}

export function schedulesFrom(rng: Random, p: { evening: number; night: number; weekend: number }): Schedule[] {
  const schedules: Schedule[] = ['day'];
  if (rng.chance(p.evening)) schedules.push('evening');
  if (rng.chance(p.night)) schedules.push('night');
  if (rng.chance(p.weekend)) schedules.push('weekend');
  return schedules;
}
