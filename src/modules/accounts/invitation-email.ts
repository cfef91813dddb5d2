import { escapeHtml, type MailMessage } from '../../adapters/mailer.js';

const roleLabels = {
  admin: 'administrateur·rice de la plateforme',
  advisor: 'conseiller·ère',
  organiser: 'organisateur·rice de forums et d’ateliers',
  employer: 'employeur',
} as const;

/** The invitation e-mail, in French: it is read by the person invited. */
export function invitationEmail(input: {
  to: string;
  firstName: string;
  role: keyof typeof roleLabels;
  link: string;
  expiresInHours: number;
}): MailMessage {
  const text = [
    `Bonjour ${input.firstName},`,
    '',
    `Un compte Passerelle a été créé pour vous en tant que ${roleLabels[input.role]}.`,
    'Pour l’activer, choisissez votre mot de passe en suivant ce lien :',
    '',
    input.link,
    '',
    `Ce lien ne sert qu’une fois et expire dans ${input.expiresInHours} heures.`,
    'Si vous n’attendiez pas cette invitation, ignorez simplement ce message.',
    '',
    'L’équipe Passerelle',
  ].join('\n');
  const html = `<p>Bonjour ${escapeHtml(input.firstName)},</p>
<p>Un compte Passerelle a été créé pour vous en tant que ${roleLabels[input.role]}.</p>
<p><a href="${escapeHtml(input.link)}">Choisir mon mot de passe</a></p>
<p>Ce lien ne sert qu’une fois et expire dans ${input.expiresInHours} heures.
Si vous n’attendiez pas cette invitation, ignorez simplement ce message.</p>
<p>L’équipe Passerelle</p>`;
  return { to: input.to, subject: 'Activez votre compte Passerelle', text, html };
}

/** "Forgot my password": the same kind of single-use link, shorter-lived. */
export function passwordResetEmail(input: { to: string; firstName: string; link: string; expiresInMinutes: number }): MailMessage {
  const text = [
    `Bonjour ${input.firstName},`,
    '',
    'Vous avez demandé à choisir un nouveau mot de passe pour votre compte Passerelle.',
    'Suivez ce lien :',
    '',
    input.link,
    '',
    `Ce lien ne sert qu’une fois et expire dans ${input.expiresInMinutes} minutes.`,
    'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.',
    '',
    'L’équipe Passerelle',
  ].join('\n');
  const html = `<p>Bonjour ${escapeHtml(input.firstName)},</p>
<p>Vous avez demandé à choisir un nouveau mot de passe pour votre compte Passerelle.</p>
<p><a href="${escapeHtml(input.link)}">Choisir un nouveau mot de passe</a></p>
<p>Ce lien ne sert qu’une fois et expire dans ${input.expiresInMinutes} minutes.
Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.</p>
<p>L’équipe Passerelle</p>`;
  return { to: input.to, subject: 'Nouveau mot de passe Passerelle', text, html };
}

