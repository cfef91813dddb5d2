import { html, page, type Html } from '../../http/pages/plain-layout.js';
import { ATTENDANCE, type ImmersionObjective, type SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { dayMinutes, totalHours } from '../../domain/immersion-rules.js';
import type { AgreementView } from './agreement-dto.js';
import { ATTENDANCE_LABELS, frenchDate, OBJECTIVE_LABELS, PARTY_LABELS } from './immersion-labels.js';

/** The pages behind the e-mail links: the whole agreement to sign, the tutor's assessment. */

const hours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(2).replace('.', ',')} h`;
const weekday = (date: string) => new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));


/** The whole agreement, as every signatory reads it before signing. */
export function agreementSections(view: AgreementView): Html {
  const a = view.agreement;
  const youthName = `${view.youth.firstName} ${view.youth.lastName}`;
  return html`
<section aria-labelledby="parties">
<h2 id="parties">Les parties</h2>
<dl>
<dt>Bénéficiaire</dt><dd>${youthName}</dd>
<dt>Entreprise d’accueil</dt><dd>${view.employerName}, représentée par ${a.employerRepName} (${a.employerRepRole})</dd>
<dt>Tuteur ou tutrice</dt><dd>${a.tutorName} (${a.tutorRole}), ${a.tutorEmail}, ${a.tutorPhone}</dd>
${a.legalRepName ? html`<dt>Représentant·e légal·e</dt><dd>${a.legalRepName}, ${a.legalRepEmail}</dd>` : ''}
<dt>Structure d’accompagnement (prescripteur)</dt><dd>${view.structureName}</dd>
</dl>
</section>
<section aria-labelledby="period">
<h2 id="period">Période et horaires</h2>
<p>Du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}, ${hours(totalHours(a.schedule))} en tout.</p>
<table>
<caption>Horaires jour par jour</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Horaires</th><th scope="col">Durée</th></tr></thead>
<tbody>
${a.schedule.map(
  (d) =>
    html`<tr><td>${weekday(d.date)} ${frenchDate(d.date)}</td><td>${d.ranges.map((r) => `${r.from}–${r.to}`).join(', ')}</td><td>${hours(dayMinutes(d) / 60)}</td></tr>`,
)}
</tbody>
</table>
</section>
<section aria-labelledby="content">
<h2 id="content">Contenu de l’immersion</h2>
<dl>
<dt>Objectif</dt><dd>${OBJECTIVE_LABELS[a.objective as ImmersionObjective]}</dd>
<dt>Activités</dt><dd>${a.activities}</dd>
<dt>Compétences à observer</dt><dd>${a.skillsToObserve.length ? a.skillsToObserve.join(', ') : 'Non précisées'}</dd>
</dl>
</section>
<section aria-labelledby="signatures">
<h2 id="signatures">Signatures</h2>
<ul>
${view.signatures.map(
  (s) =>
    html`<li>${PARTY_LABELS[s.party]} : ${s.signedAt ? `signé le ${frenchDate(s.signedAt.toISOString().slice(0, 10))}` : 'pas encore signé'}</li>`,
)}
</ul>
</section>`;
}

export function signPage(view: AgreementView, party: SignatoryParty, action: string, error?: string): string {
  return page(
    'Convention d’immersion professionnelle',
    html`
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>Vous êtes invité·e à signer cette convention en tant que <strong>${PARTY_LABELS[party]}</strong>. Lisez-la en entier avant de signer.</p>
${agreementSections(view)}
<section aria-labelledby="sign">
<h2 id="sign">Signer</h2>
<form method="post" action="${action}">
<label class="check" for="accept"><input type="checkbox" id="accept" name="accept" value="yes" required>
<span>J’ai lu la convention et j’en accepte les termes.</span></label>
<button type="submit">Signer la convention</button>
</form>
<p>La date, l’heure et l’adresse de connexion de votre signature sont enregistrées.</p>
</section>`,
  );
}

export function signedPage(view: AgreementView): string {
  const all = view.signatures.every((s) => s.signedAt);
  return page(
    'Convention signée',
    html`<p class="ok" role="status">Merci, votre signature est enregistrée.</p>
<p>${all ? 'Toutes les parties ont signé : la Mission Locale va maintenant valider la convention.' : 'La convention attend encore la signature des autres parties.'}</p>
${agreementSections(view)}`,
  );
}

export function assessPage(view: AgreementView, action: string, error?: string): string {
  const a = view.agreement;
  const youthName = `${view.youth.firstName} ${view.youth.lastName}`;
  return page(
    `Bilan de l’immersion de ${youthName}`,
    html`
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>${a.tutorName}, vous avez accueilli ${youthName} du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}. Votre bilan aide la Mission Locale à l’accompagner.</p>
<form method="post" action="${action}">
<fieldset>
<legend>Présence</legend>
${ATTENDANCE.map(
  (value) => html`<label class="check" for="attendance-${value}"><input type="radio" id="attendance-${value}" name="attendance" value="${value}" required> <span>${ATTENDANCE_LABELS[value]}</span></label>`,
)}
</fieldset>
<fieldset>
<legend>Compétences observées</legend>
${a.skillsToObserve.map(
  (skill, i) => html`<label class="check" for="skill-${i}"><input type="checkbox" id="skill-${i}" name="skills" value="${skill}"> <span>${skill}</span></label>`,
)}
<label for="other-skills">Autres compétences observées (une par ligne)</label>
<textarea id="other-skills" name="otherSkills" rows="3"></textarea>
</fieldset>
<fieldset>
<legend>Seriez-vous prêt·e à recruter ce ou cette jeune ?</legend>
<label class="check" for="hire-yes"><input type="radio" id="hire-yes" name="wouldHire" value="yes" required> <span>Oui</span></label>
<label class="check" for="hire-no"><input type="radio" id="hire-no" name="wouldHire" value="no" required> <span>Non</span></label>
</fieldset>
<label for="comments">Commentaires</label>
<textarea id="comments" name="comments" rows="5" maxlength="5000"></textarea>
<button type="submit">Envoyer le bilan</button>
</form>`,
  );
}

export function assessedPage(): string {
  return page('Bilan envoyé', html`<p class="ok" role="status">Merci, votre bilan est enregistré. La Mission Locale en prend connaissance.</p>`);
}

const LINK_ERRORS: Record<string, string> = {
  used: 'Ce lien a déjà servi : il ne sert qu’une fois.',
  superseded: 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.',
  expired: 'Ce lien a expiré. Demandez-en un nouveau à la Mission Locale.',
  agreement_moved_on: 'Cette convention n’attend plus cette action (elle a été modifiée, signée, annulée ou le bilan a déjà été donné).',
};

export function linkErrorPage(reason: string | undefined): string {
  return page(
    'Lien invalide',
    html`<p class="error" role="alert">${(reason && LINK_ERRORS[reason]) ?? 'Ce lien n’existe pas. Vérifiez qu’il est complet, ou demandez-en un nouveau à la Mission Locale.'}</p>`,
  );
}
