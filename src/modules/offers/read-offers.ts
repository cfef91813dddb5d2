import { and, count, desc, eq } from 'drizzle-orm';
import { offers } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { selectOfferViews, toOfferDto } from './offer-dto.js';
import type { OfferListQuery } from './offers.schemas.js';
import { offerReadScope, offerStatusIs } from './scope.js';
import { todayInFrance } from '../../core/calendar.js';
import { offerLifecycle } from '../../domain/offer-lifecycle.js';
import { employerWriteScope } from '../accounts/index.js';
import { readHistory } from '../lifecycle/index.js';

export async function getOffer(deps: Deps, actor: Actor, id: string) {
  const scope = offerReadScope(actor);
  if (scope === false) throw new NotFoundError('Offer');
  const [view] = await selectOfferViews(deps.db).where(and(eq(offers.id, id), scope));
  if (!view) throw new NotFoundError('Offer');
  return toOfferDto(view, todayInFrance());
}

/** The offer's changes of status, for its organisation and admins. */
export async function getOfferHistory(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.db.select({ id: offers.id }).from(offers).where(and(eq(offers.id, id), employerWriteScope(actor, offers.employerId)));
  if (!row) throw new NotFoundError('Offer');
  return { items: await readHistory(deps.db, offerLifecycle, id) };
}

/** Newest first. Each role sees its scope (see offerReadScope), optionally filtered. */
export async function listOffers(deps: Deps, actor: Actor, query: OfferListQuery) {
  const page = { limit: query.limit, offset: query.offset };
  const scope = offerReadScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const where = and(
    scope,
    query.status ? offerStatusIs(query.status) : undefined,
    query.employerId ? eq(offers.employerId, query.employerId) : undefined,
  );
  const [views, [total]] = await Promise.all([
    selectOfferViews(deps.db).where(where).orderBy(desc(offers.createdAt), desc(offers.id)).limit(page.limit).offset(page.offset),
    deps.db.select({ n: count() }).from(offers).where(where),
  ]);
  const today = todayInFrance();
  return { items: views.map((v) => toOfferDto(v, today)), total: total?.n ?? 0, ...page };
}
