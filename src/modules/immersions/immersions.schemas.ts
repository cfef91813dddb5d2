import { z } from '@hono/zod-openapi';
import { AGREEMENT_STATUSES, ATTENDANCE, IMMERSION_OBJECTIVES, SIGNATORY_PARTIES } from '../../domain/immersion-agreement-lifecycle.js';
import { calendarDate, emailSchema, pageQuery, phoneSchema, plainText, singleLineText } from '../../http/fields.js';

const name = singleLineText({ max: 120 });
const time = z.string().openapi({ example: '09:00', description: 'HH:MM, 00:00 to 24:00.' });

const scheduleDay = z
  .object({
    date: calendarDate,
    ranges: z
      .array(z.object({ from: time, to: time }))
      .min(1, { error: 'Give at least one time range for a working day.' })
      .max(4),
  })
  .openapi('ImmersionScheduleDay');

const person = z.object({ name, role: name, email: emailSchema, phone: phoneSchema });

const agreementFields = {
  startDate: calendarDate,
  endDate: calendarDate,
  schedule: z.array(scheduleDay).max(31).openapi({ description: 'Day by day: the working hours of each day worked.' }),
  objective: z.enum(IMMERSION_OBJECTIVES).openapi({ description: 'Discover a trade, confirm a career plan, or start a recruitment.' }),
  activities: plainText({ max: 5_000 }),
  skillsToObserve: z.array(singleLineText({ max: 200 })).max(30).default([]),
  /** The company tutor follows the young person during the immersion and assesses it. */
  tutor: person.openapi('ImmersionTutorInput'),
  /** Who signs for the employer. */
  employerRepresentative: person.openapi('EmployerRepresentativeInput'),
  /** Required when the youth is a minor on the first day. */
  legalRepresentative: z.object({ name, email: emailSchema, phone: phoneSchema }).nullable().optional().openapi('LegalRepresentativeInput'),
};

/**
 * One concept: an immersion comes from an immersion slot (`slotId`), from an accepted match
 * (`matchId`: the youth, the employer and the slot come from it), or is agreed directly with an
 * employer (`employerId`); see README "Immersions".
 */
export const createAgreementBody = z
  .object({
    youthId: z.uuid().optional().openapi({ description: 'Required unless the agreement comes from a match.' }),
    slotId: z.uuid().optional().openapi({ description: 'The immersion slot it fills (one place of its capacity).' }),
    employerId: z.uuid().optional().openapi({ description: 'The employer, for an immersion agreed directly (no slot).' }),
    matchId: z.uuid().optional().openapi({
      description: 'The accepted match it comes from: the youth, the employer and the slot are taken from it (the same values may be repeated, other ones are refused).',
    }),
    ...agreementFields,
  })
  .superRefine((v, ctx) => {
    if (v.matchId !== undefined) return;
    if (v.youthId === undefined)
      ctx.addIssue({ code: 'custom', path: ['youthId'], message: 'Give the youth (youthId), or the accepted match (matchId) the immersion comes from.', params: { code: 'required' } });
    if ((v.slotId === undefined) === (v.employerId === undefined))
      ctx.addIssue({ code: 'custom', path: ['slotId'], message: 'Give either the slot (slotId) or the employer (employerId).', params: { code: 'slot_or_employer' } });
  })
  .openapi('CreateImmersionAgreement');
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

/** Every field optional; tutor and representatives are replaced as a whole. */
export const updateAgreementBody = z
  .object({
    startDate: agreementFields.startDate.optional(),
    endDate: agreementFields.endDate.optional(),
    schedule: agreementFields.schedule.optional(),
    objective: agreementFields.objective.optional(),
    activities: agreementFields.activities.optional(),
    skillsToObserve: z.array(singleLineText({ max: 200 })).max(30).optional(),
    tutor: agreementFields.tutor.optional(),
    employerRepresentative: agreementFields.employerRepresentative.optional(),
    legalRepresentative: agreementFields.legalRepresentative,
  })
  .openapi('UpdateImmersionAgreement');
export type UpdateAgreementInput = z.infer<typeof updateAgreementBody>;

export const reasonBody = z.object({ reason: plainText({ max: 2_000 }) }).openapi('Reason');

const signatureSchema = z
  .object({
    party: z.enum(SIGNATORY_PARTIES),
    name: z.string(),
    email: z.string(),
    signedAt: z.iso.datetime().nullable(),
    signedFromIp: z.string().nullable(),
  })
  .openapi('ImmersionSignature');

const contact = z.object({ name: z.string(), role: z.string(), email: z.string(), phone: z.string() });

export const agreementSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(AGREEMENT_STATUSES),
    structureId: z.uuid(),
    youth: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() }),
    employer: z.object({ id: z.uuid(), name: z.string() }),
    slotId: z.uuid().nullable(),
    matchId: z.uuid().nullable().openapi({ description: 'The accepted match it came from, if any.' }),
    startDate: z.string(),
    endDate: z.string(),
    schedule: z.array(z.object({ date: z.string(), ranges: z.array(z.object({ from: z.string(), to: z.string() })) })),
    totalHours: z.number(),
    objective: z.enum(IMMERSION_OBJECTIVES),
    activities: z.string(),
    skillsToObserve: z.array(z.string()),
    tutor: contact,
    employerRepresentative: contact,
    legalRepresentative: z.object({ name: z.string(), email: z.string(), phone: z.string() }).nullable(),
    signatures: z.array(signatureSchema).openapi({ description: 'One per signatory of the current round.' }),
    closingReason: z.string().nullable(),
    validatedAt: z.iso.datetime().nullable(),
    assessment: z
      .object({
        attendance: z.enum(ATTENDANCE),
        skillsObserved: z.array(z.string()),
        wouldHire: z.boolean(),
        comments: z.string().nullable(),
        assessedAt: z.iso.datetime(),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('ImmersionAgreement');
export type AgreementDto = z.infer<typeof agreementSchema>;

export const agreementListQuery = pageQuery.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  youthId: z.uuid().optional(),
  matchId: z.uuid().optional().openapi({ description: 'The agreements prepared from this match.' }),
});
export type AgreementListQuery = z.infer<typeof agreementListQuery>;
