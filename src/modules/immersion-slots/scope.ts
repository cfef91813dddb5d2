import { eq, type SQL } from 'drizzle-orm';
import { immersionSlots } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * Who reads which immersion slots. An employer: their organisation's. Advisors and organisers
 * (they propose youth for immersions): every employer's open slots, not the closed ones.
 * Admins: everything (`undefined`). Outside it: 404. Writes: see employerWriteScope.
 */
export function slotReadScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer') return actor.employerId ? eq(immersionSlots.employerId, actor.employerId) : false;
  return eq(immersionSlots.status, 'open');
}
