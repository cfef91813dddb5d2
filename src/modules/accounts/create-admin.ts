import type { z } from '@hono/zod-openapi';
import { users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError, fieldErrorsFromZod, ValidationError } from '../../core/errors.js';
import { createAdminInput as input } from './accounts.schemas.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import { toUserDto } from './users.js';

/** The first admin comes from the command line (there is nobody yet to invite them). */
export async function createAdmin(deps: Deps, raw: z.input<typeof input>) {
  const parsed = input.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  const { password, ...rest } = parsed.data;
  assertStrongPassword(password, rest);
  const [row] = await deps.db
    .insert(users)
    .values({ ...rest, role: 'admin', status: 'active', passwordHash: await hashPassword(password) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new AppError('email_taken', `An account already uses ${parsed.data.email}.`);
  return toUserDto(row);
}
