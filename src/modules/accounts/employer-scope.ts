import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client.js';
import { employers } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { ForbiddenError, ValidationError } from '../../core/errors.js';

/**
 * Who changes an employer's offers or slots: the employer's own users, and admins. Other roles
 * are refused (403) before anything is read.
 */
export function employerWriteScope(actor: Actor, employerColumn: PgColumn): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer' && actor.employerId) return eq(employerColumn, actor.employerId);
  throw new ForbiddenError('Only the employer organisation (or an admin) may change its offers and immersion slots.');
}

/**
 * The organisation a new offer or slot belongs to: the employer's own, or for an admin the
 * `employerId` of the body, which must exist.
 */
export async function owningEmployerId(db: DbOrTx, actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.role === 'employer' && actor.employerId) {
    if (requested && requested !== actor.employerId)
      throw ValidationError.field('employerId', 'not_allowed', 'You create offers and slots for your own organisation only.');
    return actor.employerId;
  }
  if (actor.role !== 'admin') throw new ForbiddenError('Only employers (or an admin) create offers and immersion slots.');
  if (!requested) throw ValidationError.field('employerId', 'required', 'An admin names the employer organisation.');
  const [row] = await db.select({ id: employers.id }).from(employers).where(eq(employers.id, requested));
  if (!row) throw ValidationError.field('employerId', 'unknown_employer', 'No employer with this id.');
  return row.id;
}
