import type { Context } from 'hono';
import { html } from 'hono/html';
import { formPostsFromHere } from '../../http/pages/forms.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors.js';
import { actorOfToken } from '../../http/auth.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter, type AppEnv } from '../../http/context.js';
import { emailSchema } from '../../http/fields.js';
import { field, notice, renderPage } from '../../http/pages/layout.js';
import type { Deps } from '../../deps.js';
import { formValue } from './account-pages.js';
import { createLoginLimiter } from './login-limiter.js';
import { login, logout } from './login.js';

export const ADMIN_SIGN_IN_PATH = '/admin/connexion';
export const ADMIN_SIGN_OUT_PATH = '/admin/deconnexion';
/** Where the cookie goes: the admin pages only, never the API (whose writes trust bearer tokens alone). */
const ADMIN_PATH = '/admin';
const COOKIE = 'passerelle_admin';
/** A console session is short: an unattended browser does not stay an admin for long. */
const ADMIN_SESSION_MINUTES = 30;

/** Only a path of the admin console may follow the sign-in: never another site. */
function nextPath(value: string | undefined, fallback: string): string {
  return value && /^\/admin\/[\w/-]*$/.test(value) && !value.startsWith(ADMIN_SIGN_IN_PATH) ? value : fallback;
}

function signInForm(c: Context, page: { next: string; email?: string; error?: string; status?: 401 | 403 | 422 | 429 }) {
  return renderPage(c, {
    title: 'Administration : se connecter',
    status: page.status,
    body: html`${page.error ? notice('error', page.error) : ''}
<p>Réservé aux administrateurs de Passerelle. La session dure ${ADMIN_SESSION_MINUTES} minutes.</p>
<form method="post" action="${ADMIN_SIGN_IN_PATH}" novalidate>
<input type="hidden" name="suite" value="${page.next}">
${field({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'username', value: page.email })}
${field({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password' })}
<button type="submit">Se connecter</button>
</form>`,
  });
}

/**
 * The admin console's sign-in from a browser: a French page over the login use case (same
 * limits), giving admins only a short session in an HttpOnly, SameSite=Strict cookie scoped
 * to /admin (Secure when the service is served over https).
 */
export function adminSessionPages(deps: Deps, home: string) {
  const router = createRouter();
  const limiter = createLoginLimiter(deps);
  const secure = deps.config.PUBLIC_BASE_URL.startsWith('https:');
  router.use(ADMIN_SIGN_IN_PATH, formPostsFromHere());
  router.use(ADMIN_SIGN_OUT_PATH, formPostsFromHere());

  router.get(ADMIN_SIGN_IN_PATH, (c) => signInForm(c, { next: nextPath(c.req.query('suite'), home) }));

  router.post(ADMIN_SIGN_IN_PATH, async (c) => {
    const form = await c.req.parseBody();
    const next = nextPath(formValue(form, 'suite'), home);
    const typed = formValue(form, 'email');
    const email = emailSchema.safeParse(typed);
    const password = formValue(form, 'password');
    if (!email.success || password === '' || password.length > 256) {
      return signInForm(c, { next, email: typed, status: 422, error: 'Saisissez l’adresse e-mail et le mot de passe de votre compte.' });
    }
    try {
      const session = await login(c.get('deps'), limiter, { email: email.data, password, ip: clientIp(c) }, { roles: ['admin'], ttlMinutes: ADMIN_SESSION_MINUTES });
      setCookie(c, COOKIE, session.token, { path: ADMIN_PATH, httpOnly: true, secure, sameSite: 'Strict', maxAge: ADMIN_SESSION_MINUTES * 60 });
      return c.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const again = { next, email: typed };
      if (err.code === 'invalid_credentials') return signInForm(c, { ...again, status: 401, error: 'Adresse e-mail ou mot de passe incorrect.' });
      if (err.code === 'forbidden') return signInForm(c, { ...again, status: 403, error: 'Ce compte n’est pas un compte administrateur.' });
      if (err.code === 'too_many_requests') {
        const seconds = Number(err.extra.retryAfter ?? 60);
        c.header('retry-after', String(seconds));
        return signInForm(c, { ...again, status: 429, error: `Trop de tentatives : réessayez dans ${Math.ceil(seconds / 60)} minute(s).` });
      }
      throw err;
    }
  });

  router.post(ADMIN_SIGN_OUT_PATH, async (c) => {
    const token = getCookie(c, COOKIE);
    const actor = token ? await actorOfToken(c.get('deps'), token) : undefined;
    if (actor) await logout(c.get('deps'), actor.sessionId);
    deleteCookie(c, COOKIE, { path: ADMIN_PATH, secure });
    return c.redirect(ADMIN_SIGN_IN_PATH, 303);
  });

  return router;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * For the admin console (after `authenticate`): a valid session cookie stands for a bearer
 * token. Changes made with the cookie must come from the console itself (Origin checked, on
 * top of SameSite=Strict). A browser with no session is sent to the sign-in page; other
 * clients get the 401 of `requireRole`.
 */
export const adminCookieSession = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('actor')) return next();
  const token = getCookie(c, COOKIE);
  const actor = token ? await actorOfToken(c.get('deps'), token) : undefined;
  if (actor) {
    const origins = [new URL(c.req.url).origin, new URL(c.get('deps').config.PUBLIC_BASE_URL).origin];
    if (!SAFE_METHODS.includes(c.req.method) && !origins.includes(c.req.header('origin') ?? '')) {
      throw new AppError('forbidden', 'Changes from the admin console must come from its own pages.');
    }
    c.set('actor', actor);
    return next();
  }
  if (c.req.method === 'GET' && c.req.header('accept')?.includes('text/html')) {
    return c.redirect(`${ADMIN_SIGN_IN_PATH}?suite=${encodeURIComponent(c.req.path)}`, 303);
  }
  return next();
});
