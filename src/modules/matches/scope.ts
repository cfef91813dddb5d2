import { eq, type SQL } from 'drizzle-orm';
import { matches } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';

/**
 * Which matches an actor sees: an employer, those proposed to their organisation; an advisor,
 * those of their structure's youth; an admin, all. Outside it: 404. Organisers never see any
 * (the routes answer 403 first).
 */
export function matchScope(actor: Actor): SQL | undefined | false {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'employer') return actor.employerId ? eq(matches.employerId, actor.employerId) : false;
  if (actor.role === 'advisor') return actor.structureId ? eq(matches.structureId, actor.structureId) : false;
  return false;
}
