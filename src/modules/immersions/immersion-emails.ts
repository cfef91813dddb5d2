import type { MailMessage } from '../../adapters/mailer.js';
import type { Attendance, SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { ATTENDANCE_LABELS, frenchDate, PARTY_LABELS } from './immersion-labels.js';

export interface AgreementSummary {
  youthName: string;
  employerName: string;
  startDate: string;
  endDate: string;
}

const period = (a: AgreementSummary) => `du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}`;
const signature = ['', 'L’équipe Passerelle, pour la Mission Locale'];
const message = (to: string, subject: string, lines: string[]): MailMessage => ({ to, subject, text: [...lines, ...signature].join('\n') });

/** To a signatory: their single-use link to read and sign the agreement. */
export function signatureRequestEmail(input: AgreementSummary & { to: string; name: string; party: SignatoryParty; link: string; expiresInDays: number }) {
  return message(input.to, `Convention d’immersion à signer : ${input.youthName} chez ${input.employerName}`, [
    `Bonjour ${input.name},`,
    '',
    `La Mission Locale a préparé une convention d’immersion professionnelle (PMSMP) pour ${input.youthName} chez ${input.employerName}, ${period(input)}.`,
    `Vous la signez en tant que ${PARTY_LABELS[input.party]}. Lisez-la et signez-la en suivant ce lien :`,
    '',
    input.link,
    '',
    `Ce lien est personnel, ne sert qu’une fois et expire dans ${input.expiresInDays} jours.`,
    'Si la convention est modifiée avant que tout le monde ait signé, vous recevrez un nouveau lien.',
  ]);
}

/** To the advisor: every party has signed, the agreement awaits validation. */
export function allSignedEmail(input: AgreementSummary & { to: string }) {
  return message(input.to, `Convention signée par toutes les parties : ${input.youthName}`, [
    'Bonjour,',
    '',
    `La convention d’immersion de ${input.youthName} chez ${input.employerName} (${period(input)}) est signée par toutes les parties.`,
    'Elle attend votre validation dans Passerelle.',
  ]);
}

export function validatedEmail(input: AgreementSummary & { to: string; name: string }) {
  return message(input.to, `Immersion validée : ${input.youthName} chez ${input.employerName}`, [
    `Bonjour ${input.name},`,
    '',
    `La convention d’immersion de ${input.youthName} chez ${input.employerName} est validée par la Mission Locale.`,
    `L’immersion aura lieu ${period(input)}. Bonne immersion !`,
  ]);
}

export function rejectedEmail(input: AgreementSummary & { to: string; name: string; reason: string }) {
  return message(input.to, `Convention d’immersion refusée : ${input.youthName}`, [
    `Bonjour ${input.name},`,
    '',
    `La Mission Locale n’a pas validé la convention d’immersion de ${input.youthName} chez ${input.employerName} (${period(input)}).`,
    `Motif : ${input.reason}`,
  ]);
}

/** To every party; to the advisor too when the employer or an admin called it off (`by`). */
export function cancelledEmail(input: AgreementSummary & { to: string; name: string; reason: string; by?: string }) {
  return message(input.to, `Immersion annulée : ${input.youthName} chez ${input.employerName}`, [
    `Bonjour ${input.name},`,
    '',
    `L’immersion de ${input.youthName} chez ${input.employerName} prévue ${period(input)} est annulée${input.by ? ` ${input.by}` : ''}.`,
    `Motif : ${input.reason}`,
  ]);
}

/** To the advisor: the tutor's assessment (bilan) has arrived. */
export function assessedEmail(input: AgreementSummary & { to: string; name: string; attendance: Attendance; wouldHire: boolean; fromMatch: boolean }) {
  return message(input.to, `Bilan reçu : immersion de ${input.youthName} chez ${input.employerName}`, [
    `Bonjour ${input.name},`,
    '',
    `Le tuteur ou la tutrice a donné son bilan de l’immersion de ${input.youthName} chez ${input.employerName} (${period(input)}).`,
    `Présence : ${ATTENDANCE_LABELS[input.attendance]}.`,
    `Prêt·e à recruter : ${input.wouldHire ? 'oui' : 'non'}.`,
    ...(input.fromMatch ? ['Le bilan figure aussi sur la mise en relation dont l’immersion est issue : pensez à y indiquer si le ou la jeune est recruté·e.'] : []),
    'Le bilan complet est dans Passerelle.',
  ]);
}

/** To the tutor: the assessment (bilan) link, on the last day, then as a reminder. */
export function assessmentRequestEmail(input: AgreementSummary & { to: string; name: string; link: string; reminder: boolean; expiresInDays: number }) {
  return message(input.to, `${input.reminder ? 'Rappel : ' : ''}bilan de l’immersion de ${input.youthName}`, [
    `Bonjour ${input.name},`,
    '',
    input.reminder
      ? `Vous n’avez pas encore donné votre bilan de l’immersion de ${input.youthName} (${period(input)}).`
      : `L’immersion de ${input.youthName} dans votre entreprise se termine (${period(input)}). Merci de l’avoir accueilli·e !`,
    'Quelques minutes suffisent pour donner votre bilan : présence, compétences observées, intention d’embauche.',
    '',
    input.link,
    '',
    `Ce lien est personnel, ne sert qu’une fois et expire dans ${input.expiresInDays} jours.`,
  ]);
}
