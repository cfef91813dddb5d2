import { eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import { todayInFrance } from '../../core/calendar.js';
import { immersionAgreementLifecycle, type AgreementStatus } from '../../domain/immersion-agreement-lifecycle.js';
import { applyTransition } from '../lifecycle/index.js';
import { recordImmersionOutcome } from '../matches/index.js';
import type { AgreementRow } from './agreement-dto.js';
import { lockAgreement } from './lock-agreement.js';

/**
 * Brings a validated agreement up to date with the calendar (French dates): `in_progress` from
 * its first day, `ended` once its last day is over. Every dated job calls it, in any order and
 * as often as it likes: it only moves what the date allows, and leaves a cancelled or assessed
 * agreement alone. When it came from a match, its start is the match's outcome `immersion_started`.
 */
export async function rollAgreement(deps: Deps, id: string, today = todayInFrance()) {
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, 'system', id).catch(() => undefined);
    return row ? rollLockedAgreement(tx, row, today) : undefined;
  });
}

/** The same, on a row the caller has locked; returns its state afterwards. */
export async function rollLockedAgreement(tx: DbOrTx, row: AgreementRow, today = todayInFrance()): Promise<AgreementStatus> {
  const id = row.id;
  let status = row.status;
  const move = async (action: 'start' | 'end') => {
    status = (await applyTransition(tx, immersionAgreementLifecycle, { id, current: status, action, by: 'system' })).to;
  };
  if (status === 'validated' && today >= row.startDate) {
    await move('start');
    if (row.matchId) await recordImmersionOutcome(tx, row.matchId, 'immersion_started', `immersion agreement ${id} started`);
  }
  if (status === 'in_progress' && today > row.endDate) await move('end');
  if (status !== row.status) await tx.update(immersionAgreements).set({ status, updatedAt: new Date() }).where(eq(immersionAgreements.id, id));
  return status;
}
