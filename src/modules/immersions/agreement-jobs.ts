import type { DbOrTx } from '../../../db/client.js';
import { addCalendarDays, franceInstant } from '../../core/calendar.js';
import { cancelJobs, scheduleJob } from '../../outbox/jobs.js';
import type { AgreementRow } from './agreement-dto.js';

/** Days after the end date on which the tutor is reminded of the assessment (DOMAIN.md). */
export const ASSESSMENT_REMINDER_DAYS = [3, 10] as const;

const keys = (id: string) => ({
  start: `immersion:${id}:start`,
  end: `immersion:${id}:end`,
  assessment: `immersion:${id}:assessment`,
  reminders: ASSESSMENT_REMINDER_DAYS.map((d) => `immersion:${id}:assessment-reminder-${d}`),
});

/**
 * The dated jobs of a validated agreement, in French dates: it starts on its first day at
 * midnight, ends the day after its last; the tutor gets the assessment link on the last day
 * (14:00) and reminders 3 and 10 days after the end (09:00). Each job checks the agreement's
 * state when it runs, so reminders stop once the tutor has answered.
 */
export async function scheduleAgreementJobs(tx: DbOrTx, a: AgreementRow) {
  const k = keys(a.id);
  await scheduleJob(tx, 'immersion-roll', { agreementId: a.id }, { runAt: franceInstant(a.startDate), key: k.start });
  await scheduleJob(tx, 'immersion-roll', { agreementId: a.id }, { runAt: franceInstant(addCalendarDays(a.endDate, 1)), key: k.end });
  await scheduleJob(tx, 'immersion-assessment-link', { agreementId: a.id, reminder: false }, { runAt: franceInstant(a.endDate, '14:00'), key: k.assessment });
  for (const [i, days] of ASSESSMENT_REMINDER_DAYS.entries())
    await scheduleJob(
      tx,
      'immersion-assessment-link',
      { agreementId: a.id, reminder: true },
      { runAt: franceInstant(addCalendarDays(a.endDate, days), '09:00'), key: k.reminders[i]! },
    );
}

/** Drops every dated job of the agreement (cancelled). */
export function dropAgreementJobs(tx: DbOrTx, id: string) {
  const k = keys(id);
  return cancelJobs(tx, [k.start, k.end, k.assessment, ...k.reminders]);
}

/** Drops the assessment reminders (the tutor has answered). */
export function dropAssessmentReminders(tx: DbOrTx, id: string) {
  const k = keys(id);
  return cancelJobs(tx, [k.assessment, ...k.reminders]);
}
