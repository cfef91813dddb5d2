import { and, count, desc, eq } from 'drizzle-orm';
import { immersionAgreements } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { immersionAgreementLifecycle } from '../../domain/immersion-agreement-lifecycle.js';
import { readHistory } from '../lifecycle/index.js';
import type { AgreementListQuery } from './immersions.schemas.js';
import { loadAgreementView, toAgreementDto, type AgreementView } from './agreement-dto.js';
import { agreementScope } from './scope.js';
import { recordReveal } from '../matches/index.js';

/** The agreement if the actor may see it, else 404. */
export async function findVisibleAgreement(db: DbOrTx, actor: Actor, id: string) {
  const scope = agreementScope(actor);
  if (scope === false) throw new NotFoundError('Immersion agreement');
  const [row] = await db.select({ id: immersionAgreements.id }).from(immersionAgreements).where(and(eq(immersionAgreements.id, id), scope));
  if (!row) throw new NotFoundError('Immersion agreement');
  return (await loadAgreementView(db, id))!;
}

export async function getAgreement(deps: Deps, actor: Actor, id: string) {
  const view = await findVisibleAgreement(deps.db, actor, id);
  await auditEmployerReads(deps.db, actor, [view]);
  return toAgreementDto(view);
}

/**
 * An agreement names the youth: for one prepared from a match, an employer's read of it is a
 * reveal of that match's youth, written to the same audit as the match's own.
 */
async function auditEmployerReads(db: DbOrTx, actor: Actor, views: AgreementView[]) {
  if (actor.role !== 'employer') return;
  for (const view of views)
    if (view.agreement.matchId)
      await recordReveal(db, { matchId: view.agreement.matchId, youthId: view.youth.id, viewerUserId: actor.userId, fields: AGREEMENT_IDENTITY_FIELDS, reason: 'agreement_viewed' });
}
const AGREEMENT_IDENTITY_FIELDS = ['firstName', 'lastName', 'email'] as const;

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
  await auditEmployerReads(deps.db, actor, views.map((v) => v!));
  return { items: views.map((v) => toAgreementDto(v!)), total: total?.n ?? 0, ...page };
}
