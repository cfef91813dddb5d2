import { z } from '@hono/zod-openapi';
import { ROLES } from '../../core/actor.js';
import { isValidSiret } from '../../domain/siret.js';
import { communeInseeSchema, emailSchema, singleLineText } from '../../http/fields.js';

export const passwordSchema = z
  .string()
  .min(12, { error: 'At least 12 characters.' })
  .max(256)
  .openapi({ example: 'correct horse battery staple' });

const name = singleLineText({ max: 120 });
export const roleSchema = z.enum(ROLES);

export const siretSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .refine(isValidSiret, { error: 'Not a valid SIRET (14 digits with a valid checksum).', params: { code: 'invalid_siret' } })
  .openapi({ example: '73282932000074' });

export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(256) }).openapi('LoginRequest');

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: roleSchema,
    status: z.enum(['invited', 'active', 'disabled']),
    structureId: z.uuid().nullable(),
    employerId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('User');

export const loginResponse = z
  .object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.iso.datetime(), user: userSchema })
  .openapi('LoginResponse');

export const setPasswordBody = z
  .object({ token: z.string().min(10).max(200), password: passwordSchema })
  .openapi('SetPasswordRequest');

export const structureSchema = z
  .object({ id: z.uuid(), name: z.string(), communeInsee: z.string().nullable(), createdAt: z.iso.datetime() })
  .openapi('Structure');

export const createStructureBody = z
  .object({
    name,
    communeInsee: communeInseeSchema.optional(),
  })
  .openapi('CreateStructure');

export const employerSchema = z
  .object({ id: z.uuid(), name: z.string(), siret: z.string(), createdAt: z.iso.datetime() })
  .openapi('Employer');

export const createEmployerBody = z.object({ name, siret: siretSchema }).openapi('CreateEmployer');

export const createUserBody = z
  .object({
    email: emailSchema,
    firstName: name,
    lastName: name,
    role: roleSchema,
    structureId: z.uuid().optional(),
    employerId: z.uuid().optional(),
  })
  .superRefine((v, ctx) => {
    const needsStructure = v.role === 'advisor' || v.role === 'organiser';
    if (needsStructure && !v.structureId)
      ctx.addIssue({ code: 'custom', path: ['structureId'], message: `A ${v.role} belongs to a structure.`, params: { code: 'required' } });
    if (!needsStructure && v.structureId)
      ctx.addIssue({ code: 'custom', path: ['structureId'], message: `A ${v.role} does not belong to a structure.`, params: { code: 'not_allowed' } });
    if (v.role === 'employer' && !v.employerId)
      ctx.addIssue({ code: 'custom', path: ['employerId'], message: 'An employer user belongs to an employer organisation.', params: { code: 'required' } });
    if (v.role !== 'employer' && v.employerId)
      ctx.addIssue({ code: 'custom', path: ['employerId'], message: `A ${v.role} does not belong to an employer organisation.`, params: { code: 'not_allowed' } });
  })
  .openapi('CreateUser');

/** The first admin, from the command line. */
export const createAdminInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  firstName: name,
  lastName: name,
});
