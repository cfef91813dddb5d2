import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { employers, matches, users, youth } from '../../../db/schema/index.js';
import type { MailMessage } from '../../adapters/mailer.js';
import { pseudonym } from '../../domain/anonymisation.js';
import { DECLINE_REASON_LABELS } from '../../domain/match-lifecycle.js';
import { loadOffer, loadSlot } from './opportunities.js';

export type MatchEmailEvent = 'proposed' | 'reminder' | 'accepted' | 'declined' | 'expired';

/**
 * The e-mails of a match, in French. Those to the employer (proposal, reminder) name the
 * candidate by the match's pseudonym only: nothing in them may identify the youth before the
 * employer accepts. Those to the advisor may name the youth: the advisor knows them.
 * Returns one message per recipient, or none when the match no longer calls for it.
 */
export async function matchEmails(db: DbOrTx, matchId: string, event: MatchEmailEvent, baseUrl: string, expiryDays: number): Promise<MailMessage[]> {
  const [row] = await db.select().from(matches).where(eq(matches.id, matchId));
  if (!row) return [];
  if ((event === 'proposed' || event === 'reminder') && row.status !== 'proposed') return [];
  const target = row.offerId ? await loadOffer(db, 'system', row.offerId) : await loadSlot(db, 'system', row.slotId!);
  const what = `« ${target.summary.title} »${target.summary.type === 'immersion' ? ' (immersion)' : ''}`;
  const link = new URL(`/mises-en-relation/${row.id}`, baseUrl).toString();

  if (event === 'proposed' || event === 'reminder') {
    const recipients = await db
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.employerId, row.employerId), eq(users.status, 'active')));
    const name = pseudonym(row.id);
    const deadline = new Date(row.proposedAt.getTime() + expiryDays * 86_400_000).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
    const subject = event === 'proposed' ? `Nouvelle candidature pour ${what}` : `Rappel : une candidature attend votre réponse pour ${what}`;
    const text = [
      'Bonjour,',
      '',
      event === 'proposed'
        ? `Une Mission Locale vous propose une candidature pour ${what} : ${name}, compatibilité ${row.score}/100.`
        : `La candidature de ${name} pour ${what} attend toujours votre réponse.`,
      'Le profil est anonymisé : vous découvrirez l’identité et les coordonnées de la personne si vous acceptez de la rencontrer.',
      '',
      `Consulter le profil et répondre : ${link}`,
      '',
      `Sans réponse, la proposition expirera le ${deadline}.`,
      '',
      'L’équipe Passerelle',
    ].join('\n');
    return recipients.map((r) => ({ to: r.email, subject, text }));
  }

  if (!row.proposedBy) return [];
  const [advisor] = await db
    .select({ email: users.email, firstName: users.firstName, status: users.status })
    .from(users)
    .where(eq(users.id, row.proposedBy));
  if (!advisor || advisor.status !== 'active') return [];
  const [person] = await db.select({ firstName: youth.firstName, lastName: youth.lastName }).from(youth).where(eq(youth.id, row.youthId));
  const [employer] = await db.select({ name: employers.name }).from(employers).where(eq(employers.id, row.employerId));
  const who = person ? `${person.firstName} ${person.lastName}` : 'le ou la jeune';
  const lines: Record<'accepted' | 'declined' | 'expired', [string, string]> = {
    accepted: [
      `Candidature acceptée : ${who} pour ${what}`,
      `${employer?.name ?? 'L’employeur'} a accepté la candidature de ${who} pour ${what}. Ses coordonnées lui sont désormais communiquées : il ou elle devrait être contacté·e prochainement.`,
    ],
    declined: [
      `Candidature déclinée : ${who} pour ${what}`,
      `${employer?.name ?? 'L’employeur'} a décliné la candidature de ${who} pour ${what}. Motif : ${row.declineReason ? DECLINE_REASON_LABELS[row.declineReason] : 'non précisé'}.`,
    ],
    expired: [
      `Candidature expirée : ${who} pour ${what}`,
      `La candidature de ${who} pour ${what} n’a pas reçu de réponse dans les ${expiryDays} jours : elle a expiré. Vous pouvez proposer d’autres offres depuis les suggestions.`,
    ],
  };
  const [subject, body] = lines[event];
  const text = [`Bonjour ${advisor.firstName},`, '', body, '', `Voir la mise en relation : ${link}`, '', 'L’équipe Passerelle'].join('\n');
  return [{ to: advisor.email, subject, text }];
}
