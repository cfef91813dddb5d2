import { html } from 'hono/html';
import { formPostsFromHere } from '../../http/pages/forms.js';
import type { Context } from 'hono';
import type { Deps } from '../../deps.js';
import { AppError } from '../../core/errors.js';
import { createRouter } from '../../http/context.js';
import { emailSchema } from '../../http/fields.js';
import { field, notice, renderPage } from '../../http/pages/layout.js';
import { passwordSchema } from './accounts.schemas.js';
import { createPasswordReset } from './password-reset.js';
import { WeakPasswordError } from './passwords.js';
import { isPasswordLinkUsable, setPassword } from './set-password.js';

export const SET_PASSWORD_PATH = '/activer-mon-compte';
export const FORGOT_PASSWORD_PATH = '/mot-de-passe-oublie';

/** French messages for the password rules (the API's are in English for developers). */
const passwordMessages: Record<string, string> = {
  too_small: 'Au moins 12 caractères.',
  too_big: 'Au plus 256 caractères.',
  weak_password: 'Ce mot de passe est trop facile à deviner : allongez-le ou mêlez plusieurs mots.',
};

function linkGone(c: Context) {
  return renderPage(c, {
    title: 'Ce lien n’est plus valide',
    status: 410,
    body: html`${notice('error', 'Ce lien a déjà servi, a expiré ou a été remplacé par un lien plus récent.')}
<p><a href="${FORGOT_PASSWORD_PATH}">Recevoir un nouveau lien par e-mail</a></p>`,
  });
}

function setPasswordForm(c: Context, token: string, errors: { password?: string; confirmation?: string } = {}) {
  return renderPage(c, {
    title: 'Choisir votre mot de passe',
    status: errors.password || errors.confirmation ? 422 : 200,
    body: html`${errors.password || errors.confirmation ? notice('error', 'Le mot de passe n’a pas été enregistré : corrigez le champ signalé.') : ''}
<form method="post" action="${SET_PASSWORD_PATH}" novalidate>
<input type="hidden" name="token" value="${token}">
${field({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'new-password', hint: 'Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.', error: errors.password })}
${field({ name: 'confirmation', label: 'Le même mot de passe, une seconde fois', type: 'password', autocomplete: 'new-password', error: errors.confirmation })}
<button type="submit">Enregistrer mon mot de passe</button>
</form>`,
  });
}

function forgotForm(c: Context, email = '', error?: string) {
  return renderPage(c, {
    title: 'Mot de passe oublié',
    status: error ? 422 : 200,
    body: html`<p>Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
<form method="post" action="${FORGOT_PASSWORD_PATH}" novalidate>
${field({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', value: email, error })}
<button type="submit">Recevoir un lien</button>
</form>`,
  });
}

/** The estimator's own French words: what makes it guessable, then how to do better. */
function weakPasswordMessage({ weakness }: WeakPasswordError): string {
  const advice = [weakness.warning, ...weakness.suggestions].filter((line): line is string => Boolean(line)).map((line) => (/[.!?]$/.test(line) ? line : `${line}.`));
  return [passwordMessages.weak_password, ...advice].join(' ');
}

/** A text field of a posted form ('' when absent or a file). */
export const formValue = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

/** Pages of the invitation and "forgot my password" links: HTML forms over the same use cases as the API. */
export function accountPages(deps: Deps) {
  const router = createRouter();
  const requestPasswordReset = createPasswordReset(deps);
  // Forms are posted from these pages only (Origin checked), never from another site.
  router.use(SET_PASSWORD_PATH, formPostsFromHere());
  router.use(FORGOT_PASSWORD_PATH, formPostsFromHere());

  router.get(SET_PASSWORD_PATH, async (c) => {
    const token = c.req.query('token') ?? '';
    if (!(await isPasswordLinkUsable(c.get('deps'), token))) return linkGone(c);
    return setPasswordForm(c, token);
  });

  router.post(SET_PASSWORD_PATH, async (c) => {
    const body = await c.req.parseBody();
    const token = formValue(body, 'token');
    const password = formValue(body, 'password');
    if (!(await isPasswordLinkUsable(c.get('deps'), token))) return linkGone(c);
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const code = issue.code === 'custom' ? String(issue.params?.code) : issue.code;
      return setPasswordForm(c, token, { password: passwordMessages[code] ?? 'Ce mot de passe ne convient pas.' });
    }
    if (formValue(body, 'confirmation') !== password) return setPasswordForm(c, token, { confirmation: 'Les deux saisies ne sont pas identiques.' });
    try {
      const user = await setPassword(c.get('deps'), { token, password: parsed.data });
      return renderPage(c, {
        title: 'Mot de passe enregistré',
        body: html`${notice('success', html`Votre mot de passe est enregistré. Vous pouvez vous connecter avec l’adresse <strong>${user.email}</strong>.`)}`,
      });
    } catch (err) {
      if (err instanceof WeakPasswordError) return setPasswordForm(c, token, { password: weakPasswordMessage(err) });
      if (err instanceof AppError && err.code === 'link_invalid') return linkGone(c);
      throw err;
    }
  });

  router.get(FORGOT_PASSWORD_PATH, (c) => forgotForm(c));

  router.post(FORGOT_PASSWORD_PATH, async (c) => {
    const raw = formValue(await c.req.parseBody(), 'email');
    const email = emailSchema.safeParse(raw);
    if (!email.success) return forgotForm(c, raw, 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.');
    await requestPasswordReset(email.data);
    return renderPage(c, {
      title: 'Vérifiez votre messagerie',
      body: html`${notice('info', html`Si un compte existe pour <strong>${email.data}</strong>, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien ne sert qu’une fois.`)}
<p>Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou <a href="${FORGOT_PASSWORD_PATH}">demandez un nouveau lien</a>.</p>`,
    });
  });

  return router;
}
