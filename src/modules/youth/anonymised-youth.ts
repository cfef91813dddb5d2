import { anonymisedProfile } from '../../domain/anonymisation.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { findYouthRecord } from './get-youth.js';
import { toYouthProfile } from './youth-record.js';

/**
 * What an employer would see of this youth before accepting them, for the advisor to check.
 * Seeded with the youth id here; a real proposal seeds the pseudonym with the match id, so
 * that an employer cannot link one young person across offers. No travel time: there is no
 * workplace to measure it against.
 */
export async function getAnonymisedYouth(deps: Deps, actor: Actor, id: string) {
  const record = await findYouthRecord(deps, actor, id);
  return anonymisedProfile(toYouthProfile(record), { pseudonymSeed: record.id, travel: null });
}
