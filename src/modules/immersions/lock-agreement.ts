import { and, eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { agreementScope } from './scope.js';

/** The agreement within the actor's scope, locked for a change (404 outside it). */
export async function lockAgreement(tx: DbOrTx, actor: Actor | 'system', id: string) {
  const scope = actor === 'system' ? undefined : agreementScope(actor);
  if (scope === false) throw new NotFoundError('Immersion agreement');
  const [row] = await tx.select().from(immersionAgreements).where(and(eq(immersionAgreements.id, id), scope)).for('update');
  if (!row) throw new NotFoundError('Immersion agreement');
  return row;
}
