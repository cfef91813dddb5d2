import { and, inArray, or } from 'drizzle-orm';
import { offers, youth } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { todayInFrance } from '../../core/calendar.js';
import { scoringProjection } from '../../domain/anonymisation.js';
import { rankResults, scoreMatch } from '../../domain/matching/index.js';
import { liveOffer } from '../offers/index.js';
import { selectYouthRecords, toYouthProfile } from '../youth/index.js';
import { loadOffer, scoringContext } from './opportunities.js';
import type { Suggestion } from './suggestions.js';

/** An employer present somewhere (a forum stand) with the offers it brings; none named means all its live offers. */
export interface Stand {
  employerId: string;
  offerIds: string[];
}

/**
 * Scores every live offer of the employers present for each youth, with the same projection,
 * model and explanation as the suggestions, ranked (eligible first, then by score). The caller
 * has checked that the actor may see these youth. Returns the ranking per youth id.
 */
export async function rankStandOffersForYouth(deps: Deps, youthIds: string[], stands: Stand[], limit: number) {
  const ranked = new Map<string, Suggestion[]>();
  if (youthIds.length === 0 || stands.length === 0) return ranked;
  const named = stands.flatMap((s) => s.offerIds);
  const whole = stands.filter((s) => s.offerIds.length === 0).map((s) => s.employerId);
  const live = await deps.db
    .select({ id: offers.id })
    .from(offers)
    .where(
      and(
        liveOffer,
        or(named.length ? inArray(offers.id, named) : undefined, whole.length ? inArray(offers.employerId, whole) : undefined),
        inArray(offers.employerId, stands.map((s) => s.employerId)),
      ),
    );
  const loaded = await Promise.all(live.map((o) => loadOffer(deps.db, 'system', o.id)));
  const records = await selectYouthRecords(deps.db).where(inArray(youth.id, youthIds));
  const today = todayInFrance();
  const ctx = scoringContext(today);
  for (const record of records) {
    const { communeInsee: _place, ...projection } = scoringProjection(toYouthProfile(record), today);
    const origin = record.communeLat === null || record.communeLng === null ? null : { lat: record.communeLat, lng: record.communeLng };
    const scored = loaded.map((o) => ({ id: o.summary.id, opportunity: o.summary, result: scoreMatch(projection, o.scored, origin, ctx) }));
    ranked.set(
      record.id,
      rankResults(scored)
        .slice(0, limit)
        .map(({ opportunity, result }) => ({ opportunity, result })),
    );
  }
  return ranked;
}
