/**
 * The benchmark's documents: offers and youth as the engines would receive them from the real
 * projections, generated from the demo seed's generators (src/seed/*.ts: real ROME codes, titles,
 * skills, contract mixes and schedules) over the real communes of a few departments.
 * Deterministic: the same seed and counts give the same documents on every machine.
 */
import type { Sql } from '../../db/client.js';
import { EMPLOYERS, type DemoEmployer } from '../../src/seed/data.js';
import type { SeedCommune } from '../../src/seed/common.js';
import { generateOffer, type OfferFate, type SeedSite } from '../../src/seed/employers.js';
import { createRandom, type Random } from '../../src/seed/random.js';
import { generateYouth } from '../../src/seed/youth.js';
import { toYouthDocument, type OfferDocument, type YouthDocument } from '../../src/adapters/search/documents.js';
import type { YouthProfile } from '../../src/domain/youth-profile.js';
import { createYouthBody } from '../../src/modules/youth/youth.schemas.js';

/** Loire, Haute-Loire, Puy-de-Dôme, Rhône: cities, towns and a lot of countryside. */
export const BENCH_DEPARTMENTS = ['42', '43', '63', '69'] as const;

export interface Territory {
  communes: SeedCommune[];
  /** Population weights of `communes`: people (and so offers and searches) live in towns. */
  weights: number[];
  byDepartment: Map<string, SeedCommune[]>;
  byInsee: Map<string, SeedCommune>;
}

/** The communes of the benchmark's departments, one per INSEE code, delegated communes left out. */
export async function loadTerritory(sql: Sql): Promise<Territory> {
  const rows = await sql<{ insee: string; name: string; department: string; postcodes: string[]; population: number; lat: number; lng: number }[]>`
    select insee, min(name) as name, min(department) as department, array_agg(postcode order by postcode) as postcodes,
           coalesce(max(population), 0)::int as population, avg(lat)::float8 as lat, avg(lng)::float8 as lng
    from communes
    where department in ${sql([...BENCH_DEPARTMENTS])} and type = 'COM'
    group by insee order by insee`;
  if (rows.length === 0) throw new Error('no commune in the reference data for the benchmark departments');
  const communes = rows.map((r) => ({ ...r }));
  const byDepartment = new Map<string, SeedCommune[]>();
  for (const c of communes) byDepartment.set(c.department, [...(byDepartment.get(c.department) ?? []), c]);
  // Every commune gets at least a little weight: villages have a few offers too.
  return {
    communes,
    weights: communes.map((c) => Math.max(200, c.population)),
    byDepartment,
    byInsee: new Map(communes.map((c) => [c.insee, c])),
  };
}

/** What the offer index stores as romeLabel: the code's label and its job titles (as in src/modules/offers/rome.ts). */
export async function loadRomeLabels(sql: Sql): Promise<{ searchable: Map<string, string>; plain: Record<string, string> }> {
  const rows = await sql<{ code: string; label: string; searchable: string }[]>`
    select rc.code, rc.label,
           rc.label || coalesce(' ; ' || string_agg(ra.label, ' ; ' order by ra.label), '') as searchable
    from rome_codes rc left join rome_appellations ra on ra.rome_code = rc.code
    group by rc.code, rc.label`;
  return {
    searchable: new Map(rows.map((r) => [r.code, r.searchable])),
    plain: Object.fromEntries(rows.map((r) => [r.code, r.label])),
  };
}

/** A v4-shaped UUID drawn from the stream: stable ids without a database round trip. */
export function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(rng.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const daysBefore = (today: string, days: number, rng: Random) =>
  new Date(Date.parse(`${today}T08:00:00Z`) - days * 86_400_000 + rng.int(0, 10 * 3600) * 1000).toISOString();

export interface BenchSite extends SeedSite {
  id: string;
}

/**
 * Employers of the benchmark: each takes the trades and size of a demo employer and stands in
 * a commune drawn by population, at a point near the centre in towns (as the seed places them).
 */
export function benchSites(seed: number, territory: Territory, count: number): BenchSite[] {
  return Array.from({ length: count }, (_, i) => {
    const rng = createRandom(seed, `bench-site:${i}`);
    const employer: DemoEmployer = EMPLOYERS[i % EMPLOYERS.length]!;
    const commune = territory.communes[rng.weightedIndex(territory.weights)]!;
    const id = uuidFrom(rng);
    if (commune.population < 5000) return { id, employer, commune };
    const km = 0.2 + rng.next() * 2.5;
    const angle = rng.next() * 2 * Math.PI;
    const lat = commune.lat + (km * Math.cos(angle)) / 111;
    const lng = commune.lng + (km * Math.sin(angle)) / (111 * Math.cos((commune.lat * Math.PI) / 180));
    return { id, employer, commune, location: { lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) } };
  });
}

/** Offer #index as its search document: the seed's offer body, published (80 %), draft or closed. */
export function offerDocument(seed: number, index: number, site: BenchSite, today: string, romeLabels: Map<string, string>): OfferDocument {
  const { body, fate } = generateOffer(seed, index, site, today);
  const rng = createRandom(seed, `bench-offer:${index}`);
  const id = uuidFrom(rng);
  const published = (fate as OfferFate) === 'draft' ? null : daysBefore(today, rng.int(0, 90), rng);
  const location = site.location ?? { lat: site.commune.lat, lng: site.commune.lng };
  return {
    id,
    employerId: site.id,
    status: fate,
    title: body.title,
    description: body.description,
    romeCode: body.romeCode,
    romeLabel: romeLabels.get(body.romeCode) ?? body.romeCode,
    requiredSkills: body.requiredSkills ?? [],
    niceToHaveSkills: body.niceToHaveSkills ?? [],
    contractType: body.contractType,
    schedules: body.schedules,
    hoursPerWeek: body.hoursPerWeek,
    minEducationLevel: body.minEducationLevel ?? null,
    drivingLicenceRequired: body.drivingLicenceRequired ?? false,
    communeInsee: site.commune.insee,
    communeName: site.commune.name,
    location,
    positions: body.positions ?? 1,
    startDate: body.startDate ?? null,
    expiresAt: body.expiryDate ?? null,
    publishedAt: published,
    updatedAt: published ?? daysBefore(today, rng.int(0, 30), rng),
  };
}

/** Two Missions Locales per department: the scopes advisors search in. */
export function benchStructures(seed: number): Map<string, string[]> {
  const rng = createRandom(seed, 'bench-structures');
  return new Map(BENCH_DEPARTMENTS.map((d) => [d, [uuidFrom(rng), uuidFrom(rng)]]));
}

/**
 * Youth #index as the domain sees it: the seed's registration body, validated as the API would,
 * turned into the domain profile (with its commune and department).
 */
export function youthProfileOf(seed: number, index: number, territory: Territory, today: string) {
  const { department, body } = generateYouth(seed, index, territory.communes, today);
  const input = createYouthBody.parse(body);
  const rng = createRandom(seed, `bench-youth:${index}`);
  const id = uuidFrom(rng);
  const commune = territory.byInsee.get(input.communeInsee!)!;
  const updatedAt = daysBefore(today, rng.int(0, 120), rng);
  const profile: YouthProfile = {
    id,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate,
    gender: input.gender,
    email: input.email,
    phone: input.phone,
    address: input.address,
    communeInsee: commune.insee,
    postcode: input.postcode ?? commune.postcodes[0]!,
    nationality: input.nationality,
    photoUrl: input.photoUrl,
    qpv: input.qpv,
    rqth: input.rqth,
    targetRomeCodes: input.targetRomeCodes,
    skills: input.skills,
    languages: input.languages,
    educationLevel: input.educationLevel,
    experiences: input.experiences,
    availability: input.availability,
    contractTypes: input.contractTypes,
    mobility: input.mobility,
    barriers: input.barriers,
    consent: { anonymisedSharing: input.consent.anonymisedSharing, givenAt: input.consent.anonymisedSharing ? updatedAt : null },
  };
  return { profile, department, commune, updatedAt };
}

/**
 * Youth #index as its search document, projected by the real toYouthDocument (so the
 * anonymisation and the schedules a barrier rules out apply).
 */
export function youthDocument(
  seed: number,
  index: number,
  territory: Territory,
  structures: Map<string, string[]>,
  today: string,
  romeLabels: Record<string, string>,
): YouthDocument {
  const { profile, department, commune, updatedAt } = youthProfileOf(seed, index, territory, today);
  const scopes = structures.get(department)!;
  return toYouthDocument(profile, {
    structureId: scopes[index % scopes.length]!,
    location: { lat: commune.lat, lng: commune.lng },
    romeLabels,
    updatedAt,
  });
}

/** Documents `from`..`to` (exclusive) of a generator, built one batch at a time to bound memory. */
export function* batches<D>(count: number, size: number, make: (index: number) => D): Generator<D[]> {
  for (let from = 0; from < count; from += size) {
    const to = Math.min(count, from + size);
    yield Array.from({ length: to - from }, (_, k) => make(from + k));
  }
}
