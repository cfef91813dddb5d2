import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { formPostsFromHere } from '../../http/pages/forms.js';
import { AppError, fieldErrorsFromZod, ValidationError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter, type AppEnv } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { idParam } from '../../http/fields.js';
import { mediaType } from '../../http/input.js';
import { jsonResponse as json } from '../../http/openapi.js';
import { loadEventView } from './event-dto.js';
import { doneLinkPage, eventPage, linkActionPage, linkGonePage, notFoundPage, problemPage, publicEventPath, type RegistrationFormState } from './event-pages.js';
import { publicRegistrationAnswer, publicRegistrationBody } from './events.schemas.js';
import { cancelByLink, confirmPublicRegistration, createPublicRegistration, findPublicEvent } from './public-registrations.js';
import { CANCEL_PATH, CONFIRM_PATH, openRegistrationLink } from './registration-links.js';

const FORM = 'application/x-www-form-urlencoded';
const isForm = (c: Context) => mediaType(c.req.header('content-type') ?? '') === FORM;

/** French messages of the form's fields (the API's are in English, for developers). */
const FIELD_MESSAGES = {
  fullName: 'Indiquez votre prénom et votre nom (200 caractères au plus).',
  email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
  phone: 'Saisissez un numéro de téléphone français, par exemple 06 12 34 56 78, ou laissez le champ vide.',
} as const;

const SENT_MESSAGE = 'Check your mailbox: the e-mail sent to this address says what to do next (confirm within the hold, or nothing to do).';

const LINK_PAGES = {
  confirm: {
    title: 'Confirmer votre inscription',
    text: 'Pour réserver votre place, confirmez votre inscription à cet événement. S’il est complet, vous serez placé·e en liste d’attente.',
    button: 'Confirmer mon inscription',
  },
  cancel: {
    title: 'Annuler votre inscription',
    text: 'Vous ne pourrez pas venir ? Annulez votre inscription : votre place ira à la première personne de la liste d’attente.',
    button: 'Annuler mon inscription',
  },
};

const formValue = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

async function eventWithSeats(deps: Deps, id: string) {
  if (!z.uuid().safeParse(id).success || !(await findPublicEvent(deps.db, id))) return null;
  const view = await loadEventView(deps.db, id);
  return { view, seatsLeft: Math.max(0, view.youthCapacity - view.youthConfirmed) };
}

/** Runs the action of an e-mail link's page; a link that no longer opens gets its French page (404 or 410). */
async function linkPage(c: Context<AppEnv>, action: () => Promise<Response>) {
  try {
    return await action();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'link_invalid'))
      return linkGonePage(c, err.extra.reason as string | undefined, err.code === 'not_found' ? 404 : 410);
    throw err;
  }
}

/**
 * Registration of the public: the event's page (`GET /events/{id}`), the API that its form
 * and any client post to, and the pages of the e-mail links. One use case behind the JSON and
 * the form: JSON callers get 202 or problem+json, the form a French page.
 */
export function publicRegistrationRoutes(deps: Deps) {
  const router = createRouter();
  const requestRegistration = createPublicRegistration(deps);
  // Forms are posted from these pages only (Origin checked); JSON is not a form and passes.
  for (const path of ['/v1/public/events/*', CONFIRM_PATH, CANCEL_PATH]) router.use(path, formPostsFromHere());

  router.get('/events/:id', async (c) => {
    const found = await eventWithSeats(c.get('deps'), c.req.param('id'));
    if (!found) return notFoundPage(c);
    return eventPage(c, found.view, found.seatsLeft, { sent: c.req.query('demande') === 'envoyee' });
  });

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/public/events/{id}/registrations',
      tags: ['Event registrations'],
      summary: 'Ask to register to a published public event (anyone; double opt-in by e-mail)',
      description:
        'Always the same answer, whether or not the address is already registered: the e-mail sent says what to do (a link to confirm within EVENT_HOLD_HOURS, or that the address is already registered). Rate-limited per client address and per e-mail (429). An HTML form post (application/x-www-form-urlencoded, from the event page) gets French pages instead: a 303 to the event page once sent.',
      request: {
        params: idParam,
        // Not `required`: each content type is validated only when it is the one sent (a body is checked below).
        body: { content: { 'application/json': { schema: publicRegistrationBody }, [FORM]: { schema: publicRegistrationBody } } },
      },
      responses: {
        202: json(publicRegistrationAnswer, 'Request received: the next step is in the e-mail'),
        303: { description: 'Form posts: to the event page, which says the e-mail was sent' },
        ...errorResponses(403, 404, 409, 415, 422, 429),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const form = isForm(c);
      if (!form && mediaType(c.req.header('content-type') ?? '') !== 'application/json')
        throw new AppError('unsupported_media_type', 'Send the body as application/json (or the form of the event page).');
      const input = form ? c.req.valid('form') : c.req.valid('json');
      try {
        const answer = await requestRegistration(id, input, clientIp(c));
        if (form) return c.redirect(`${publicEventPath(id)}?demande=envoyee#inscription`, 303);
        return c.json({ ...answer, message: SENT_MESSAGE }, 202);
      } catch (err) {
        if (!form || !(err instanceof AppError)) throw err;
        return formProblem(c, id, err, input);
      }
    },
    (result, c) => {
      if (result.success) return undefined;
      const raw = (result as { data?: unknown }).data;
      const errors = fieldErrorsFromZod(result.error.issues, [], raw);
      if (result.target === 'param' && isForm(c)) return notFoundPage(c);
      if (result.target !== 'form') throw new ValidationError(errors.map((e) => (result.target === 'json' ? e : { ...e, path: `${result.target}.${e.path}` })));
      return invalidForm(c, raw as Record<string, unknown>, errors);
    },
  );

  /** The form again, with what was typed and a French message next to each field at fault. */
  async function invalidForm(c: Context<AppEnv>, body: Record<string, unknown>, errors: { path: string }[]) {
    const found = await eventWithSeats(c.get('deps'), c.req.param('id') ?? '');
    if (!found) return notFoundPage(c);
    const state: RegistrationFormState = {
      values: { fullName: formValue(body, 'fullName'), email: formValue(body, 'email'), phone: formValue(body, 'phone') },
      errors: Object.fromEntries(errors.map((e) => [e.path, FIELD_MESSAGES[e.path as keyof typeof FIELD_MESSAGES]])),
    };
    return eventPage(c, found.view, found.seatsLeft, state, 422);
  }

  async function formProblem(c: Context<AppEnv>, id: string, err: AppError, input: { fullName: string; email: string; phone?: string }) {
    const found = await eventWithSeats(c.get('deps'), id);
    if (!found || err.code === 'not_found') return notFoundPage(c);
    const values = { fullName: input.fullName, email: input.email, phone: input.phone };
    if (err.code === 'too_many_requests')
      return problemPage(c, 'Trop de demandes', `Trop de demandes d’inscription ont été faites depuis votre connexion ou pour cette adresse. Réessayez dans ${Math.ceil(Number(err.extra.retryAfter ?? 60) / 60)} minute(s).`, 429);
    if (err.code === 'conflict') return eventPage(c, found.view, found.seatsLeft, { values, problem: 'Les inscriptions à cet événement sont closes.' }, 409);
    throw err;
  }

  // The link's page changes nothing (mail scanners open links): its button posts.
  for (const [path, purpose, page] of [
    [CONFIRM_PATH, 'confirm', LINK_PAGES.confirm],
    [CANCEL_PATH, 'cancel', LINK_PAGES.cancel],
  ] as const) {
    router.get(path, (c) =>
      linkPage(c, async () => {
        const token = c.req.query('token') ?? '';
        const link = await openRegistrationLink(c.get('deps').db, token, purpose);
        return linkActionPage(c, { e: link.event, action: path, token, ...page });
      }),
    );
  }

  router.post(CONFIRM_PATH, (c) =>
    linkPage(c, async () => {
      const token = formValue(await c.req.parseBody(), 'token');
      const confirmed = await confirmPublicRegistration(c.get('deps'), token);
      const { status, waitlistPosition, event } = confirmed;
      if (confirmed.status === 'already_registered')
        return doneLinkPage(
          c,
          'Vous êtes déjà inscrit·e',
          `Votre conseiller·ère vous a déjà inscrit·e à cet événement : ${confirmed.heldStatus === 'waitlisted' ? 'vous êtes sur la liste d’attente' : 'votre place est réservée'}. Votre demande faite sur cette page est donc annulée ; rien d’autre à faire.`,
          event,
        );
      if (status === 'confirmed')
        return doneLinkPage(c, 'Inscription confirmée', 'Votre place est réservée. Un e-mail de confirmation avec l’invitation pour votre agenda vient de vous être envoyé.', event);
      return doneLinkPage(
        c,
        'Vous êtes en liste d’attente',
        `L’événement est complet : vous êtes sur la liste d’attente (rang ${waitlistPosition ?? '?'}). Si une place se libère, elle vous sera attribuée automatiquement et vous serez prévenu·e par e-mail.`,
        event,
      );
    }),
  );

  router.post(CANCEL_PATH, (c) =>
    linkPage(c, async () => {
      const token = formValue(await c.req.parseBody(), 'token');
      const { event } = await cancelByLink(c.get('deps'), token);
      return doneLinkPage(c, 'Inscription annulée', 'Votre inscription est annulée. Merci d’avoir libéré votre place.', event);
    }),
  );

  return router;
}
