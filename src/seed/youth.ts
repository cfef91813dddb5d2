import type { z } from '@hono/zod-openapi';
import type { Barrier, ContractType, EducationLevel, Gender, LanguageLevel, TransportMode } from '../domain/youth-profile.js';
import type { createYouthBody } from '../modules/youth/youth.schemas.js';
import { EXPERIENCE_OPENINGS, GENERIC_EXPERIENCES, MAIL_DOMAINS, NAME_POOLS, QPV_COMMUNES, SECTORS, SOFT_SKILLS, STREETS } from './data.js';
import { createRandom, type Random } from './random.js';
import {
  addDays,
  capitalise,
  fictionPhone,
  genderedTitle,
  listInFrench,
  occupation,
  pickName,
  schedulesFrom,
  slug,
  type SeedCommune,
} from './common.js';
import { ageOn } from '../domain/age.js';

/** The youth of the demo territory, as their advisor would register them. */
export type YouthBody = z.input<typeof createYouthBody>;

/** A birth date giving exactly `age` on `today`, `daysPastBirthday` days after the last birthday. */
export function birthDateFor(age: number, today: string, daysPastBirthday: number): string {
  const anniversary = `${Number(today.slice(0, 4)) - age}${today.slice(4)}`;
  // 29 February of a common year does not exist: Date rolls it to 1 March, fixed below.
  let birth = addDays(anniversary.endsWith('-02-29') ? anniversary.replace('-02-29', '-02-28') : anniversary, -daysPastBirthday);
  while (ageOn(birth, today) < age) birth = addDays(birth, 1);
  while (ageOn(birth, today) > age) birth = addDays(birth, -1);
  return birth;
}

/** Ages of the youth followed: few minors, most between 18 and 22. */
const AGE_WEIGHTS: Record<string, number> = { 16: 3, 17: 6, 18: 12, 19: 14, 20: 14, 21: 13, 22: 12, 23: 10, 24: 9, 25: 7 };

export interface GeneratedYouth {
  department: string;
  body: YouthBody;
}

/** Youth #index of the territory: where they live, who they are, what they look for. */
export function generateYouth(seed: number, index: number, communes: SeedCommune[], today: string): GeneratedYouth {
  const rng = createRandom(seed, `youth:${index}`);
  const commune = communes[rng.weightedIndex(communes.map((c) => c.population))]!;
  const age = Number(rng.weighted(AGE_WEIGHTS));
  const minor = age < 18;
  const gender = rng.weighted<Gender>({ female: 47, male: 48, non_binary: 1, undisclosed: 4 });
  const { pool, first, last } = pickName(rng, gender);
  const french = pool === NAME_POOLS.french;
  // Arrived in France recently: French still being learnt, papers to sort out.
  const newcomer = !french && !minor && rng.chance(0.12);
  const rural = commune.population < 2000;
  const urban = commune.population >= 10_000;

  const sectors = Object.entries(SECTORS).filter(([, s]) => !minor || s.openToMinors);
  const [, sector] = sectors[rng.weightedIndex(sectors.map(([, s]) => s.youthWeight))]!;
  const targets = [rng.pick(sector.codes)];
  if (rng.chance(0.5)) targets.push(rng.pick(sector.codes));
  if (rng.chance(0.25)) targets.push(rng.pick(rng.pick(sectors)[1].codes));
  const targetRomeCodes = [...new Set(targets)];

  const experienceCount = minor ? rng.weightedIndex([50, 50]) : rng.weightedIndex([25, 40, 25, 10]);
  const experiences = Array.from({ length: experienceCount }, () => experienceFor(rng, targetRomeCodes, age, gender));
  const skillSources = [...targetRomeCodes, ...experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : []))];
  const skills = [
    ...skillSources.flatMap((code) => rng.sample(occupation(code).skills, rng.int(1, 3))),
    ...rng.sample(SOFT_SKILLS, rng.int(0, 2)),
  ].slice(0, 12);

  const languages: { code: string; level: LanguageLevel }[] = [
    { code: 'fr', level: newcomer ? rng.pick(['A2', 'B1', 'B1', 'B2'] as const) : 'native' },
  ];
  if (pool.languages.length > 0 && (newcomer || rng.chance(0.45)))
    languages.push({ code: rng.pick(pool.languages), level: newcomer ? 'native' : rng.pick(['B1', 'B2', 'C1', 'native'] as const) });
  if (rng.chance(0.6)) languages.push({ code: 'en', level: rng.weighted({ A1: 20, A2: 40, B1: 30, B2: 10 }) });
  if (rng.chance(0.12) && !languages.some((l) => l.code === 'es')) languages.push({ code: 'es', level: rng.pick(['A1', 'A2', 'B1'] as const) });

  const educationLevel: EducationLevel = minor
    ? rng.weighted<EducationLevel>({ none: 60, '3': 40 })
    : newcomer
      ? rng.weighted<EducationLevel>({ none: 70, '3': 10, '4': 15, '5': 5 })
      : rng.weighted<EducationLevel>(age >= 20 ? { none: 30, '3': 32, '4': 26, '5': 8, '6': 3, '7': 1 } : { none: 35, '3': 35, '4': 30 });

  const licence = !minor && rng.chance(Math.min(0.9, (age <= 19 ? 0.2 : age <= 22 ? 0.35 : 0.5) + (rural ? 0.15 : 0)));
  const modes: TransportMode[] = [];
  if (rng.chance(0.8)) modes.push('walk');
  if (rng.chance(0.15)) modes.push('bike');
  if (rng.chance(urban ? 0.85 : rural ? 0.25 : 0.5)) modes.push('public_transport');
  if (rng.chance(rural ? 0.2 : 0.05)) modes.push('moped');
  if (licence && rng.chance(rural ? 0.75 : 0.55)) modes.push('car');
  if (modes.length === 0) modes.push('walk');
  const maxCommuteMinutes = rng.pick(rural ? [30, 40, 45, 50, 60] : [20, 25, 30, 30, 35, 40, 45, 45, 50, 60]);

  const barriers = barriersFor(rng, { age, newcomer, licence, isolated: rural || !modes.includes('public_transport') });
  let schedules = schedulesFrom(rng, { evening: 0.35, night: minor ? 0 : 0.1, weekend: 0.4 });
  // A few (students, parents sharing childcare) are free only in the evening or at weekends.
  if (rng.chance(0.05) && schedules.length > 1) schedules = schedules.filter((s) => s !== 'day');
  // Childcare rules out nights and weekends (DOMAIN.md).
  if (barriers.includes('childcare')) schedules = schedules.filter((s) => s !== 'night' && s !== 'weekend');
  if (schedules.length === 0) schedules = ['day'];

  return {
    department: commune.department,
    body: {
      firstName: first,
      lastName: last,
      birthDate: birthDateFor(age, today, rng.int(0, 364)),
      gender,
      email: `${slug(first)}${rng.pick(['.', '', '-'])}${slug(last)}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(MAIL_DOMAINS)}`,
      phone: fictionPhone(index, rng.int(0, 2)),
      address: rng.chance(0.85) ? `${rng.int(1, 120)}${rng.chance(0.05) ? ' bis' : ''} ${rng.pick(STREETS)}` : null,
      communeInsee: commune.insee,
      postcode: rng.pick(commune.postcodes),
      nationality: rng.chance(0.04) ? null : !french && (newcomer || rng.chance(0.1)) ? rng.pick(pool.countries) : 'FR',
      qpv: QPV_COMMUNES.includes(commune.insee) && rng.chance(0.35),
      rqth: rng.chance(0.06),
      targetRomeCodes,
      skills,
      languages,
      educationLevel,
      experiences,
      availability: {
        from: addDays(today, rng.int(-45, 30)),
        maxHoursPerWeek: rng.pick(minor ? [20, 24, 28, 35] : [20, 24, 28, 30, 35, 35, 35, 39]),
        schedules,
      },
      contractTypes: contractTypesFor(rng, age),
      mobility: { modes, drivingLicence: licence, maxCommuteMinutes },
      barriers,
      consent: { anonymisedSharing: rng.chance(0.85) },
    },
  };
}

function experienceFor(rng: Random, targets: string[], age: number, gender: Gender) {
  const kind = age < 18 ? rng.weighted({ generic: 60, target: 40 }) : rng.weighted({ target: 55, other: 25, generic: 20 });
  if (kind === 'generic') {
    const generic = rng.pick(age < 18 ? GENERIC_EXPERIENCES.slice(0, 2) : GENERIC_EXPERIENCES);
    return { title: generic.title, romeCode: null, months: rng.int(1, 6), description: generic.description };
  }
  const code = kind === 'target' ? rng.pick(targets) : rng.pick(rng.pick(Object.values(SECTORS)).codes);
  const job = occupation(code);
  const tasks = rng.sample(job.tasks, rng.int(1, 3));
  const months = age < 18 ? 1 : rng.int(1, Math.min(24, (age - 17) * 6));
  const lead = rng.pick(EXPERIENCE_OPENINGS);
  return {
    title: genderedTitle(rng.pick(job.experienceTitles), gender === 'female' || gender === 'male' ? gender : rng.pick(['female', 'male'] as const)),
    romeCode: rng.chance(0.85) ? code : null,
    months,
    description: `${lead}${lead ? listInFrench(tasks) : capitalise(listInFrench(tasks))}.`,
  };
}

function barriersFor(rng: Random, y: { age: number; newcomer: boolean; licence: boolean; isolated: boolean }): Barrier[] {
  if (rng.chance(y.newcomer ? 0.2 : 0.5)) return [];
  const weights: Partial<Record<Barrier, number>> = {
    mobility: !y.licence && y.isolated ? 5 : 1,
    confidence: 3,
    housing: 2,
    administrative: y.newcomer ? 6 : 1,
    health: 1.5,
    childcare: y.age >= 19 ? 1.5 : 0,
  };
  const first = rng.weighted(weights);
  if (!rng.chance(0.3)) return [first];
  delete weights[first];
  return [first, rng.weighted(weights)];
}

function contractTypesFor(rng: Random, age: number): ContractType[] {
  const wanted: Partial<Record<ContractType, number>> =
    age < 18
      ? { apprenticeship: 0.85, immersion: 0.5, seasonal: 0.25, cdd: 0.15 }
      : { cdi: 0.6, cdd: 0.65, interim: 0.35, apprenticeship: age <= 23 ? 0.35 : 0.15, professional_contract: 0.2, seasonal: 0.15, immersion: 0.3 };
  const types = (Object.entries(wanted) as [ContractType, number][]).filter(([, p]) => rng.chance(p)).map(([t]) => t);
  return types.length > 0 ? types : [age < 18 ? 'apprenticeship' : 'cdd'];
}
