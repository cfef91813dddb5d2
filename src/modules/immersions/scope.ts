import { eq, type SQL } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * Who sees which agreements. Advisors: their structure's (they prescribe them). Employers:
 * their organisation's (they sign them). Admins: all. Organisers: none (the routes answer 403
 * before this). Outside it: 404. `undefined` means everything, `false` nothing.
 */
export function agreementScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'advisor' && actor.structureId) return eq(immersionAgreements.structureId, actor.structureId);
  if (actor.role === 'employer' && actor.employerId) return eq(immersionAgreements.employerId, actor.employerId);
  return false;
}
