import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { sessions, users } from '../../db/schema/index.js';
import type { Actor, Role } from '../core/actor.js';
import { AppError, ForbiddenError } from '../core/errors.js';
import { hashToken } from '../core/tokens.js';
import type { AppEnv } from './context.js';
import type { Deps } from '../deps.js';
import type { Db } from '../../db/client.js';

/** Resolves the bearer token, if any, into c.var.actor. Does not refuse anything by itself. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) {
    c.set('actor', undefined);
    return next();
  }
  const actor = await actorOfToken(c.get('deps'), match[1]!);
  if (!actor) throw new AppError('token_expired', 'The token is invalid, expired or revoked. Log in again.');
  c.set('actor', actor);
  return next();
});

/** The actor of a session token (bearer or admin cookie): undefined when invalid, expired, revoked or of a disabled account. */
export async function actorOfToken({ db }: Pick<Deps, 'db'>, token: string): Promise<Actor | undefined> {
  const [row] = await sessionLookup(db).execute({ tokenHash: hashToken(token) });
  return row;
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/**
 * Every authenticated request runs this query: it is built once per database handle, and runs
 * as a prepared statement (parsed and planned once per connection).
 */
function sessionLookup(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  return lookup;
}

function prepareSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      role: users.role,
      email: users.email,
      structureId: users.structureId,
      employerId: users.employerId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.status, 'active'),
      ),
    )
    .limit(1)
    .prepare('session_lookup');
}

/** Refuses anonymous callers (401) and, when roles are given, other roles (403). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthenticated', 'Send a bearer token (POST /v1/auth/login).');
    if (roles.length > 0 && !roles.includes(actor.role)) throw new ForbiddenError();
    return next();
  });
}

/** The actor of a route guarded by requireRole. */
export function actorOf(c: { get(key: 'actor'): Actor | undefined }): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Send a bearer token (POST /v1/auth/login).');
  return actor;
}
