import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../deps.js';
import { actorOf, requireRole } from '../../http/auth.js';
import { clientIp } from '../../http/client-ip.js';
import { createRouter } from '../../http/context.js';
import { errorResponses } from '../../http/errors.js';
import { bearer as secured, jsonBody as body, jsonResponse as json } from '../../http/openapi.js';
import { createEmployerBody, createStructureBody, createUserBody, employerSchema, loginBody, loginResponse, setPasswordBody, structureSchema, userSchema } from './accounts.schemas.js';
import { createEmployer, getEmployer, listEmployers } from './employers.js';
import { login, logout } from './login.js';
import { createLoginLimiter } from './login-limiter.js';
import { setPassword } from './set-password.js';
import { createStructure, getStructure, listStructures } from './structures.js';
import { getUser, inviteUser, listUsers } from './users.js';
import { idParam, listOf, pageQuery } from '../../http/fields.js';

const anyone = requireRole();
const admin = requireRole('admin');

export function accountsRoutes(deps: Deps) {
  const router = createRouter();
  const limiter = createLoginLimiter(deps);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags: ['Auth'],
      summary: 'Exchange e-mail and password for a bearer token',
      request: { body: body(loginBody) },
      responses: { 200: json(loginResponse), ...errorResponses(400, 401, 415, 422, 429) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await login(c.get('deps'), limiter, { ...input, ip: clientIp(c) });
      return c.json(result, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/logout',
      tags: ['Auth'],
      summary: 'Revoke the current token',
      security: secured,
      middleware: [anyone] as const,
      responses: { 204: { description: 'Revoked' }, ...errorResponses(401) },
    }),
    async (c) => {
      await logout(c.get('deps'), actorOf(c).sessionId);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/set-password',
      tags: ['Auth'],
      summary: 'Set the first password with the single-use link of an invitation',
      request: { body: body(setPasswordBody) },
      responses: {
        200: json(z.object({ status: z.literal('active'), email: z.string() })),
        ...errorResponses(400, 410, 415, 422),
      },
    }),
    async (c) => {
      const user = await setPassword(c.get('deps'), c.req.valid('json'));
      return c.json({ status: 'active' as const, email: user.email }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['Auth'],
      summary: 'The authenticated user',
      security: secured,
      middleware: [anyone] as const,
      responses: { 200: json(userSchema), ...errorResponses(401) },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(await getUser(c.get('deps'), actor, actor.userId), 200);
    },
  );

  // --- Structures (Missions Locales) ---
  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/structures',
      tags: ['Accounts'],
      summary: 'Create a structure (admin)',
      security: secured,
      middleware: [admin] as const,
      request: { body: body(createStructureBody) },
      responses: { 201: json(structureSchema, 'Created'), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(await createStructure(c.get('deps'), c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/structures',
      tags: ['Accounts'],
      summary: 'List structures (admin: all; advisor, organiser: their own)',
      security: secured,
      middleware: [anyone] as const,
      request: { query: pageQuery },
      responses: { 200: json(listOf(structureSchema, 'StructureList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listStructures(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/structures/{id}',
      tags: ['Accounts'],
      summary: 'One structure',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(structureSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getStructure(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  // --- Employer organisations ---
  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/employers',
      tags: ['Accounts'],
      summary: 'Register an employer organisation by its SIRET (admin)',
      security: secured,
      middleware: [admin] as const,
      request: { body: body(createEmployerBody) },
      responses: { 201: json(employerSchema, 'Created'), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => c.json(await createEmployer(c.get('deps'), c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/employers',
      tags: ['Accounts'],
      summary: 'List employer organisations (admin: all; employer: their own)',
      security: secured,
      middleware: [anyone] as const,
      request: { query: pageQuery },
      responses: { 200: json(listOf(employerSchema, 'EmployerList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listEmployers(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/employers/{id}',
      tags: ['Accounts'],
      summary: 'One employer organisation',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(employerSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getEmployer(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  // --- Users ---
  router.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      tags: ['Accounts'],
      summary: 'Invite a user (admin): the invitation e-mail carries a single-use link to set a password',
      security: secured,
      middleware: [admin] as const,
      request: { body: body(createUserBody) },
      responses: { 201: json(userSchema, 'Invited'), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => c.json(await inviteUser(c.get('deps'), c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      tags: ['Accounts'],
      summary: 'List users (admin: all; others: their structure or organisation)',
      security: secured,
      middleware: [anyone] as const,
      request: { query: pageQuery },
      responses: { 200: json(listOf(userSchema, 'UserList')), ...errorResponses(401, 422) },
    }),
    async (c) => c.json(await listUsers(c.get('deps'), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users/{id}',
      tags: ['Accounts'],
      summary: 'One user, within your structure or organisation',
      security: secured,
      middleware: [anyone] as const,
      request: { params: idParam },
      responses: { 200: json(userSchema), ...errorResponses(401, 404, 422) },
    }),
    async (c) => c.json(await getUser(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
  );

  return router;
}
