import { createRoute, z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import { actorOf, requireRole } from '../../http/auth.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { idParam, listOf, plainText } from '../../http/fields.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { FRANCE_TIME_ZONE } from '../../core/calendar.js';
import {
  createEventBody,
  eventListQuery,
  eventSchema,
  eventStatsSchema,
  jobDatingQuery,
  jobDatingSchema,
  registerBody,
  registrationListQuery,
  registrationParams,
  registrationSchema,
  updateEventBody,
} from './events.schemas.js';
import { jobDatingSuggestions } from './job-dating.js';
import { cancelEvent, createEvent, getEvent, listEvents, publishEvent, updateEvent } from './manage-events.js';
import {
  attendanceSheet,
  cancelRegistration,
  checkInRegistration,
  eventStatistics,
  listRegistrations,
  registerToEvent,
} from './registrations.js';

const anyone = requireRole();
const organisers = requireRole('organiser', 'admin');
const registrants = requireRole('advisor', 'employer');
const cancelBody = z.object({ reason: plainText({ min: 0, max: 500 }).optional() }).openapi('CancelEvent');

/** Labels of the attendance sheet, in French: it is printed and read on the day. */
const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Inscrit·e',
  waitlisted: 'Liste d’attente',
  attended: 'Présent·e',
  no_show: 'Absent·e',
};
const KIND_LABELS: Record<string, string> = { youth: 'Jeune', employer: 'Employeur (stand)', public: 'Public' };
const frenchDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: FRANCE_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

export function eventsRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/events',
      tags: ['Events'],
      summary: 'Create a forum, workshop or information session (a draft) for your structure',
      security: secured,
      middleware: [organisers] as const,
      request: { body: body(createEventBody) },
      responses: { 201: json(eventSchema, 'Created'), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(await createEvent(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events',
      tags: ['Events'],
      summary: "List events, soonest first (organisers: their structure's; others: published ones)",
      security: secured,
      middleware: [anyone] as const,
      request: { query: eventListQuery },
      responses: { 200: json(listOf(eventSchema, 'EventList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listEvents(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}',
      tags: ['Events'],
      summary: 'One event, within your scope',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(eventSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getEvent(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/events/{id}',
      tags: ['Events'],
      summary: 'Change the fields given (a capacity below the confirmed seats needs moveToWaitlist)',
      security: secured,
      middleware: [organisers] as const,
      request: { params: idParam, body: body(updateEventBody) },
      responses: { 200: json(eventSchema), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await updateEvent(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  for (const [action, summary] of [
    ['publish', 'Open registrations'],
    ['cancel', 'Cancel the event'],
  ] as const) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `/v1/events/{id}/${action}`,
        tags: ['Events'],
        summary,
        security: secured,
        middleware: [organisers] as const,
        request: { params: idParam, body: { required: false, content: { 'application/json': { schema: cancelBody } } } },
        responses: { 200: json(eventSchema), ...errorResponses(401, 403, 404, 409, 422) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const deps = c.get('deps');
        if (action === 'publish') return c.json(await publishEvent(deps, actorOf(c), id), 200);
        const reason = (c.req.valid('json') as { reason?: string } | undefined)?.reason;
        return c.json(await cancelEvent(deps, actorOf(c), id, reason), 200);
      },
    );
  }

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/events/{id}/registrations',
      tags: ['Event registrations'],
      summary: 'Register a youth of your structure (advisor) or book a stand at a forum (employer)',
      security: secured,
      middleware: [registrants] as const,
      request: { params: idParam, body: body(registerBody) },
      responses: { 201: json(registrationSchema, 'Registered: confirmed, or waitlisted when full'), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => c.json(await registerToEvent(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}/registrations',
      tags: ['Event registrations'],
      summary: 'Registrations you may see (organisers: all; advisors: your youth; employers: your stand)',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam, query: registrationListQuery },
      responses: { 200: json(listOf(registrationSchema, 'EventRegistrationList')), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await listRegistrations(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}/registrations.csv',
      tags: ['Event registrations'],
      summary: 'The attendance sheet (UTF-8 with BOM, semicolons), for spreadsheets',
      security: secured,
      middleware: [organisers] as const,
      request: { params: idParam },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { event, rows } = await attendanceSheet(c.get('deps'), actorOf(c), c.req.valid('param').id);
      const csv = stringify(
        rows.map((r) => [KIND_LABELS[r.kind], r.name ?? '', r.structureName ?? '', r.email ?? '', r.phone ?? '', STATUS_LABELS[r.status] ?? r.status, r.waitlistPosition ?? '', '']),
        { bom: true, delimiter: ';', header: true, columns: ['Type', 'Nom', 'Structure', 'E-mail', 'Téléphone', 'Statut', 'Rang en liste d’attente', 'Signature'], record_delimiter: 'windows' },
      );
      const filename = `emargement-${frenchDateTime.format(event.startsAt).slice(0, 10).split('/').reverse().join('-')}.csv`;
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}/statistics',
      tags: ['Events'],
      summary: 'Registered, confirmed, waitlisted, attended and no-shows, by kind and by structure',
      security: secured,
      middleware: [organisers] as const,
      request: { params: idParam },
      responses: { 200: json(eventStatsSchema), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json((await eventStatistics(c.get('deps'), actorOf(c), c.req.valid('param').id)) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/events/{id}/registrations/{rid}/cancel',
      tags: ['Event registrations'],
      summary: 'Cancel a registration you may see; the seat goes to the first on the waitlist',
      security: secured,
      middleware: [anyone] as const,
      request: { params: registrationParams },
      responses: { 200: json(registrationSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id, rid } = c.req.valid('param');
      return c.json(await cancelRegistration(c.get('deps'), actorOf(c), id, rid), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}/suggestions',
      tags: ['Events'],
      summary: 'Job dating: for each youth of your structure registered to the forum, the offers of the employers present that fit them',
      security: secured,
      middleware: [requireRole('advisor')] as const,
      request: { params: idParam, query: jobDatingQuery },
      responses: { 200: json(jobDatingSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await jobDatingSuggestions(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  for (const [path, action, summary] of [
    ['check-in', 'check_in', 'Record that the registrant came (on the day)'],
    ['no-show', 'mark_no_show', 'Record that the registrant did not come (on the day)'],
  ] as const) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `/v1/events/{id}/registrations/{rid}/${path}`,
        tags: ['Event registrations'],
        summary,
        security: secured,
        middleware: [organisers] as const,
        request: { params: registrationParams },
        responses: { 200: json(registrationSchema), ...errorResponses(401, 403, 404, 409, 422) },
      }),
      async (c) => {
        const { id, rid } = c.req.valid('param');
        return c.json(await checkInRegistration(c.get('deps'), actorOf(c), id, rid, action), 200);
      },
    );
  }

  return router;
}
