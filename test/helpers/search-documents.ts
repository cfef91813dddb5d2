/** Search documents for engine tests: valid by default, any field overridden. */
import { randomUUID } from 'node:crypto';
import type { GeoPoint, ImmersionSlotDocument, OfferDocument, YouthDocument } from '../../src/adapters/search/documents.js';

export const LYON: GeoPoint = { lat: 45.764043, lng: 4.835659 };

export function offer(overrides: Partial<OfferDocument> = {}): OfferDocument {
  return {
    id: randomUUID(),
    employerId: randomUUID(),
    status: 'published',
    title: 'Employé polyvalent',
    description: 'Mise en rayon et accueil des clients.',
    romeCode: 'D1507',
    romeLabel: 'Employé / Employée de rayon',
    requiredSkills: [],
    niceToHaveSkills: [],
    contractType: 'CDD',
    schedules: ['day'],
    hoursPerWeek: 35,
    minEducationLevel: null,
    drivingLicenceRequired: false,
    communeInsee: '69123',
    communeName: 'Lyon',
    location: LYON,
    positions: 1,
    startDate: null,
    expiresAt: null,
    publishedAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

export function slot(overrides: Partial<ImmersionSlotDocument> = {}): ImmersionSlotDocument {
  return {
    id: randomUUID(),
    employerId: randomUUID(),
    status: 'open',
    title: 'Découverte du métier de fleuriste',
    romeCode: 'D1209',
    romeLabel: 'Fleuriste',
    activities: 'Composition de bouquets, accueil',
    schedules: ['day'],
    hoursPerWeek: 30,
    communeInsee: '69123',
    communeName: 'Lyon',
    location: LYON,
    capacity: 1,
    availableFrom: '2026-04-01',
    availableTo: '2026-06-30',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

export function youth(overrides: Partial<YouthDocument> = {}): YouthDocument {
  return {
    id: randomUUID(),
    structureId: randomUUID(),
    pseudonym: 'Candidat·e 7F3A',
    targetRomeCodes: ['G1602'],
    romeLabels: ['Cuisinier / Cuisinière'],
    skills: ['Dressage des assiettes'],
    educationLevel: '3',
    languages: ['français'],
    experiences: ['Commis de cuisine, 6 mois'],
    contractTypes: ['CDI'],
    schedules: ['day', 'evening'],
    availableFrom: null,
    location: LYON,
    searchable: true,
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}
