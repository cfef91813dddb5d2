import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { matches } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { ForbiddenError, NotFoundError } from '../../core/errors.js';
import { toMatchViews } from './match-views.js';
import type { ListMatchesQuery } from './matches.schemas.js';
import { matchScope } from './scope.js';

/** `GET /v1/matches`: the actor's matches, newest first, filtered by status, offer, slot or youth. */
export async function listMatches(deps: Deps, actor: Actor, query: ListMatchesQuery) {
  // A youth's id would let an employer tell who is behind a pseudonym before accepting.
  if (query.youthId && actor.role === 'employer') throw new ForbiddenError('Employers see candidates by their pseudonym only: matches are not filtered by youth for them.');
  const scope = matchScope(actor);
  if (scope === false) return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const filters: (SQL | undefined)[] = [
    scope,
    query.status ? eq(matches.status, query.status) : undefined,
    query.offerId ? eq(matches.offerId, query.offerId) : undefined,
    query.slotId ? eq(matches.slotId, query.slotId) : undefined,
    query.youthId ? eq(matches.youthId, query.youthId) : undefined,
  ];
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    deps.db.select().from(matches).where(where).orderBy(desc(matches.proposedAt), matches.id).limit(query.limit).offset(query.offset),
    deps.db.select({ n: sql<number>`count(*)::int` }).from(matches).where(where),
  ]);
  return { items: await toMatchViews(deps.db, actor, rows), total: count!.n, limit: query.limit, offset: query.offset };
}

/**
 * `GET /v1/matches/{id}`. For the employer of an accepted match, the contact details of the
 * youth, each time written to the reveal audit.
 */
export async function getMatch(deps: Deps, actor: Actor, id: string) {
  const scope = matchScope(actor);
  if (scope === false) throw new NotFoundError('Match');
  const [row] = await deps.db.select().from(matches).where(and(eq(matches.id, id), scope));
  if (!row) throw new NotFoundError('Match');
  const [view] = await toMatchViews(deps.db, actor, [row], { reveal: 'match_viewed' });
  return view!;
}

/**
 * A match of this youth with this employer still awaiting its answer (`proposed`) or accepted
 * and not yet followed by an immersion: an agreement prepared around it would show the youth's
 * identity to the employer before they accept, or lose the link to the match.
 */
export async function openMatchOfPair(tx: DbOrTx, youthId: string, employerId: string) {
  const [row] = await tx
    .select({ id: matches.id, status: matches.status })
    .from(matches)
    .where(and(eq(matches.youthId, youthId), eq(matches.employerId, employerId), inArray(matches.status, ['proposed', 'accepted'])))
    .orderBy(desc(matches.proposedAt))
    .limit(1);
  return row;
}
