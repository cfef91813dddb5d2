import { and, count, desc, eq } from 'drizzle-orm';
import { employers, structures, users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor, Role } from '../../core/actor.js';
import { AppError, NotFoundError, ValidationError } from '../../core/errors.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { userScope } from './scope.js';

type UserRow = typeof users.$inferSelect;

/** Never exposes the password hash. */
export function toUserDto(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    role: u.role,
    status: u.status,
    structureId: u.structureId,
    employerId: u.employerId,
    createdAt: u.createdAt.toISOString(),
  };
}

export interface InviteUserInput {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  structureId?: string;
  employerId?: string;
}

/**
 * Creates an account in the `invited` state; the invitation e-mail (with a single-use link
 * to set a password) leaves through the outbox, in the same transaction.
 */
export async function inviteUser(deps: Deps, input: InviteUserInput) {
  return deps.db.transaction(async (tx) => {
    if (input.structureId) {
      const [s] = await tx.select({ id: structures.id }).from(structures).where(eq(structures.id, input.structureId));
      if (!s) throw ValidationError.field('structureId', 'unknown_structure', 'No structure with this id.');
    }
    if (input.employerId) {
      const [e] = await tx.select({ id: employers.id }).from(employers).where(eq(employers.id, input.employerId));
      if (!e) throw ValidationError.field('employerId', 'unknown_employer', 'No employer with this id.');
    }
    const [row] = await tx
      .insert(users)
      .values({ ...input, status: 'invited' })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!row) throw new AppError('email_taken', `An account already uses ${input.email}.`);
    await enqueueJob(tx, 'send-invitation', { userId: row.id });
    return toUserDto(row);
  });
}

export async function listUsers(deps: Deps, actor: Actor, page: { limit: number; offset: number }) {
  const scope = userScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const [rows, [total]] = await Promise.all([
    deps.db.select().from(users).where(scope).orderBy(desc(users.createdAt), users.id).limit(page.limit).offset(page.offset),
    deps.db.select({ n: count() }).from(users).where(scope),
  ]);
  return { items: rows.map(toUserDto), total: total?.n ?? 0, ...page };
}

export async function getUser(deps: Deps, actor: Actor, id: string) {
  const scope = userScope(actor);
  if (scope === false) throw new NotFoundError('User');
  const [row] = await deps.db.select().from(users).where(and(eq(users.id, id), scope));
  if (!row) throw new NotFoundError('User');
  return toUserDto(row);
}
