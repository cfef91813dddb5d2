import type { Context } from 'hono';
import { AppError } from '../../core/errors.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter } from '../../http/context.js';
import { plainText, singleLineText } from '../../http/fields.js';
import type { AppEnv } from '../../http/context.js';
import { assessedPage, assessPage, linkErrorPage, signedPage, signPage, type AssessmentField, type AssessmentFormValues } from './immersion-pages.js';
import { assessAgreement, readAssessmentLink, type AssessmentInput } from './assess-agreement.js';
import { ATTENDANCE, type Attendance, type SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { readSignatureLink, signAgreement } from './sign-agreement.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const skillText = singleLineText({ max: 200 });
const commentsText = plainText({ max: 5000, min: 0 });

/**
 * The tutor's form, read as the page's fields: the assessment, or the field at fault with a
 * French message (and what was entered, to show it again).
 */
function readAssessmentForm(form: Record<string, unknown>): { input: AssessmentInput } | { values: AssessmentFormValues; error: { field: AssessmentField; message: string } } {
  const values: AssessmentFormValues = {
    attendance: text(form.attendance) || undefined,
    skills: list(form.skills),
    otherSkills: text(form.otherSkills),
    wouldHire: text(form.wouldHire) || undefined,
    comments: text(form.comments),
  };
  const refuse = (field: AssessmentField, message: string) => ({ values, error: { field, message } });
  if (!ATTENDANCE.includes(values.attendance as Attendance)) return refuse('attendance', 'Indiquez la présence du ou de la jeune.');
  if (values.wouldHire !== 'yes' && values.wouldHire !== 'no') return refuse('wouldHire', 'Indiquez si vous seriez prêt·e à recruter ce ou cette jeune.');
  // The same text rules as the JSON API: one visible line per skill, plain text for comments.
  const skills: string[] = [];
  for (const entry of [...values.skills, ...values.otherSkills.split(/\r?\n/)]) {
    if (entry.trim() === '') continue;
    const skill = skillText.safeParse(entry);
    if (!skill.success) return refuse('skills', 'Chaque compétence tient en une ligne de 200 caractères au plus, sans caractère de contrôle ni invisible.');
    skills.push(skill.data);
  }
  if (skills.length > 40) return refuse('skills', 'Listez au plus 40 compétences.');
  const parsedComments = commentsText.safeParse(values.comments);
  if (!parsedComments.success)
    return refuse('comments', parsedComments.error.issues.some((i) => i.code === 'too_big') ? 'Le commentaire dépasse 5 000 caractères.' : 'Le commentaire contient un caractère de contrôle ou de mise en forme invisible.');
  const comments = parsedComments.data;
  return { input: { attendance: values.attendance as Attendance, skillsObserved: [...new Set(skills)], wouldHire: values.wouldHire === 'yes', comments: comments || null } };
}

/** Renders a page, or the French page of a refused link (404 unknown, 410 used, superseded, expired or moot). */
async function pageOrLinkError(c: Context<AppEnv>, render: () => Promise<Response>) {
  try {
    return await render();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'link_invalid'))
      return linkErrorPage(c, err.code === 'not_found' ? 404 : 410, err.extra.reason as string | undefined);
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
      return signPage(c, view, party as SignatoryParty);
    }),
  );

  router.post('/sign/:token', (c) =>
    pageOrLinkError(c, async () => {
      const deps = c.get('deps');
      const token = c.req.param('token');
      const form = await c.req.parseBody();
      if (form.accept !== 'yes') {
        const { view, party } = await readSignatureLink(deps, token);
        return signPage(c, view, party as SignatoryParty, 'Cochez la case pour confirmer que vous acceptez la convention.');
      }
      const { view } = await signAgreement(deps, token, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
      return signedPage(c, view);
    }),
  );

  router.get('/assess/:token', (c) => pageOrLinkError(c, async () => assessPage(c, await readAssessmentLink(c.get('deps'), c.req.param('token')))));

  router.post('/assess/:token', (c) =>
    pageOrLinkError(c, async () => {
      const deps = c.get('deps');
      const token = c.req.param('token');
      const read = readAssessmentForm(await c.req.parseBody({ all: true }));
      if ('error' in read) return assessPage(c, await readAssessmentLink(deps, token), read.values, read.error);
      await assessAgreement(deps, token, read.input, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
      return assessedPage(c);
    }),
  );

  return router;
}
