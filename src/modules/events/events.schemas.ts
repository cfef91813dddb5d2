import { z } from '@hono/zod-openapi';
import { EVENT_KINDS, EVENT_STATUSES, EVENT_THEMES, REGISTRANT_KINDS, REGISTRATION_STATUSES } from '../../domain/event-lifecycle.js';
import { opportunitySummarySchema, scoreFields } from '../matches/index.js';
import { communeInseeSchema, emailSchema, listParam, pageQuery, phoneSchema, plainText, postcodeSchema, singleLineText, withCode } from '../../http/fields.js';

const instant = z.iso.datetime({ offset: true, error: 'A date and time with its offset, e.g. 2026-03-12T09:30:00+01:00.' });

const placeInput = z
  .object({
    address: singleLineText({ max: 200 }),
    communeInsee: communeInseeSchema.optional(),
    postcode: postcodeSchema.optional(),
  })
  .openapi('EventPlaceInput');

const eventFields = {
  kind: z.enum(EVENT_KINDS),
  title: singleLineText({ max: 200 }).openapi({ example: 'Forum de l’alternance du Forez' }),
  description: plainText({ max: 10_000 }),
  themes: z.array(z.enum(EVENT_THEMES)).max(EVENT_THEMES.length).transform((v) => [...new Set(v)]),
  startsAt: instant.openapi({ example: '2027-03-12T09:30:00+01:00' }),
  endsAt: instant.openapi({ example: '2027-03-12T17:00:00+01:00' }),
  registrationDeadline: instant.openapi({ example: '2027-03-11T12:00:00+01:00' }),
  place: placeInput.nullable(),
  onlineUrl: z.url({ protocol: /^https$/, error: 'An https:// link.' }).max(500).nullable(),
  youthCapacity: z.number().int().min(1, { error: 'At least one seat.' }).max(100_000),
  standCapacity: z.number().int().min(1, { error: 'At least one stand.' }).max(10_000).nullable(),
  isPublic: z.boolean(),
};

export const createEventBody = z
  .object({
    ...eventFields,
    place: eventFields.place.default(null),
    onlineUrl: eventFields.onlineUrl.default(null),
    standCapacity: eventFields.standCapacity.default(null),
    themes: eventFields.themes.default([]),
    isPublic: eventFields.isPublic.default(false),
    structureId: z.uuid().optional().openapi({ description: 'Admins only: the structure that runs the event.' }),
  })
  .openapi('CreateEvent');
export type CreateEventInput = z.infer<typeof createEventBody>;

export const updateEventBody = z
  .object({
    title: eventFields.title.optional(),
    description: eventFields.description.optional(),
    themes: eventFields.themes.optional(),
    startsAt: eventFields.startsAt.optional(),
    endsAt: eventFields.endsAt.optional(),
    registrationDeadline: eventFields.registrationDeadline.optional(),
    place: eventFields.place.optional(),
    onlineUrl: eventFields.onlineUrl.optional(),
    youthCapacity: eventFields.youthCapacity.optional(),
    standCapacity: eventFields.standCapacity.optional(),
    isPublic: eventFields.isPublic.optional(),
    moveToWaitlist: z
      .array(z.uuid())
      .max(100_000)
      .optional()
      .openapi({ description: 'When the capacity goes below the confirmed count: the registrations that move to the head of the waitlist.' }),
  })
  .openapi('UpdateEvent');
export type UpdateEventInput = z.infer<typeof updateEventBody>;

export const eventSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    kind: z.enum(EVENT_KINDS),
    status: z.enum(EVENT_STATUSES),
    title: z.string(),
    description: z.string(),
    themes: z.array(z.enum(EVENT_THEMES)),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    registrationDeadline: z.iso.datetime(),
    place: z
      .object({ address: z.string(), communeInsee: z.string(), communeName: z.string(), postcode: z.string().nullable(), location: z.object({ lat: z.number(), lng: z.number() }) })
      .nullable(),
    onlineUrl: z.string().nullable(),
    youthCapacity: z.number().int(),
    standCapacity: z.number().int().nullable(),
    isPublic: z.boolean(),
    seats: z.object({
      youthConfirmed: z.number().int().openapi({ description: 'Seats taken: confirmed, then on the day attended or marked absent (so are standsConfirmed).' }),
      youthWaitlisted: z.number().int(),
      standsConfirmed: z.number().int(),
      standsWaitlisted: z.number().int(),
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Event');

export const eventListQuery = pageQuery
  .extend({
    from: z.iso.date().optional().openapi({ description: 'Events ending on or after this day (Europe/Paris).' }),
    to: z.iso.date().optional().openapi({ description: 'Events starting on or before this day (Europe/Paris).' }),
    kind: z.enum(EVENT_KINDS).optional(),
    theme: listParam(z.enum(EVENT_THEMES)),
    status: z.enum(EVENT_STATUSES).optional(),
    commune: communeInseeSchema.optional(),
    radius: z.coerce.number().positive().max(200).optional().openapi({ description: 'km around `commune` (default 20).' }),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], ...withCode('end_before_start', 'to is before from.') });
    if (v.radius !== undefined && !v.commune) ctx.addIssue({ code: 'custom', path: ['radius'], ...withCode('needs_place', 'A radius needs a commune.') });
  });
export type EventListQuery = z.infer<typeof eventListQuery>;

export const registerBody = z
  .object({
    youthId: z.uuid().optional().openapi({ description: 'Advisors: the youth of their structure to register.' }),
    offerIds: z.array(z.uuid()).max(50).optional().openapi({ description: 'Employers: the offers they bring to their stand.' }),
  })
  .openapi('RegisterToEvent');
export type RegisterInput = z.infer<typeof registerBody>;

export const registrationSchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    kind: z.enum(REGISTRANT_KINDS),
    status: z.enum(REGISTRATION_STATUSES),
    waitlistPosition: z.number().int().nullable(),
    youthId: z.uuid().nullable(),
    employerId: z.uuid().nullable(),
    offerIds: z.array(z.uuid()),
    name: z.string().nullable().openapi({ description: 'The person or organisation registered, for the organiser.' }),
    structureName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('EventRegistration');
export type RegistrationDto = z.infer<typeof registrationSchema>;

export const registrationListQuery = pageQuery.extend({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  kind: z.enum(REGISTRANT_KINDS).optional(),
});
export type RegistrationListQuery = z.infer<typeof registrationListQuery>;

export const registrationParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  rid: z.uuid().openapi({ param: { name: 'rid', in: 'path' } }),
});

export const eventStatsSchema = z
  .object({
    byStatus: z.record(z.enum(REGISTRATION_STATUSES), z.number().int()),
    byKind: z.record(z.enum(REGISTRANT_KINDS), z.record(z.enum(REGISTRATION_STATUSES), z.number().int())),
    byStructure: z.array(z.object({ structureId: z.uuid().nullable(), structureName: z.string().nullable(), registered: z.number().int(), attended: z.number().int(), noShows: z.number().int() })),
  })
  .openapi('EventStatistics');

/** A member of the public asks to register to a published public event (JSON, or the form of its page). */
export const publicRegistrationBody = z
  .object({
    fullName: singleLineText({ max: 200 }),
    email: emailSchema,
    // An empty field of the form means no phone.
    phone: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), phoneSchema.optional()),
  })
  .openapi('PublicRegistration');
export type PublicRegistrationInput = z.infer<typeof publicRegistrationBody>;

export const publicRegistrationAnswer = z
  .object({
    status: z.literal('pending_confirmation'),
    holdHours: z.number(),
    message: z.string(),
  })
  .openapi('PublicRegistrationAnswer', {
    description: 'The same answer whether or not the address was already registered: the next step is in the e-mail.',
  });

export const jobDatingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10).openapi({ description: 'Offers per youth, best first.' }),
});

const employerRef = z.object({ id: z.uuid(), name: z.string() });
export const jobDatingSchema = z
  .object({
    eventId: z.uuid(),
    employers: z.array(employerRef).openapi({ description: 'The employers holding a confirmed stand.' }),
    items: z.array(
      z.object({
        youth: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
        suggestions: z.array(z.object({ employer: employerRef, opportunity: opportunitySummarySchema, ...scoreFields })),
      }),
    ),
  })
  .openapi('JobDating', { description: 'For each youth of your structure registered to the forum, the offers of the employers present that fit them, ranked and explained.' });
