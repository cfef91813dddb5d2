import { and, eq, inArray } from 'drizzle-orm';
import { youth } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { todayInFrance } from '../../core/calendar.js';
import { ForbiddenError } from '../../core/errors.js';
import { scoringProjection } from '../../domain/anonymisation.js';
import { rankResults, scoreMatch } from '../../domain/matching/index.js';
import { romeCodesOfFamilies } from '../reference/index.js';
import { selectYouthRecords, toYouthProfile } from '../youth/index.js';
import { loadOffer, loadSlot, scoringContext, type LoadedOpportunity } from './opportunities.js';
import { retrieve } from './suggestions.js';

/** `GET /v1/offers/{id}/candidates`: the advisor's youth who consented, ranked for this offer. */
export async function candidatesForOffer(deps: Deps, actor: Actor, offerId: string, limit: number) {
  requireAdvisor(actor);
  return rankCandidates(deps, actor.structureId!, await loadOffer(deps.db, actor, offerId), limit);
}

/** `GET /v1/immersion-slots/{id}/candidates`: the same for an immersion slot. */
export async function candidatesForSlot(deps: Deps, actor: Actor, slotId: string, limit: number) {
  requireAdvisor(actor);
  return rankCandidates(deps, actor.structureId!, await loadSlot(deps.db, actor, slotId), limit);
}

function requireAdvisor(actor: Actor) {
  if (actor.role !== 'advisor' || !actor.structureId) throw new ForbiddenError('Only advisors look for candidates among their youth.');
}

/**
 * Retrieval from the youth index (the structure's consenting youth of the same occupation
 * family, within the widest radius anyone could travel), then the score on each full profile
 * read again from the database (consent checked there too: the index may lag a withdrawal).
 */
async function rankCandidates(deps: Deps, structureId: string, target: LoadedOpportunity, limit: number) {
  const today = todayInFrance();
  const ctx = scoringContext(today);
  const families = await romeCodesOfFamilies(deps.db, [target.scored.romeCode]);
  const { lat, lng } = target.scored.location;
  const documents = await retrieve(ctx.config.retrieval.candidates, (l, offset) =>
    deps.search.searchYouth({ structureId, romeCodes: families, near: { lat, lng, radiusKm: ctx.config.retrieval.maxRadiusKm }, limit: l, offset }),
  );
  const ids = documents.map((d) => d.id);
  const records =
    ids.length === 0
      ? []
      : await selectYouthRecords(deps.db).where(and(inArray(youth.id, ids), eq(youth.structureId, structureId), eq(youth.consentAnonymisedSharing, true)));
  const scored = records.map((record) => {
    const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
    const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
    return { id: record.id, record, result: scoreMatch(projection, target.scored, origin, ctx) };
  });
  return {
    opportunity: target.summary,
    items: rankResults(scored)
      .slice(0, limit)
      .map(({ record, result }) => ({
        youth: { id: record.id, firstName: record.firstName, lastName: record.lastName, communeName: record.communeName },
        ...result,
      })),
  };
}
