import { defineMachine } from './state-machine.js';

/**
 * The life of a match, a youth proposed by their advisor for an offer or an immersion slot
 * (DOMAIN.md, "Match workflow"): `proposed` → `accepted` | `declined` | `withdrawn` |
 * `expired`; from `accepted`, one outcome. The employer answers; the advisor proposes and may
 * withdraw; the platform expires a proposal left unanswered. Either side records the outcome.
 *
 * An immersion (PMSMP) is a step, not an end: once one has started, the match may still end
 * in a hire or not, or in a no-show when the tutor reports the youth never came. When the
 * immersion agreement came from the match, the platform records its start and the no-show
 * itself (`system`), from the agreement's dates and the tutor's assessment.
 */
export const matchLifecycle = defineMachine({
  resource: 'match',
  states: ['proposed', 'accepted', 'declined', 'withdrawn', 'expired', 'hired', 'not_hired', 'immersion_started', 'no_show'],
  actions: {
    accept: { from: ['proposed'], to: 'accepted', by: ['employer'], effects: ['reveal contact details to the employer', 'e-mail the advisor', 'cancel reminder and expiry'] },
    decline: { from: ['proposed'], to: 'declined', by: ['employer'], effects: ['e-mail the advisor', 'cancel reminder and expiry'] },
    withdraw: { from: ['proposed', 'accepted'], to: 'withdrawn', by: ['advisor'], effects: ['cancel reminder and expiry'] },
    expire: { from: ['proposed'], to: 'expired', by: ['system'], effects: ['e-mail the advisor'] },
    hired: { from: ['accepted', 'immersion_started'], to: 'hired', by: ['employer', 'advisor'] },
    not_hired: { from: ['accepted', 'immersion_started'], to: 'not_hired', by: ['employer', 'advisor'] },
    immersion_started: { from: ['accepted'], to: 'immersion_started', by: ['employer', 'advisor', 'system'] },
    no_show: { from: ['accepted', 'immersion_started'], to: 'no_show', by: ['employer', 'advisor', 'system'] },
  },
});
export const MATCH_STATUSES = matchLifecycle.states;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export type MatchAction = keyof typeof matchLifecycle.actions;

/**
 * A proposal still in play, at most one per (youth, offer) or (youth, slot): an immersion
 * started from it still leads to an outcome (hired, not hired, no show).
 */
export const ACTIVE_MATCH_STATUSES = ['proposed', 'accepted', 'immersion_started'] as const satisfies readonly MatchStatus[];

export const MATCH_OUTCOMES = ['hired', 'not_hired', 'immersion_started', 'no_show'] as const satisfies readonly MatchAction[];
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];

/** Why an employer declines: a fixed list, so that declines can be counted and audited for fairness. */
export const DECLINE_REASONS = [
  'position_filled',
  'skills_mismatch',
  'experience_insufficient',
  'availability_mismatch',
  'too_far',
  'offer_cancelled',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  position_filled: 'Poste déjà pourvu',
  skills_mismatch: 'Compétences ne correspondant pas',
  experience_insufficient: 'Expérience insuffisante',
  availability_mismatch: 'Disponibilités incompatibles',
  too_far: 'Trajet trop long',
  offer_cancelled: 'Offre annulée',
  other: 'Autre raison',
};
