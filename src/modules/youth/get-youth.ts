import { and, eq } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { youthReadScope } from './scope.js';
import { selectYouthRecords, toYouthDto, type YouthRecord } from './youth-record.js';

/** One youth within the actor's read scope; otherwise 404, as if it did not exist. */
export async function findYouthRecord(deps: Deps, actor: Actor, id: string): Promise<YouthRecord> {
  const scope = youthReadScope(actor);
  const [record] = await selectYouthRecords(deps.db).where(and(eq(youth.id, id), scope));
  if (!record) throw new NotFoundError('Youth');
  return record;
}

export async function getYouth(deps: Deps, actor: Actor, id: string) {
  return toYouthDto(await findYouthRecord(deps, actor, id));
}
