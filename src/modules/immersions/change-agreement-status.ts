import { eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { immersionAgreementLifecycle } from '../../domain/immersion-agreement-lifecycle.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { applyTransition } from '../lifecycle/index.js';
import { loadAgreementView, toAgreementDto } from './agreement-dto.js';
import { dropAgreementJobs, scheduleAgreementJobs } from './agreement-jobs.js';
import { lockAgreement } from './lock-agreement.js';
import { rollLockedAgreement } from './roll-agreement.js';
import { openSignatureRound } from './signature-round.js';

/** The advisor sends the draft to its signatories: each gets a single-use link by e-mail. */
export async function sendForSignature(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, actor, id);
    const { to } = await applyTransition(tx, immersionAgreementLifecycle, { id, current: row.status, action: 'send_for_signature', by: actor });
    await tx.update(immersionAgreements).set({ status: to, updatedAt: new Date() }).where(eq(immersionAgreements.id, id));
    await openSignatureRound(tx, row);
    return toAgreementDto((await loadAgreementView(tx, id))!);
  });
}

/** All have signed: the advisor validates; the dates will then move it on by themselves. */
export async function validateAgreement(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, actor, id);
    const { to } = await applyTransition(tx, immersionAgreementLifecycle, { id, current: row.status, action: 'validate', by: actor });
    const now = new Date();
    await tx.update(immersionAgreements).set({ status: to, validatedAt: now, updatedAt: now }).where(eq(immersionAgreements.id, id));
    await scheduleAgreementJobs(tx, row);
    await enqueueJob(tx, 'immersion-notice', { agreementId: id, notice: 'validated' });
    return toAgreementDto((await loadAgreementView(tx, id))!);
  });
}

/** All have signed but the advisor refuses it, with a reason: terminal. */
export async function rejectAgreement(deps: Deps, actor: Actor, id: string, reason: string) {
  return closeAgreement(deps, actor, id, 'reject', reason);
}

/** Called off before its end, with a reason: its dated jobs are dropped and its slot place is freed. */
export async function cancelAgreement(deps: Deps, actor: Actor, id: string, reason: string) {
  return closeAgreement(deps, actor, id, 'cancel', reason);
}

async function closeAgreement(deps: Deps, actor: Actor, id: string, action: 'reject' | 'cancel', reason: string) {
  // The calendar first (kept even if the cancellation is refused): an immersion whose last day
  // is over has ended, even if its dated job has not run yet, and can no longer be called off.
  if (action === 'cancel') await deps.db.transaction(async (tx) => rollLockedAgreement(tx, await lockAgreement(tx, actor, id)));
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, actor, id);
    const { to } = await applyTransition(tx, immersionAgreementLifecycle, { id, current: row.status, action, by: actor, reason });
    await tx.update(immersionAgreements).set({ status: to, closingReason: reason, updatedAt: new Date() }).where(eq(immersionAgreements.id, id));
    await dropAgreementJobs(tx, id);
    await enqueueJob(tx, 'immersion-notice', { agreementId: id, notice: action === 'reject' ? 'rejected' : 'cancelled' });
    return toAgreementDto((await loadAgreementView(tx, id))!);
  });
}
