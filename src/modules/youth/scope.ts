import { eq, type SQL } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * Which youth an actor may read. Advisors: their structure's. Admins: all, read-only (GDPR
 * requests and support need it; creating or editing a profile is the advisor's job). Others:
 * none (the routes answer 403 before this). `undefined` means everything, `false` nothing.
 */
export function youthReadScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  return youthWriteScope(actor);
}

/** Which youth an actor may edit: advisors, their structure's only. */
export function youthWriteScope(actor: Actor): SQL | false {
  if (actor.role !== 'advisor' || !actor.structureId) return false;
  return eq(youth.structureId, actor.structureId);
}
