import { eq, type SQL } from 'drizzle-orm';
import { employers, structures, users } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * What each role may see of accounts. Outside this scope a resource answers 404, as if it
 * did not exist. `undefined` means "everything" (admins); `false` means "nothing".
 */
export function userScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer') return actor.employerId ? eq(users.employerId, actor.employerId) : false;
  return actor.structureId ? eq(users.structureId, actor.structureId) : false;
}

export function structureScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer' || !actor.structureId) return false;
  return eq(structures.id, actor.structureId);
}

export function employerScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role !== 'employer' || !actor.employerId) return false;
  return eq(employers.id, actor.employerId);
}
