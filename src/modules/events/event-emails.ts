import ical, { ICalCalendarMethod } from 'ical-generator';
import { escapeHtml, type MailMessage } from '../../adapters/mailer.js';
import { FRANCE_TIME_ZONE } from '../../core/calendar.js';
import type { EventMail } from '../../domain/event-lifecycle.js';

export interface EventMailInput {
  mail: EventMail;
  to: string;
  registrationId: string;
  event: {
    id: string;
    title: string;
    description: string;
    startsAt: Date;
    endsAt: Date;
    address: string | null;
    communeName: string | null;
    postcode: string | null;
    onlineUrl: string | null;
    revision: number;
  };
  waitlistPosition: number | null;
  organiserEmail: string;
  /** The registration's status when the e-mail is written. */
  status: string;
  /** When a public registration's hold lapses, unless confirmed. */
  holdEndsAt: Date;
  /** The single-use links the e-mail carries (minted by the worker as it writes it). */
  links?: { confirm?: string; cancel?: string };
}

/** The e-mails that carry a link to cancel the registration: every one sent while it holds a seat or a place in the queue. */
export const MAILS_WITH_CANCEL_LINK: readonly EventMail[] = ['already_registered', 'confirmed', 'waitlisted', 'promoted', 'moved_to_waitlist', 'reminder', 'event_updated'];

export const when = new Intl.DateTimeFormat('fr-FR', { timeZone: FRANCE_TIME_ZONE, dateStyle: 'full', timeStyle: 'short' });
const hour = new Intl.DateTimeFormat('fr-FR', { timeZone: FRANCE_TIME_ZONE, timeStyle: 'short' });

/** When an event happens, in French: « le jeudi 12 mars 2027 à 09:30 (fin à 17:00) ». */
export function whenOf(e: { startsAt: Date; endsAt: Date }): string {
  return `le ${when.format(e.startsAt)} (fin à ${hour.format(e.endsAt)})`;
}

/** Where an event happens, in French: its address, its link, or both. */
export function whereOf(e: Pick<EventMailInput['event'], 'address' | 'postcode' | 'communeName' | 'onlineUrl'>): string {
  const place = e.address ? `${e.address}, ${e.postcode ?? ''} ${e.communeName ?? ''}`.replace(/\s+/g, ' ').trim() : null;
  return [place, e.onlineUrl ? `en ligne : ${e.onlineUrl}` : null].filter(Boolean).join(' — ');
}

/**
 * The calendar invitation of one registration: its UID is stable (the registration), its
 * SEQUENCE the event's revision, so a calendar updates the same entry when the event moves
 * and removes it on CANCEL.
 */
export function eventInvitation(input: EventMailInput, method: 'REQUEST' | 'CANCEL'): string {
  const calendar = ical({ prodId: { company: 'Passerelle', product: 'evenements', language: 'FR' }, method: ICalCalendarMethod[method] });
  calendar.createEvent({
    id: `registration-${input.registrationId}@passerelle`,
    sequence: input.event.revision,
    start: input.event.startsAt,
    end: input.event.endsAt,
    summary: input.event.title,
    description: input.event.description,
    location: whereOf(input.event) || null,
    url: input.event.onlineUrl,
    organizer: { name: 'Passerelle', email: input.organiserEmail },
    attendees: [{ email: input.to, rsvp: false }],
  });
  return calendar.toString();
}

const SUBJECTS: Record<EventMail, (title: string) => string> = {
  confirm_request: (t) => `Confirmez votre inscription : ${t}`,
  already_registered: (t) => `Vous êtes déjà inscrit·e : ${t}`,
  confirmed: (t) => `Inscription confirmée : ${t}`,
  waitlisted: (t) => `Liste d’attente : ${t}`,
  promoted: (t) => `Une place s’est libérée : ${t}`,
  moved_to_waitlist: (t) => `Votre inscription passe en liste d’attente : ${t}`,
  reminder: (t) => `C’est demain : ${t}`,
  event_updated: (t) => `Changement d’horaire ou de lieu : ${t}`,
  event_cancelled: (t) => `Événement annulé : ${t}`,
  registration_cancelled: (t) => `Inscription annulée : ${t}`,
};

/** The e-mail to a registrant, in French, with the calendar invitation when it changes their calendar. */
export function eventEmail(input: EventMailInput): MailMessage {
  const e = input.event;
  const whenText = whenOf(e);
  const lines: Record<EventMail, string[]> = {
    confirm_request: [
      `Vous avez demandé à vous inscrire à « ${e.title} », ${whenText}.`,
      `Pour réserver votre place, confirmez votre inscription avec le lien ci-dessous avant le ${when.format(input.holdEndsAt)}. Sans confirmation, la demande sera annulée.`,
      'Si vous n’avez rien demandé, ignorez ce message : personne ne sera inscrit avec votre adresse.',
    ],
    already_registered: [
      `Une demande d’inscription à « ${e.title} » vient d’être faite avec votre adresse, qui est déjà inscrite (${input.status === 'waitlisted' ? `liste d’attente, rang ${input.waitlistPosition ?? '?'}` : 'place confirmée'}).`,
      'Vous n’avez rien à faire : votre inscription reste telle quelle.',
    ],
    confirmed: [`Votre inscription à « ${e.title} » est confirmée.`, `Rendez-vous ${whenText}.`, 'L’invitation jointe ajoute l’événement à votre agenda.'],
    waitlisted: [
      `« ${e.title} » est complet pour le moment : vous êtes sur la liste d’attente (rang ${input.waitlistPosition ?? '?'}).`,
      'Si une place se libère, elle vous sera attribuée automatiquement et vous recevrez un message.',
    ],
    promoted: [`Une place s’est libérée : votre inscription à « ${e.title} » est confirmée.`, `Rendez-vous ${whenText}.`],
    moved_to_waitlist: [
      `L’organisateur a dû réduire le nombre de places de « ${e.title} » : votre inscription passe en tête de la liste d’attente.`,
      'Vous serez prévenu·e dès qu’une place se libère.',
    ],
    reminder: [`Rappel : « ${e.title} » a lieu ${whenText}.`],
    event_updated: [`L’horaire ou le lieu de « ${e.title} » a changé.`, `Nouveau rendez-vous ${whenText}.`, 'L’invitation jointe met à jour votre agenda.'],
    event_cancelled: [`« ${e.title} », prévu ${whenText}, est annulé.`, 'Nous sommes désolés pour ce contretemps.'],
    registration_cancelled: [`Votre inscription à « ${e.title} » est annulée.`],
  };
  const body = lines[input.mail];
  const place = whereOf(e);
  if (place && ['confirmed', 'promoted', 'reminder', 'event_updated'].includes(input.mail)) body.push(`Lieu : ${place}.`);
  const links = [
    input.links?.confirm ? { label: 'Confirmer mon inscription', url: input.links.confirm } : null,
    input.links?.cancel ? { label: 'Vous ne pourrez pas venir ? Annulez votre inscription pour libérer votre place', url: input.links.cancel } : null,
  ].filter((l) => l !== null);
  const text = ['Bonjour,', '', ...body, ...links.flatMap((l) => ['', `${l.label} :`, l.url]), '', 'L’équipe Passerelle'].join('\n');
  const html = `<p>Bonjour,</p>\n${body.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n${links
    .map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>`)
    .join('\n')}\n<p>L’équipe Passerelle</p>`;
  const message: MailMessage = { to: input.to, subject: SUBJECTS[input.mail](e.title), text, html };
  if (['confirmed', 'promoted', 'event_updated'].includes(input.mail)) message.icalEvent = { method: 'REQUEST', content: eventInvitation(input, 'REQUEST') };
  if (['event_cancelled', 'registration_cancelled', 'moved_to_waitlist'].includes(input.mail))
    message.icalEvent = { method: 'CANCEL', content: eventInvitation(input, 'CANCEL') };
  return message;
}
