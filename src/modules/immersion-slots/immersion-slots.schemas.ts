import { z } from '@hono/zod-openapi';
import { SCHEDULES } from '../../domain/youth-profile.js';
import { workplaceInput, workplaceSchema } from '../reference/index.js';
import { SLOT_STATUSES } from '../../domain/immersion-slot-lifecycle.js';
import { calendarDate, emailSchema, hoursPerWeekInput, notPastDate, pageQuery, phoneSchema, plainText, romeCodeSchema, schedulesInput, singleLineText } from '../../http/fields.js';

const name = singleLineText({ max: 120 });

/** The company tutor follows the young person during the immersion (DOMAIN.md: named, with e-mail and phone). */
export const tutorInput = z
  .object({ name, job: name, email: emailSchema, phone: phoneSchema })
  .openapi('TutorInput');

export const tutorSchema = z
  .object({ name: z.string(), job: z.string(), email: z.string(), phone: z.string() })
  .openapi('Tutor');

const slotFields = {
  romeCode: romeCodeSchema,
  appellationOgr: z
    .number()
    .int()
    .positive()
    .max(999_999)
    .openapi({ description: 'A ROME job title (appellation, its OGR code): it implies the ROME code.', example: 14863 }),
  activities: plainText({ max: 5_000 }).openapi({ example: 'Mise en rayon, accueil des clients, encaissement.' }),
  workplace: workplaceInput,
  tutor: tutorInput,
  capacity: z.number().int().min(1).max(100).openapi({ description: 'How many young people at a time.' }),
  availableFrom: calendarDate,
  availableTo: notPastDate,
  schedules: schedulesInput,
  hoursPerWeek: hoursPerWeekInput,
};

export const createSlotBody = z
  .object({
    ...slotFields,
    romeCode: slotFields.romeCode.optional(),
    appellationOgr: slotFields.appellationOgr.optional(),
    capacity: slotFields.capacity.default(1),
    employerId: z.uuid().optional().openapi({ description: 'Admins only: the employer organisation the slot belongs to.' }),
  })
  .superRefine((v, ctx) => {
    if (v.romeCode === undefined && v.appellationOgr === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['romeCode'],
        message: 'Give the occupation: a ROME code or a job title (appellationOgr).',
        params: { code: 'required' },
      });
  })
  .openapi('CreateImmersionSlot');
export type CreateSlotInput = z.infer<typeof createSlotBody>;

/** Every field optional; `workplace` and `tutor` are replaced as a whole; appellationOgr null clears it. */
export const updateSlotBody = z
  .object({
    romeCode: slotFields.romeCode.optional(),
    appellationOgr: slotFields.appellationOgr.nullable().optional(),
    activities: slotFields.activities.optional(),
    workplace: slotFields.workplace.optional(),
    tutor: slotFields.tutor.optional(),
    capacity: slotFields.capacity.optional(),
    availableFrom: slotFields.availableFrom.optional(),
    availableTo: slotFields.availableTo.optional(),
    schedules: slotFields.schedules.optional(),
    hoursPerWeek: slotFields.hoursPerWeek.optional(),
  })
  .openapi('UpdateImmersionSlot');
export type UpdateSlotInput = z.infer<typeof updateSlotBody>;

export const slotSchema = z
  .object({
    id: z.uuid(),
    employerId: z.uuid(),
    employerName: z.string(),
    status: z.enum(SLOT_STATUSES),
    /** The job title when one was chosen, otherwise the ROME label. */
    title: z.string(),
    romeCode: z.string(),
    romeLabel: z.string(),
    appellation: z.object({ ogr: z.number().int(), label: z.string() }).nullable(),
    activities: z.string(),
    workplace: workplaceSchema,
    tutor: tutorSchema,
    capacity: z.number().int(),
    availableFrom: z.string(),
    availableTo: z.string(),
    schedules: z.array(z.enum(SCHEDULES)),
    hoursPerWeek: z.number(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('ImmersionSlot');
export type SlotDto = z.infer<typeof slotSchema>;

export const slotListQuery = pageQuery.extend({
  status: z.enum(SLOT_STATUSES).optional(),
  employerId: z.uuid().optional(),
});
export type SlotListQuery = z.infer<typeof slotListQuery>;
