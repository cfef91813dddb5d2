import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { events } from '../../../db/schema/index.js';
import { field, notice, renderPage, type Fragment } from '../../http/pages/layout.js';
import type { EventKind } from '../../domain/event-lifecycle.js';
import { when, whenOf, whereOf } from './event-emails.js';

/** The French pages of public events: the event and its registration form, the confirmation and cancellation links. */

type EventRow = typeof events.$inferSelect;

const KIND_LABELS: Record<EventKind, string> = { forum: 'Forum', workshop: 'Atelier', info_session: 'Réunion d’information' };

export const publicEventPath = (id: string) => `/events/${id}`;
export const publicRegistrationPath = (id: string) => `/v1/public/events/${id}/registrations`;

/**
 * Where it takes place, for anyone: the address, but not the online link (it would let anyone in
 * without a seat): that goes out with the confirmation.
 */
function publicPlace(e: EventRow): string {
  const online = e.onlineUrl ? 'en ligne (le lien est envoyé avec la confirmation)' : null;
  const text = [whereOf({ ...e, onlineUrl: null }), online].filter(Boolean).join(' — ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Précisé dans l’e-mail de confirmation';
}

/** The facts of an event, as a visitor reads them before registering. */
function eventFacts(e: EventRow, seatsLeft?: number) {
  return html`<dl class="facts">
<dt>Type</dt><dd>${KIND_LABELS[e.kind]}</dd>
<dt>Date</dt><dd>${whenOf(e).replace(/^le /, 'Le ')}</dd>
<dt>Lieu</dt><dd>${publicPlace(e)}</dd>
${seatsLeft === undefined ? '' : html`<dt>Places</dt><dd>${seatsLeft > 0 ? `${seatsLeft} place${seatsLeft > 1 ? 's' : ''} disponible${seatsLeft > 1 ? 's' : ''}` : 'Complet : les nouvelles inscriptions vont en liste d’attente'}</dd>`}
</dl>`;
}

export interface RegistrationFormState {
  values?: { fullName?: string; email?: string; phone?: string };
  errors?: { fullName?: string; email?: string; phone?: string };
  sent?: boolean;
  problem?: string;
}

/** `GET /events/{id}`: the event, and the form to register to it while registrations are open. */
export function eventPage(c: Context, e: EventRow, seatsLeft: number, state: RegistrationFormState = {}, status: ContentfulStatusCode = 200) {
  const open = e.registrationDeadline.getTime() >= Date.now();
  const hasErrors = Object.values(state.errors ?? {}).some(Boolean);
  const v = state.values ?? {};
  const form = html`<h2 id="inscription">S’inscrire</h2>
${hasErrors ? notice('error', 'Votre demande n’a pas été envoyée : corrigez les champs signalés.') : ''}
${state.problem ? notice('error', state.problem) : ''}
<p>Inscriptions ouvertes jusqu’au ${when.format(e.registrationDeadline)}. Vous recevrez un e-mail avec un lien pour confirmer votre inscription.</p>
<form method="post" action="${publicRegistrationPath(e.id)}" novalidate aria-labelledby="inscription">
${field({ name: 'fullName', label: 'Prénom et nom', autocomplete: 'name', value: v.fullName, error: state.errors?.fullName })}
${field({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', value: v.email, error: state.errors?.email, hint: 'Le lien de confirmation y sera envoyé.' })}
${field({ name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', autocomplete: 'tel', value: v.phone, error: state.errors?.phone, required: false, hint: 'Pour être prévenu·e en cas de changement de dernière minute.' })}
<button type="submit">Demander mon inscription</button>
</form>`;
  let registration: Fragment = form;
  if (state.sent)
    registration = notice(
      'success',
      html`Demande reçue. Un e-mail vient d’être envoyé à l’adresse indiquée : suivez le lien qu’il contient pour confirmer votre inscription. Rien reçu après quelques minutes ? Regardez dans les courriers indésirables.`,
    );
  else if (!open) registration = notice('info', 'Les inscriptions à cet événement sont closes.');
  return renderPage(c, {
    title: e.title,
    status,
    body: html`${eventFacts(e, seatsLeft)}
${e.description.split(/\n\s*\n/).map((p) => html`<p>${p}</p>`)}
${registration}`,
  });
}

export function notFoundPage(c: Context) {
  return renderPage(c, {
    title: 'Page introuvable',
    status: 404,
    body: notice('error', 'Cet événement n’existe pas, n’est pas ouvert au public ou a été annulé.'),
  });
}

/** A page that says why a request was refused (registrations closed, too many requests…). */
export function problemPage(c: Context, title: string, text: string, status: ContentfulStatusCode) {
  return renderPage(c, { title, status, body: notice('error', text) });
}

const LINK_REASONS: Record<string, string> = {
  used: 'Ce lien a déjà servi.',
  expired: 'Ce lien a expiré.',
  event_closed: 'L’événement a été annulé ou est terminé.',
  registrations_closed: 'Les inscriptions à cet événement sont closes : la demande n’a pas été confirmée à temps.',
  registration_cancelled: 'Cette inscription a été annulée (sans confirmation dans le délai, ou à votre demande).',
  already_done: 'Ce lien ne sert plus : l’inscription a déjà été confirmée ou a changé depuis.',
};

/** A link that no longer opens: 404 when unknown (mistyped or tampered with), 410 when used, expired or moot. */
export function linkGonePage(c: Context, reason: string | undefined, status: 404 | 410) {
  return renderPage(c, {
    title: 'Ce lien n’est plus valide',
    status,
    body: notice('error', status === 404 ? 'Ce lien est incomplet ou erroné : copiez-le en entier depuis l’e-mail reçu.' : (LINK_REASONS[reason ?? ''] ?? 'Ce lien ne fonctionne plus.')),
  });
}

/** The page of an e-mail link: what it does, and a button that does it (a GET changes nothing, whatever fetches it). */
export function linkActionPage(c: Context, input: { e: EventRow; action: string; token: string; title: string; text: string; button: string }) {
  return renderPage(c, {
    title: input.title,
    body: html`<p>${input.text}</p>
<h2>${input.e.title}</h2>
${eventFacts(input.e)}
<form method="post" action="${input.action}">
<input type="hidden" name="token" value="${input.token}">
<button type="submit">${input.button}</button>
</form>`,
  });
}

export function doneLinkPage(c: Context, title: string, text: string, e: EventRow) {
  return renderPage(c, { title, body: html`${notice('success', text)}<h2>${e.title}</h2>${eventFacts(e)}` });
}
