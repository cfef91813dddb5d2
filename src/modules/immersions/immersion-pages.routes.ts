import type { Context } from 'hono';
import { AppError } from '../../core/errors.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter } from '../../http/context.js';
import type { AppEnv } from '../../http/context.js';
import { PAGE_HEADERS } from '../../http/pages/layout.js';
import { linkErrorPage, signedPage, signPage } from './immersion-pages.js';
import { readSignatureLink, signAgreement } from './sign-agreement.js';
import type { SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';

/** Renders a page, or the French page of a refused link with its status (404 unknown, 410 used or expired). */
async function pageOrLinkError(c: Context<AppEnv>, render: () => Promise<{ status: 200 | 422; body: string }>) {
  try {
    const { status, body } = await render();
    return c.body(body, status, PAGE_HEADERS);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'link_invalid'))
      return c.body(linkErrorPage(err.extra.reason as string | undefined), err.code === 'not_found' ? 404 : 410, PAGE_HEADERS);
    throw err;
  }
}

/**
 * The pages of the e-mail links, server-rendered in French, for people without an account:
 * `GET /sign/{token}` shows the whole agreement and a form; posting it signs.
 */
export function immersionPagesRoutes() {
  const router = createRouter();

  router.get('/sign/:token', (c) =>
    pageOrLinkError(c, async () => {
      const { view, party } = await readSignatureLink(c.get('deps'), c.req.param('token'));
      return { status: 200, body: signPage(view, party as SignatoryParty, c.req.path) };
    }),
  );

  router.post('/sign/:token', (c) =>
    pageOrLinkError(c, async () => {
      const deps = c.get('deps');
      const token = c.req.param('token');
      const form = await c.req.parseBody();
      if (form.accept !== 'yes') {
        const { view, party } = await readSignatureLink(deps, token);
        return { status: 422, body: signPage(view, party as SignatoryParty, c.req.path, 'Cochez la case pour confirmer que vous acceptez la convention.') };
      }
      const { view } = await signAgreement(deps, token, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
      return { status: 200, body: signedPage(view) };
    }),
  );

  return router;
}
