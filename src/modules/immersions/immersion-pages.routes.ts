import type { Context } from 'hono';
import { AppError } from '../../core/errors.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter } from '../../http/context.js';
import type { AppEnv } from '../../http/context.js';
import { PAGE_HEADERS } from '../../http/pages/plain-layout.js';
import { assessedPage, assessPage, linkErrorPage, signedPage, signPage } from './immersion-pages.js';
import { assessAgreement, readAssessmentLink, type AssessmentInput } from './assess-agreement.js';
import { ATTENDANCE, type Attendance } from '../../domain/immersion-agreement-lifecycle.js';
import { readSignatureLink, signAgreement } from './sign-agreement.js';
import type { SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** The tutor's form, read as the page's fields; a French message when it cannot be accepted. */
function readAssessmentForm(form: Record<string, unknown>): AssessmentInput | string {
  // Postgres cannot store a NUL character (the JSON API refuses it the same way).
  if (Object.values(form).flatMap(list).some((v) => v.includes('\u0000'))) return 'Le texte contient un caractère invalide.';
  const attendance = form.attendance;
  if (typeof attendance !== 'string' || !ATTENDANCE.includes(attendance as Attendance)) return 'Indiquez la présence du ou de la jeune.';
  if (form.wouldHire !== 'yes' && form.wouldHire !== 'no') return 'Indiquez si vous seriez prêt·e à recruter ce ou cette jeune.';
  const skills = [...list(form.skills), ...list(form.otherSkills).flatMap((v) => v.split(/\r?\n/))]
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (skills.length > 40 || skills.some((v) => v.length > 200)) return 'Listez au plus 40 compétences de 200 caractères chacune.';
  const comments = typeof form.comments === 'string' ? form.comments.trim() : '';
  if (comments.length > 5000) return 'Le commentaire dépasse 5 000 caractères.';
  return { attendance: attendance as Attendance, skillsObserved: [...new Set(skills)], wouldHire: form.wouldHire === 'yes', comments: comments || null };
}

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
 * `GET /assess/{token}` is the tutor's assessment form; posting it closes the agreement.
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

  router.get('/assess/:token', (c) =>
    pageOrLinkError(c, async () => ({ status: 200, body: assessPage(await readAssessmentLink(c.get('deps'), c.req.param('token')), c.req.path) })),
  );

  router.post('/assess/:token', (c) =>
    pageOrLinkError(c, async () => {
      const deps = c.get('deps');
      const token = c.req.param('token');
      const input = readAssessmentForm(await c.req.parseBody({ all: true }));
      if (typeof input === 'string') return { status: 422, body: assessPage(await readAssessmentLink(deps, token), c.req.path, input) };
      await assessAgreement(deps, token, input, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
      return { status: 200, body: assessedPage() };
    }),
  );

  return router;
}
