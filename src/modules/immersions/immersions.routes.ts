import { createRoute, z } from '@hono/zod-openapi';
import type { Role } from '../../core/actor.js';
import { immersionAgreementLifecycle, SIGNATORY_PARTIES, type AgreementAction } from '../../domain/immersion-agreement-lifecycle.js';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { idParam, listOf } from '../../http/fields.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { historySchema } from '../lifecycle/index.js';
import { cancelAgreement, rejectAgreement, sendForSignature, validateAgreement } from './change-agreement-status.js';
import { createAgreement } from './create-agreement.js';
import { agreementListQuery, agreementSchema, createAgreementBody, reasonBody, updateAgreementBody } from './immersions.schemas.js';
import { getAgreement, getAgreementHistory, listAgreements } from './read-agreements.js';
import { updateAgreement } from './update-agreement.js';
import { resendSignatureLink } from './resend-signature-link.js';
import { agreementPdf } from './agreement-pdf.js';

/** The roles the state machine allows on an action: the route refuses the others (403) before reading anything. */
const allowedTo = (action: AgreementAction) =>
  requireRole(...(immersionAgreementLifecycle.actions[action].by.filter((b) => b !== 'system') as Role[]));
const readers = requireRole('advisor', 'employer', 'admin');
/** The advisor prescribes: they prepare and edit (the machine's `amend` roles). */
const preparers = allowedTo('amend');

const tags = ['Immersions'];

export function immersionsRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/immersions',
      tags,
      summary: 'Prepare an immersion agreement (PMSMP) for a youth of your structure, from a slot, from an accepted match, or with an employer directly',
      description:
        'From a match (`matchId`), the youth, the employer and the slot come from it: a field saying otherwise is a 422 `contradicts_match`; a match outside your structure is a 404, one not accepted (or with another agreement in play) a 409. A closed or full slot is a 409; every broken legal rule comes back at once in one 422.',
      security: secured,
      middleware: [preparers] as const,
      request: { body: body(createAgreementBody) },
      responses: { 201: json(agreementSchema, 'Created as a draft'), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await createAgreement(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersions',
      tags,
      summary: "List immersion agreements (advisors: their structure's; employers: their organisation's)",
      security: secured,
      middleware: [readers] as const,
      request: { query: agreementListQuery },
      responses: { 200: json(listOf(agreementSchema, 'ImmersionAgreementList')), ...errorResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listAgreements(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersions/{id}',
      tags,
      summary: 'One agreement, with its signatures and the tutor’s assessment',
      security: secured,
      middleware: [readers] as const,
      request: { params: idParam },
      responses: { 200: json(agreementSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getAgreement(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/immersions/{id}',
      tags,
      summary: 'Change the fields given; after a signature, every signature is cleared and new links are sent',
      security: secured,
      middleware: [preparers] as const,
      request: { params: idParam, body: body(updateAgreementBody) },
      responses: { 200: json(agreementSchema), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await updateAgreement(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersions/{id}/history',
      tags,
      summary: 'Every change of status: who, from, to, when, why',
      security: secured,
      middleware: [readers] as const,
      request: { params: idParam },
      responses: { 200: json(historySchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getAgreementHistory(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersions/{id}/agreement.pdf',
      tags,
      summary: 'The agreement as a PDF: parties, dates, schedule and total hours, objective, tutor, signatures',
      security: secured,
      middleware: [readers] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'The agreement', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { filename, bytes } = await agreementPdf(c.get('deps'), actorOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"` });
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/immersions/{id}/signatures/{party}/resend',
      tags,
      summary: 'Send a signatory a new signature link (the old one stops working); not more often than the cooldown',
      security: secured,
      middleware: [preparers] as const,
      request: { params: idParam.extend({ party: z.enum(SIGNATORY_PARTIES).openapi({ param: { name: 'party', in: 'path' } }) }) },
      responses: {
        202: json(z.object({ party: z.enum(SIGNATORY_PARTIES), email: z.string(), queued: z.boolean() }).openapi('SignatureLinkResent'), 'Queued'),
        ...errorResponses(401, 403, 404, 409, 422, 429),
      },
    }),
    async (c) => {
      const { id, party } = c.req.valid('param');
      return c.json(await resendSignatureLink(c.get('deps'), actorOf(c), id, party), 202);
    },
  );

  /** A move of the lifecycle: POST /v1/immersions/{id}/<path>, with a reason for the closing ones. */
  const moveRoute = (path: string, action: AgreementAction, summary: string, withReason: boolean) =>
    createRoute({
      method: 'post',
      path: `/v1/immersions/{id}/${path}`,
      tags,
      summary,
      security: secured,
      middleware: [allowedTo(action)] as const,
      request: { params: idParam, ...(withReason ? { body: body(reasonBody) } : {}) },
      responses: { 200: json(agreementSchema), ...errorResponses(...(withReason ? [400, 415] : []), 401, 403, 404, 409, 422) },
    });

  for (const move of [
    { path: 'send-for-signature', action: 'send_for_signature', run: sendForSignature, summary: 'Send the draft to its signatories (single-use links by e-mail)' },
    { path: 'validate', action: 'validate', run: validateAgreement, summary: 'Validate an agreement signed by all parties' },
  ] as const)
    router.openapi(moveRoute(move.path, move.action, move.summary, false), async (c) =>
      c.json(await move.run(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
    );

  for (const move of [
    { path: 'reject', action: 'reject', run: rejectAgreement, summary: 'Reject an agreement signed by all parties, with a reason' },
    { path: 'cancel', action: 'cancel', run: cancelAgreement, summary: 'Call the immersion off before its end, with a reason' },
  ] as const)
    router.openapi(moveRoute(move.path, move.action, move.summary, true), async (c) => {
      // Validated by the route's body schema (422 with field errors before this runs).
      const { reason } = c.req.valid('json' as never) as { reason: string };
      return c.json(await move.run(c.get('deps'), actorOf(c), c.req.valid('param').id, reason), 200);
    });

  return router;
}
