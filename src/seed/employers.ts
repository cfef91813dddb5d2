import type { z } from '@hono/zod-openapi';
import type { Gender, Schedule } from '../domain/youth-profile.js';
import type { createSlotBody } from '../modules/immersion-slots/immersion-slots.schemas.js';
import type { createOfferBody } from '../modules/offers/offers.schemas.js';
import { EMPLOYERS, OFFER_CLOSINGS, OFFER_OPENINGS, SOFT_SKILLS, TUTOR_JOBS, type DemoEmployer } from './data.js';
import { createRandom } from './random.js';
import {
  addDays,
  fictionPhone,
  genderedTitle,
  listInFrench,
  lowerFirst,
  occupation,
  pickName,
  schedulesFrom,
  sectorOf,
  slug,
  type SeedCommune,
} from './common.js';

/** The employers of the demo territory: where they stand, their offers and immersion slots. */
export type OfferBody = z.input<typeof createOfferBody>;
export type SlotBody = z.input<typeof createSlotBody>;


/** An employer of seed-data.ts with its commune and the point where it stands. */
export interface SeedSite {
  employer: DemoEmployer;
  commune: SeedCommune;
  /** Absent: the commune's centre (small communes). */
  location?: { lat: number; lng: number };
}

// --- Employers' sites ---

/** Where each employer of seed-data.ts stands: its commune, and a point near its centre in towns. */
export function employerSites(seed: number, communes: Map<string, SeedCommune>, count = EMPLOYERS.length): SeedSite[] {
  return EMPLOYERS.slice(0, count).map((employer, i) => {
    const commune = communes.get(employer.insee);
    if (!commune) throw new Error(`seed data: ${employer.name} is in ${employer.insee}, not a commune of the Loire or the Haute-Loire`);
    if (commune.population < 5000) return { employer, commune };
    const rng = createRandom(seed, `site:${i}`);
    const km = 0.2 + rng.next() * 1.3;
    const angle = rng.next() * 2 * Math.PI;
    const lat = commune.lat + (km * Math.cos(angle)) / 111;
    const lng = commune.lng + (km * Math.sin(angle)) / (111 * Math.cos((commune.lat * Math.PI) / 180));
    return { employer, commune, location: { lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) } };
  });
}

/** Spreads `count` items over weighted owners: one each first (while they last), the rest by weight. */
export function spread(seed: number, label: string, weights: number[], count: number): number[] {
  const rng = createRandom(seed, label);
  const owners = weights.map((_, i) => i).filter((i) => weights[i]! > 0);
  return Array.from({ length: count }, (_, k) => (k < owners.length ? owners[k]! : rng.weightedIndex(weights)));
}

const workplaceOf = (site: SeedSite) => ({
  communeInsee: site.commune.insee,
  ...(site.employer.postcode ? { postcode: site.employer.postcode } : {}),
  ...(site.location ? { location: site.location } : {}),
});

// --- Offers ---

export type OfferFate = 'published' | 'draft' | 'closed';

/** How many people an offer is for: a bakery hires one, a warehouse several. */
const POSITIONS: Record<DemoEmployer['size'], Record<string, number>> = {
  1: { 1: 90, 2: 10 },
  2: { 1: 70, 2: 20, 3: 10 },
  3: { 1: 55, 2: 25, 3: 12, 5: 8 },
};

export function generateOffer(seed: number, index: number, site: SeedSite, today: string): { body: OfferBody; fate: OfferFate } {
  const rng = createRandom(seed, `offer:${index}`);
  const code = rng.pick(site.employer.codes);
  const job = occupation(code);
  const { sector } = sectorOf(code);
  const contractType = rng.weighted(sector.contracts);
  const apprentice = contractType === 'apprenticeship' || contractType === 'professional_contract';
  const plainTitles = job.titles.filter((t) => !t.startsWith('Apprenti'));
  const title =
    contractType === 'apprenticeship'
      ? (job.titles.find((t) => t.startsWith('Apprenti')) ?? `${rng.pick(plainTitles)} en apprentissage`)
      : contractType === 'professional_contract'
        ? `${rng.pick(plainTitles)} en contrat de professionnalisation`
        : rng.pick(plainTitles);
  const hoursPerWeek = apprentice ? 35 : rng.pick(sector.hours);
  const schedules = / de nuit$/.test(title) ? (['night', 'weekend'] satisfies Schedule[]) : schedulesFrom(rng, sector.schedules);
  const requiredSkills = rng.sample(job.skills, rng.int(2, 3));
  const niceToHaveSkills = rng.sample(
    [...job.skills.filter((s) => !requiredSkills.includes(s)), ...SOFT_SKILLS],
    rng.int(0, 2),
  );
  const when = listInFrench(schedules.map((s) => ({ day: 'en journée', evening: 'en soirée', night: 'de nuit', weekend: 'le week-end' })[s]));
  const description = [
    rng.pick(OFFER_OPENINGS).replace('{title}', lowerFirst(title)),
    `Vos missions : ${listInFrench(rng.sample(job.tasks, 3))}.`,
    `Horaires : ${when}, ${hoursPerWeek} h par semaine.`,
    rng.pick(OFFER_CLOSINGS),
  ].join('\n');
  const fate = rng.weighted<OfferFate>({ published: 80, draft: 12, closed: 8 });

  return {
    fate,
    body: {
      title,
      romeCode: code,
      description,
      requiredSkills,
      niceToHaveSkills,
      contractType,
      hoursPerWeek,
      schedules,
      minEducationLevel: job.minEducation && rng.chance(0.7) ? job.minEducation : rng.chance(0.25) ? 'none' : null,
      drivingLicenceRequired: rng.chance(job.licence ?? 0),
      workplace: workplaceOf(site),
      positions: Number(rng.weighted(POSITIONS[site.employer.size])),
      startDate: contractType === 'seasonal' || rng.chance(0.6) ? addDays(today, rng.int(3, 45)) : null,
      expiryDate: rng.chance(0.7) ? addDays(today, rng.int(45, 90)) : null, // after any start date
    },
  };
}

// --- Immersion slots ---

export function generateSlot(
  seed: number,
  index: number,
  site: SeedSite,
  today: string,
  appellations: Map<string, number[]>,
): { body: SlotBody; closed: boolean } {
  const rng = createRandom(seed, `slot:${index}`);
  const code = rng.pick(site.employer.codes);
  const job = occupation(code);
  const { key } = sectorOf(code);
  const trade = sectorOf(site.employer.codes[0]!).key;
  const ogrs = appellations.get(code) ?? [];
  const tutorGender = rng.pick<Gender>(['female', 'male']);
  const tutor = pickName(rng, tutorGender);
  const domain = site.employer.contact.split('@')[1]!;
  const availableFrom = addDays(today, rng.int(-20, 30));
  const availableTo = addDays(availableFrom, rng.int(60, 180));

  return {
    closed: rng.chance(0.05),
    body: {
      // Half the slots name a precise job title, which implies the ROME code.
      ...(ogrs.length > 0 && rng.chance(0.5) ? { appellationOgr: rng.pick(ogrs) } : { romeCode: code }),
      activities:
        `Découverte du métier : ${listInFrench(rng.sample(job.tasks, 3))}. ` +
        'Vous serez accompagné·e par votre tuteur ou tutrice pendant toute l’immersion.',
      workplace: workplaceOf(site),
      tutor: {
        name: `${tutor.first} ${tutor.last}`,
        job: genderedTitle(rng.pick(TUTOR_JOBS[trade] ?? ['Responsable']), tutorGender),
        email: `${slug(tutor.first)}.${slug(tutor.last)}@${domain}`,
        phone: fictionPhone(9_999 - index, index),
      },
      capacity: Number(rng.weighted({ 1: 75, 2: 20, 3: 5 })),
      availableFrom,
      availableTo,
      schedules: schedulesFrom(rng, { evening: 0, night: 0, weekend: key === 'retail' || key === 'catering' ? 0.3 : 0 }),
      hoursPerWeek: rng.pick([24, 28, 30, 35, 35]),
    },
  };
}
