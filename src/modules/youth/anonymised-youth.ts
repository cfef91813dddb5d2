import { anonymisedProfile, protectedPassageFlags } from '../../domain/anonymisation.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { romeLabelsOf } from '../reference/index.js';
import { findYouthRecord } from './get-youth.js';
import { toYouthProfile } from './youth-record.js';

/**
 * What an employer would see of this youth before accepting them, for the advisor to check,
 * with the passages left out because they mention a protected attribute (`flags`: to reword).
 * Seeded with the youth id here; a real proposal seeds the pseudonym with the match id, so
 * that an employer cannot link one young person across offers. No travel time: there is no
 * workplace to measure it against.
 */
export async function getAnonymisedYouth(deps: Deps, actor: Actor, id: string) {
  const record = await findYouthRecord(deps, actor, id);
  const profile = toYouthProfile(record);
  const romeLabels = await romeLabelsOf(deps.db, profile.experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : [])));
  return { ...anonymisedProfile(profile, { pseudonymSeed: record.id, travel: null, romeLabels }), flags: protectedPassageFlags(profile) };
}
