import { and, desc, eq, sql } from 'drizzle-orm';
import { outboxEvents } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { AppError, InvalidStateError } from '../../core/errors.js';
import type { SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { loadAgreementView } from './agreement-dto.js';
import { lockAgreement } from './lock-agreement.js';

/**
 * Sends a signatory a new link (lost e-mail, expired link): the old one stops working. Not
 * more often than the cooldown, so that a signatory's inbox is not flooded.
 */
export async function resendSignatureLink(deps: Deps, actor: Actor, id: string, party: SignatoryParty) {
  return deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, actor, id);
    if (row.status !== 'ready_to_sign' && row.status !== 'partially_signed')
      throw new InvalidStateError(row.status, 'Signature links are sent only while the agreement awaits signatures.');
    const view = (await loadAgreementView(tx, id))!;
    const signatory = view.signatures.find((s) => s.party === party);
    if (!signatory) throw new AppError('not_found', 'This agreement has no such signatory.');
    if (signatory.signedAt) throw new AppError('conflict', 'This party has already signed.');
    // The last link asked for, sent or still queued (the worker may be behind or down): each
    // is a job of the outbox, so requests piling up while it is down send one link, not many.
    const [last] = await tx
      .select({ createdAt: outboxEvents.createdAt })
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.type, 'immersion-signature-link'),
          sql`${outboxEvents.payload}->>'agreementId' = ${id}`,
          sql`${outboxEvents.payload}->>'party' = ${party}`,
        ),
      )
      .orderBy(desc(outboxEvents.createdAt))
      .limit(1);
    const cooldownMs = deps.config.IMMERSION_LINK_RESEND_COOLDOWN_MINUTES * 60_000;
    const wait = last ? last.createdAt.getTime() + cooldownMs - Date.now() : 0;
    if (wait > 0)
      throw new AppError('too_many_requests', 'A link was sent to this signatory moments ago.', { retryAfterSeconds: Math.ceil(wait / 1000) });
    await enqueueJob(tx, 'immersion-signature-link', { agreementId: id, party, round: row.signatureRound });
    return { party, email: signatory.email, queued: true };
  });
}
