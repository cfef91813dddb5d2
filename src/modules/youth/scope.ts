import { eq, type SQL } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { ForbiddenError } from '../../core/errors.js';

/**
 * Which youth an actor may read. Advisors: their structure's. Admins: all, read-only (GDPR
 * requests and support need it). `undefined` means everything. Employers and organisers may
 * never read a youth record (403); a youth outside the scope answers 404.
 */
export function youthReadScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  return youthWriteScope(actor);
}

/**
 * Which youth an actor may register or edit: advisors, in their structure only. Any other role
 * may never (403), admins included: creating or editing a profile is the advisor's job.
 */
export function youthWriteScope(actor: Actor): SQL {
  if (actor.role !== 'advisor' || !actor.structureId)
    throw new ForbiddenError('Only advisors register and edit youth, in their own structure.');
  return eq(youth.structureId, actor.structureId);
}
