import { eq } from 'drizzle-orm';
import { mailDeliveries, users } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { MailMessage } from '../../adapters/mailer.js';
import type { JobPayload } from '../../outbox/jobs.js';
import { signatories, loadAgreementView, type AgreementView } from './agreement-dto.js';
import { immersionAgreementLifecycle, type Attendance } from '../../domain/immersion-agreement-lifecycle.js';
import { readHistory } from '../lifecycle/index.js';
import {
  allSignedEmail,
  assessedEmail,
  assessmentRequestEmail,
  cancelledEmail,
  rejectedEmail,
  signatureRequestEmail,
  validatedEmail,
  type AgreementSummary,
} from './immersion-emails.js';
import { mintLink } from './links.js';
import { lockAgreement } from './lock-agreement.js';
import { rollAgreement } from './roll-agreement.js';

/**
 * The immersion e-mails, as the worker sends them. Each is recorded in mail_deliveries under
 * a key made of the job's id and the recipient: a job retried or handed over twice sends
 * nothing twice. Links are minted here, not in the API, so no raw token rests in the outbox.
 */

const summary = (v: AgreementView): AgreementSummary => ({
  youthName: `${v.youth.firstName} ${v.youth.lastName}`,
  employerName: v.employerName,
  startDate: v.agreement.startDate,
  endDate: v.agreement.endDate,
});

async function sendOnce(deps: Deps, key: string, message: MailMessage) {
  if (await alreadySent(deps, key)) return false;
  const { messageId } = await deps.mailer.send(message);
  await deps.db.insert(mailDeliveries).values({ key, recipient: message.to, subject: message.subject, messageId }).onConflictDoNothing();
  return true;
}

const alreadySent = async (deps: Deps, key: string) =>
  (await deps.db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, key))).length > 0;

/** A signatory's link, for the round it was asked for: an edit since then (a new round) makes it moot. */
export async function deliverSignatureLink(deps: Deps, jobId: string, { agreementId, party, round }: JobPayload<'immersion-signature-link'>) {
  const key = `immersion-sign:${jobId}`;
  if (await alreadySent(deps, key)) return 'already sent';
  const minted = await deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, 'system', agreementId).catch(() => undefined);
    if (!row || row.signatureRound !== round || (row.status !== 'ready_to_sign' && row.status !== 'partially_signed')) return undefined;
    const view = (await loadAgreementView(tx, agreementId))!;
    const signatory = signatories(row, view.youth).find((s) => s.party === party);
    if (!signatory || view.signatures.find((s) => s.party === party)?.signedAt) return undefined;
    const token = await mintLink(tx, { agreementId, purpose: 'sign', party, email: signatory.email, ttlDays: deps.config.IMMERSION_LINK_TTL_DAYS });
    return { token, signatory, view };
  });
  if (!minted) return 'moot';
  const link = new URL(`/sign/${minted.token}`, deps.config.PUBLIC_BASE_URL).toString();
  await sendOnce(
    deps,
    key,
    signatureRequestEmail({
      ...summary(minted.view),
      to: minted.signatory.email,
      name: minted.signatory.name,
      party,
      link,
      expiresInDays: deps.config.IMMERSION_LINK_TTL_DAYS,
    }),
  );
  return 'sent';
}

/** The tutor's assessment link: on the last day, then as reminders until they answer. */
export async function deliverAssessmentLink(deps: Deps, jobId: string, { agreementId, reminder }: JobPayload<'immersion-assessment-link'>) {
  const key = `immersion-assess:${jobId}`;
  if (await alreadySent(deps, key)) return 'already sent';
  // Due at the same moment as the end job, it may run first: the calendar decides, not the order.
  await rollAgreement(deps, agreementId);
  const minted = await deps.db.transaction(async (tx) => {
    const row = await lockAgreement(tx, 'system', agreementId).catch(() => undefined);
    if (!row || (row.status !== 'in_progress' && row.status !== 'ended')) return undefined;
    const token = await mintLink(tx, { agreementId, purpose: 'assess', party: 'tutor', email: row.tutorEmail, ttlDays: deps.config.IMMERSION_LINK_TTL_DAYS });
    return { token, view: (await loadAgreementView(tx, agreementId))! };
  });
  if (!minted) return 'moot';
  const a = minted.view.agreement;
  await sendOnce(
    deps,
    key,
    assessmentRequestEmail({
      ...summary(minted.view),
      to: a.tutorEmail,
      name: a.tutorName,
      link: new URL(`/assess/${minted.token}`, deps.config.PUBLIC_BASE_URL).toString(),
      reminder,
      expiresInDays: deps.config.IMMERSION_LINK_TTL_DAYS,
    }),
  );
  return 'sent';
}

/** The e-mails of a step, to each person concerned. */
export async function deliverNotice(deps: Deps, jobId: string, { agreementId, notice }: JobPayload<'immersion-notice'>) {
  const view = await loadAgreementView(deps.db, agreementId);
  if (!view) return 'moot';
  const a = view.agreement;
  const s = summary(view);
  const parties = signatories(a, view.youth);
  const tutor = { name: a.tutorName, email: a.tutorEmail };
  // The advisor who prepared it (gone if their account was deleted).
  const [advisor] = a.createdBy
    ? await deps.db.select({ email: users.email, name: users.firstName }).from(users).where(eq(users.id, a.createdBy))
    : [];
  let messages: MailMessage[];
  if (notice === 'all_signed') messages = advisor ? [allSignedEmail({ ...s, to: advisor.email })] : [];
  else if (notice === 'validated') messages = [...parties, tutor].map((p) => validatedEmail({ ...s, to: p.email, name: p.name }));
  else if (notice === 'rejected') messages = parties.map((p) => rejectedEmail({ ...s, to: p.email, name: p.name, reason: a.closingReason ?? '' }));
  else if (notice === 'assessed')
    messages =
      advisor && a.attendance
        ? [assessedEmail({ ...s, to: advisor.email, name: advisor.name, attendance: a.attendance as Attendance, wouldHire: a.wouldHire ?? false, fromMatch: a.matchId !== null })]
        : [];
  else {
    const reason = a.closingReason ?? '';
    messages = [...parties, tutor].map((p) => cancelledEmail({ ...s, to: p.email, name: p.name, reason }));
    // The advisor prescribed it: told when the employer or an admin called it off.
    const by = (await readHistory(deps.db, immersionAgreementLifecycle, agreementId)).filter((h) => h.action === 'cancel').at(-1)?.by.role;
    if (advisor && by && by !== 'advisor')
      messages.push(cancelledEmail({ ...s, to: advisor.email, name: advisor.name, reason, by: by === 'employer' ? 'par l’entreprise' : 'par l’administration de Passerelle' }));
  }
  // One e-mail per address, even when a person holds two roles (the representative is also the tutor).
  const unique = messages.filter((m, i) => messages.findIndex((o) => o.to === m.to) === i);
  for (const m of unique) await sendOnce(deps, `immersion-${notice}:${jobId}:${m.to}`, m);
  return 'sent';
}

