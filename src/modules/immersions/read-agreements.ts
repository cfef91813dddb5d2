import { and, count, desc, eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { immersionAgreementLifecycle } from '../../domain/immersion-agreement-lifecycle.js';
import { readHistory } from '../lifecycle/index.js';
import type { AgreementListQuery } from './immersions.schemas.js';
import { loadAgreementView, toAgreementDto } from './agreement-dto.js';
import { agreementScope } from './scope.js';

/** The agreement if the actor may see it, else 404. */
export async function findVisibleAgreement(db: DbOrTx, actor: Actor, id: string) {
  const scope = agreementScope(actor);
  if (scope === false) throw new NotFoundError('Immersion agreement');
  const [row] = await db.select({ id: immersionAgreements.id }).from(immersionAgreements).where(and(eq(immersionAgreements.id, id), scope));
  if (!row) throw new NotFoundError('Immersion agreement');
  return (await loadAgreementView(db, id))!;
}

export async function getAgreement(deps: Deps, actor: Actor, id: string) {
  return toAgreementDto(await findVisibleAgreement(deps.db, actor, id));
}

export async function getAgreementHistory(deps: Deps, actor: Actor, id: string) {
  await findVisibleAgreement(deps.db, actor, id);
  return { items: await readHistory(deps.db, immersionAgreementLifecycle, id) };
}

/** Newest first, within the actor's scope. */
export async function listAgreements(deps: Deps, actor: Actor, query: AgreementListQuery) {
  const page = { limit: query.limit, offset: query.offset };
  const scope = agreementScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const where = and(
    scope,
    query.status ? eq(immersionAgreements.status, query.status) : undefined,
    query.youthId ? eq(immersionAgreements.youthId, query.youthId) : undefined,
    query.matchId ? eq(immersionAgreements.matchId, query.matchId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ id: immersionAgreements.id })
      .from(immersionAgreements)
      .where(where)
      .orderBy(desc(immersionAgreements.createdAt), desc(immersionAgreements.id))
      .limit(page.limit)
      .offset(page.offset),
    deps.db.select({ n: count() }).from(immersionAgreements).where(where),
  ]);
  const views = await Promise.all(rows.map((r) => loadAgreementView(deps.db, r.id)));
  return { items: views.map((v) => toAgreementDto(v!)), total: total?.n ?? 0, ...page };
}
