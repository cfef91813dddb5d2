import type { Context } from 'hono';
import { html } from 'hono/html';
import { choices, field, notice, renderPage } from '../../http/pages/layout.js';
import { ATTENDANCE, type Attendance, type ImmersionObjective, type SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { dayMinutes, totalHours } from '../../domain/immersion-rules.js';
import type { AgreementView } from './agreement-dto.js';
import { ATTENDANCE_LABELS, frenchDate, frenchDateTime, frenchHours, OBJECTIVE_LABELS, PARTY_LABELS } from './immersion-labels.js';

/** The pages behind the e-mail links, on the shared layout: the whole agreement to sign, the tutor's assessment. */

const weekday = (date: string) => new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** The whole agreement, as every signatory reads it before signing. */
function agreementSections(view: AgreementView) {
  const a = view.agreement;
  const youthName = `${view.youth.firstName} ${view.youth.lastName}`;
  return html`<section aria-labelledby="parties">
<h2 id="parties">Les parties</h2>
<dl>
<dt>Bénéficiaire</dt><dd>${youthName}</dd>
<dt>Entreprise d’accueil</dt><dd>${view.employerName}, représentée par ${a.employerRepName} (${a.employerRepRole})</dd>
<dt>Tuteur ou tutrice</dt><dd>${a.tutorName} (${a.tutorRole}), ${a.tutorEmail}, ${a.tutorPhone}</dd>
${a.legalRepName ? html`<dt>Représentant·e légal·e</dt><dd>${a.legalRepName}, ${a.legalRepEmail}</dd>` : ''}
<dt>Structure d’accompagnement (prescripteur)</dt><dd>${view.structureName}</dd>
</dl>
</section>
<section aria-labelledby="periode">
<h2 id="periode">Période et horaires</h2>
<p>Du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}, ${frenchHours(totalHours(a.schedule))} en tout.</p>
<table>
<caption>Horaires jour par jour</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Horaires</th><th scope="col">Durée</th></tr></thead>
<tbody>
${a.schedule.map(
  (d) =>
    html`<tr><td>${weekday(d.date)} ${frenchDate(d.date)}</td><td>${d.ranges.map((r) => `${r.from}–${r.to}`).join(', ')}</td><td>${frenchHours(dayMinutes(d) / 60)}</td></tr>`,
)}
</tbody>
</table>
</section>
<section aria-labelledby="contenu-immersion">
<h2 id="contenu-immersion">Contenu de l’immersion</h2>
<dl>
<dt>Objectif</dt><dd>${OBJECTIVE_LABELS[a.objective as ImmersionObjective]}</dd>
<dt>Activités</dt><dd>${a.activities}</dd>
<dt>Compétences à observer</dt><dd>${a.skillsToObserve.length ? a.skillsToObserve.join(', ') : 'Non précisées'}</dd>
</dl>
</section>
<section aria-labelledby="signatures">
<h2 id="signatures">Signatures</h2>
<ul>
${view.signatures.map((s) => html`<li>${PARTY_LABELS[s.party]} : ${s.signedAt ? `signé le ${frenchDateTime(s.signedAt)} (heure de Paris)` : 'pas encore signé'}</li>`)}
</ul>
</section>`;
}

export function signPage(c: Context, view: AgreementView, party: SignatoryParty, error?: string) {
  return renderPage(c, {
    title: 'Convention d’immersion professionnelle',
    status: error ? 422 : 200,
    body: html`${error ? notice('error', 'La convention n’est pas encore signée : corrigez le champ signalé.') : ''}
<p>Vous êtes invité·e à signer cette convention en tant que <strong>${PARTY_LABELS[party]}</strong>. Lisez-la en entier avant de signer.</p>
${agreementSections(view)}
<section aria-labelledby="signer">
<h2 id="signer">Signer</h2>
<form method="post" action="${c.req.path}">
${choices({
  name: 'accept',
  legend: 'Votre accord',
  type: 'checkbox',
  options: [{ value: 'yes', label: 'J’ai lu la convention et j’en accepte les termes.' }],
  required: true,
  error,
})}
<button type="submit">Signer la convention</button>
</form>
<p>La date, l’heure et l’adresse de connexion de votre signature sont enregistrées.</p>
</section>`,
  });
}

export function signedPage(c: Context, view: AgreementView) {
  const all = view.signatures.every((s) => s.signedAt);
  return renderPage(c, {
    title: 'Convention signée',
    body: html`${notice('success', 'Merci, votre signature est enregistrée.')}
<p>${all ? 'Toutes les parties ont signé : la Mission Locale va maintenant valider la convention.' : 'La convention attend encore la signature des autres parties.'}</p>
${agreementSections(view)}`,
  });
}

/** What the tutor entered, shown again when the form comes back with an error. */
export interface AssessmentFormValues {
  attendance?: string;
  skills: string[];
  otherSkills: string;
  wouldHire?: string;
  comments: string;
}

export type AssessmentField = 'attendance' | 'skills' | 'wouldHire' | 'comments';

export function assessPage(c: Context, view: AgreementView, entered?: AssessmentFormValues, error?: { field: AssessmentField; message: string }) {
  const a = view.agreement;
  const youthName = `${view.youth.firstName} ${view.youth.lastName}`;
  const errorOf = (name: AssessmentField) => (error?.field === name ? error.message : undefined);
  const values = entered ?? { skills: [], otherSkills: '', comments: '' };
  return renderPage(c, {
    title: `Bilan de l’immersion de ${youthName}`,
    status: error ? 422 : 200,
    body: html`${error ? notice('error', 'Le bilan n’est pas encore envoyé : corrigez le champ signalé.') : ''}
<p>${a.tutorName}, vous avez accueilli ${youthName} du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}. Votre bilan aide la Mission Locale à l’accompagner.</p>
<form method="post" action="${c.req.path}">
${choices({
  name: 'attendance',
  legend: 'Présence',
  type: 'radio',
  options: ATTENDANCE.map((value: Attendance) => ({ value, label: ATTENDANCE_LABELS[value] })),
  checked: values.attendance ? [values.attendance] : [],
  required: true,
  error: errorOf('attendance'),
})}
${
  a.skillsToObserve.length
    ? choices({
        name: 'skills',
        legend: 'Compétences observées',
        type: 'checkbox',
        options: a.skillsToObserve.map((skill) => ({ value: skill, label: skill })),
        checked: values.skills,
        error: errorOf('skills'),
      })
    : ''
}
${field({
  name: 'otherSkills',
  label: 'Autres compétences observées (une par ligne)',
  multiline: { rows: 3 },
  value: values.otherSkills,
  required: false,
  error: a.skillsToObserve.length ? undefined : errorOf('skills'),
})}
${choices({
  name: 'wouldHire',
  legend: 'Seriez-vous prêt·e à recruter ce ou cette jeune ?',
  type: 'radio',
  options: [
    { value: 'yes', label: 'Oui' },
    { value: 'no', label: 'Non' },
  ],
  checked: values.wouldHire ? [values.wouldHire] : [],
  required: true,
  error: errorOf('wouldHire'),
})}
${field({ name: 'comments', label: 'Commentaires', multiline: { rows: 5 }, maxLength: 5000, value: values.comments, required: false, error: errorOf('comments') })}
<button type="submit">Envoyer le bilan</button>
</form>`,
  });
}

export function assessedPage(c: Context) {
  return renderPage(c, {
    title: 'Bilan envoyé',
    body: notice('success', 'Merci, votre bilan est enregistré. La Mission Locale en prend connaissance.'),
  });
}

const LINK_ERRORS: Record<string, string> = {
  used: 'Ce lien a déjà servi : il ne sert qu’une fois.',
  superseded: 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.',
  expired: 'Ce lien a expiré. Demandez-en un nouveau à la Mission Locale.',
  agreement_moved_on: 'Cette convention n’attend plus cette action (elle a été modifiée, signée, annulée ou le bilan a déjà été donné).',
};

/** An unknown link (404), or one used, superseded, expired or moot (410). */
export function linkErrorPage(c: Context, status: 404 | 410, reason: string | undefined) {
  return renderPage(c, {
    title: 'Lien invalide',
    status,
    body: notice('error', (reason && LINK_ERRORS[reason]) ?? 'Ce lien n’existe pas. Vérifiez qu’il est complet, ou demandez-en un nouveau à la Mission Locale.'),
  });
}
