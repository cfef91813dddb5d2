import { and, eq, isNull, sql } from 'drizzle-orm';
import { immersionAgreements, immersionLinks, youth } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import { enqueueJobs } from '../../outbox/jobs.js';
import { signatories, type AgreementRow } from './agreement-dto.js';

/**
 * Starts a round of signatures: every earlier link and signature is voided (the text they
 * agreed to has changed, or was never sent), and each signatory gets a new link by e-mail.
 * The links are minted by the mail job, so that no raw token rests in the outbox.
 */
export async function openSignatureRound(tx: DbOrTx, agreement: AgreementRow) {
  await tx
    .update(immersionLinks)
    .set({ voidedAt: sql`now()` })
    .where(and(eq(immersionLinks.agreementId, agreement.id), eq(immersionLinks.purpose, 'sign'), isNull(immersionLinks.voidedAt)));
  const [bumped] = await tx
    .update(immersionAgreements)
    .set({ signatureRound: sql`${immersionAgreements.signatureRound} + 1` })
    .where(eq(immersionAgreements.id, agreement.id))
    .returning({ round: immersionAgreements.signatureRound });
  const [person] = await tx.select().from(youth).where(eq(youth.id, agreement.youthId));
  await enqueueJobs(
    tx,
    'immersion-signature-link',
    signatories(agreement, person!).map((s) => ({ agreementId: agreement.id, party: s.party, round: bumped!.round })),
  );
}
