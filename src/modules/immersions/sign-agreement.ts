import { eq } from 'drizzle-orm';
import { immersionAgreements, immersionLinks } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { immersionAgreementLifecycle } from '../../domain/immersion-agreement-lifecycle.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { applyTransition } from '../lifecycle/index.js';
import { loadAgreementView } from './agreement-dto.js';
import { openLink } from './links.js';
import { lockAgreement } from './lock-agreement.js';

/** What the signature page shows: the whole agreement, and who is signing. */
export async function readSignatureLink(deps: Deps, token: string) {
  const { link, view } = await openLink(deps.db, token, 'sign');
  return { party: link.party, view };
}

/**
 * A signatory signs through their link: the time and the address are recorded, the link is
 * spent. The last signature makes the agreement `signed` and tells the advisor; the others
 * make it `partially_signed`. The agreement is locked first, as an edit locks it before voiding
 * links, so a signature and an edit never cross.
 */
export async function signAgreement(deps: Deps, token: string, from: { ip: string; userAgent: string | null }) {
  const { link: peek } = await openLink(deps.db, token, 'sign');
  return deps.db.transaction(async (tx) => {
    const agreement = await lockAgreement(tx, 'system', peek.agreementId);
    const { link } = await openLink(tx, token, 'sign', true);
    const now = new Date();
    await tx.update(immersionLinks).set({ usedAt: now, usedFromIp: from.ip, usedUserAgent: from.userAgent?.slice(0, 500) ?? null }).where(eq(immersionLinks.id, link.id));
    const view = (await loadAgreementView(tx, agreement.id))!;
    const allSigned = view.signatures.every((s) => s.signedAt !== null);
    const { to } = await applyTransition(tx, immersionAgreementLifecycle, {
      id: agreement.id,
      current: agreement.status,
      action: allSigned ? 'complete_signatures' : 'sign',
      by: 'system',
      reason: `signed by ${link.party}`,
    });
    await tx.update(immersionAgreements).set({ status: to, updatedAt: now }).where(eq(immersionAgreements.id, agreement.id));
    if (allSigned) await enqueueJob(tx, 'immersion-notice', { agreementId: agreement.id, notice: 'all_signed' });
    return { party: link.party, view: (await loadAgreementView(tx, agreement.id))! };
  });
}
