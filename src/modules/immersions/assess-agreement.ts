import { eq } from 'drizzle-orm';
import { immersionAgreements, immersionLinks } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { immersionAgreementLifecycle, type Attendance } from '../../domain/immersion-agreement-lifecycle.js';
import { enqueueJob } from '../../outbox/jobs.js';
import { applyTransition } from '../lifecycle/index.js';
import { recordImmersionOutcome } from '../matches/index.js';
import { dropAssessmentReminders } from './agreement-jobs.js';
import { openLink } from './links.js';
import { lockAgreement } from './lock-agreement.js';
import { rollAgreement } from './roll-agreement.js';

export interface AssessmentInput {
  attendance: Attendance;
  skillsObserved: string[];
  wouldHire: boolean;
  comments: string | null;
}

/** What the tutor's page shows. The agreement is first brought up to date with the calendar. */
export async function readAssessmentLink(deps: Deps, token: string) {
  const { link } = await openLink(deps.db, token, 'assess');
  await rollAgreement(deps, link.agreementId);
  return (await openLink(deps.db, token, 'assess')).view;
}

/**
 * The tutor's assessment (*bilan*) through their link: attendance, skills observed, whether
 * they would hire, comments. It closes the agreement (`assessed`), stops the reminders and tells
 * the advisor.
 * When it came from a match, the match shows the assessment, and a youth who did not show up
 * makes the match a `no_show`.
 */
export async function assessAgreement(deps: Deps, token: string, input: AssessmentInput, from: { ip: string; userAgent: string | null }) {
  const view = await readAssessmentLink(deps, token);
  return deps.db.transaction(async (tx) => {
    const agreement = await lockAgreement(tx, 'system', view.agreement.id);
    const { link } = await openLink(tx, token, 'assess', true);
    const now = new Date();
    await tx.update(immersionLinks).set({ usedAt: now, usedFromIp: from.ip, usedUserAgent: from.userAgent?.slice(0, 500) ?? null }).where(eq(immersionLinks.id, link.id));
    const { to } = await applyTransition(tx, immersionAgreementLifecycle, {
      id: agreement.id,
      current: agreement.status,
      action: 'assess',
      by: 'system',
      reason: 'assessed by tutor',
    });
    await tx
      .update(immersionAgreements)
      .set({
        status: to,
        attendance: input.attendance,
        skillsObserved: input.skillsObserved,
        wouldHire: input.wouldHire,
        assessmentComments: input.comments,
        assessedAt: now,
        updatedAt: now,
      })
      .where(eq(immersionAgreements.id, agreement.id));
    await dropAssessmentReminders(tx, agreement.id);
    await enqueueJob(tx, 'immersion-notice', { agreementId: agreement.id, notice: 'assessed' });
    if (agreement.matchId && input.attendance === 'did_not_show')
      await recordImmersionOutcome(tx, agreement.matchId, 'no_show', `tutor of immersion agreement ${agreement.id} reports the youth did not show up`);
  });
}
