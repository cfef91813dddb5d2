import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';

/**
 * zxcvbn's score runs from 0 (guessed in under a thousand tries) to 4; 3 means at least
 * 10^8 guesses, "safely unguessable" against an online attack and slowed down offline by
 * the memory-hard hash. Below, a password is refused whatever its length.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words every account on this service shares, so no password should lean on them. */
const SERVICE_WORDS = ['passerelle', 'mission locale', 'missionlocale', 'mission', 'locale', 'conseiller', 'employeur'];

export interface PasswordWeakness {
  score: number;
  /** What makes it guessable, in French (null when nothing in particular). */
  warning: string | null;
  /** How to make it better, in French. */
  suggestions: string[];
}

// Built on first use, then kept: loading the French and common dictionaries takes tens of
// milliseconds, and the estimator holds no state between checks.
let estimator: ZxcvbnFactory | undefined;

function estimatorInstance(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...french.dictionary },
    graphs: common.adjacencyGraphs,
    translations: french.translations,
  });
  return estimator;
}

/**
 * How easily a new password would be guessed, by zxcvbn with French and common dictionaries
 * (names, words, keyboard walks, repeats, sequences, dates, leaked passwords) and the words
 * of the account itself (its e-mail, first and last name). Null when it is strong enough.
 */
export function passwordWeakness(password: string, personalWords: string[] = []): PasswordWeakness | null {
  const words = [...SERVICE_WORDS, ...personalWords.flatMap((w) => [w, ...w.toLowerCase().split(/[^\p{L}\p{N}]+/u)])].filter((w) => w.length >= 3);
  const { score, feedback } = estimatorInstance().check(password, words);
  if (score >= MIN_PASSWORD_SCORE) return null;
  return { score, warning: feedback.warning, suggestions: feedback.suggestions };
}
