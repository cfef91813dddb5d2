import { createRoute } from '@hono/zod-openapi';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { idParam } from '../../http/fields.js';
import { candidatesForOffer, candidatesForSlot } from './candidates.js';
import {
  candidatesQuery,
  candidatesSchema,
  declineMatchBody,
  listMatchesQuery,
  matchListSchema,
  matchSchema,
  outcomeBody,
  proposeMatchBody,
  suggestionsQuery,
  suggestionsSchema,
} from './matches.schemas.js';
import { proposeMatch } from './propose-match.js';
import { acceptMatch, declineMatch, recordOutcome, withdrawMatch } from './answer-match.js';
import { getMatch, listMatches } from './read-matches.js';
import { suggestForYouth } from './suggestions.js';

/** Suggestions and candidates are the advisor's work: an employer (or anyone else) gets 403. */
const advisor = requireRole('advisor');
/** Matches are read and moved by both sides (and admins read them); the match machine says who may take which move. */
const party = requireRole('advisor', 'employer', 'admin');

export function matchesRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/youth/{id}/suggestions',
      tags: ['Matching'],
      summary: 'Ranked, explained offers or immersion slots for a youth of your structure (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: suggestionsQuery },
      responses: { 200: json(suggestionsSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await suggestForYouth(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers/{id}/candidates',
      tags: ['Matching'],
      summary: 'The youth of your structure who consented, ranked for this offer (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: candidatesQuery },
      responses: { 200: json(candidatesSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await candidatesForOffer(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/immersion-slots/{id}/candidates',
      tags: ['Matching'],
      summary: 'The youth of your structure who consented, ranked for this immersion slot (advisor)',
      security: secured,
      middleware: [advisor] as const,
      request: { params: idParam, query: candidatesQuery },
      responses: { 200: json(candidatesSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await candidatesForSlot(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/matches',
      tags: ['Matches'],
      summary: 'Propose a youth of your structure for an offer or an immersion slot (advisor)',
      description: 'The youth must have consented (else 422) and not be ruled out by the score (422 with the blockers); a closed offer or slot, or an active proposal for the pair, is a 409. The employer is e-mailed; reminder after MATCH_REMINDER_DAYS, expiry after MATCH_EXPIRY_DAYS.',
      security: secured,
      middleware: [advisor] as const,
      request: { body: body(proposeMatchBody) },
      responses: { 201: json(matchSchema, 'Proposed'), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await proposeMatch(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/matches',
      tags: ['Matches'],
      summary: "Matches in your scope (employer: proposals to your organisation, anonymised; advisor: your structure's youth)",
      security: secured,
      middleware: [party] as const,
      request: { query: listMatchesQuery },
      responses: { 200: json(matchListSchema), ...errorResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listMatches(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/matches/{id}',
      tags: ['Matches'],
      summary: 'One match; an employer who accepted it sees the contact details (each reveal audited)',
      security: secured,
      middleware: [party] as const,
      request: { params: idParam },
      responses: { 200: json(matchSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getMatch(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  const move = (path: string, summary: string) =>
    createRoute({
      method: 'post',
      path: `/v1/matches/{id}/${path}`,
      tags: ['Matches'],
      summary,
      security: secured,
      middleware: [party] as const,
      request: { params: idParam },
      responses: { 200: json(matchSchema), ...errorResponses(401, 403, 404, 409, 422) },
    });

  router.openapi(move('accept', 'Accept a proposal (employer): the contact details are revealed for this match'), async (c) =>
    c.json(await acceptMatch(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(move('withdraw', 'Withdraw a proposal (advisor)'), async (c) =>
    c.json(await withdrawMatch(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/matches/{id}/decline',
      tags: ['Matches'],
      summary: 'Decline a proposal with a reason from the list (employer)',
      security: secured,
      middleware: [party] as const,
      request: { params: idParam, body: body(declineMatchBody) },
      responses: { 200: json(matchSchema), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await declineMatch(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/matches/{id}/outcome',
      tags: ['Matches'],
      summary: 'What became of an accepted match: hired, not_hired, immersion_started, no_show (employer or advisor); after an immersion, hired, not_hired or no_show',
      security: secured,
      middleware: [party] as const,
      request: { params: idParam, body: body(outcomeBody) },
      responses: { 200: json(matchSchema), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await recordOutcome(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').outcome), 200),
  );

  return router;
}
