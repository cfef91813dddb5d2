import { describe, expect, it } from 'vitest';
import { allowedActions, transition } from '../../src/domain/state-machine.js';
import { MATCH_STATUSES, matchLifecycle } from '../../src/domain/match-lifecycle.js';

describe('match lifecycle', () => {
  it('answers, outcomes and terminal states, for every state', () => {
    const moves = Object.fromEntries(MATCH_STATUSES.map((s) => [s, allowedActions(matchLifecycle, s)]));
    expect(moves).toEqual({
      proposed: ['accept', 'decline', 'withdraw', 'expire'],
      accepted: ['withdraw', 'hired', 'not_hired', 'immersion_started', 'no_show'],
      declined: [],
      withdrawn: [],
      expired: [],
      hired: [],
      not_hired: [],
      immersion_started: ['hired', 'not_hired', 'no_show'],
      no_show: [],
    });
  });

  it('the employer answers, the advisor proposes and withdraws, the platform expires', () => {
    expect(allowedActions(matchLifecycle, 'proposed', 'employer')).toEqual(['accept', 'decline']);
    expect(allowedActions(matchLifecycle, 'proposed', 'advisor')).toEqual(['withdraw']);
    expect(allowedActions(matchLifecycle, 'proposed', 'system')).toEqual(['expire']);
    expect(allowedActions(matchLifecycle, 'proposed', 'organiser')).toEqual([]);
    // The platform records what an immersion agreement from the match says: its start, a no-show.
    expect(allowedActions(matchLifecycle, 'accepted', 'system')).toEqual(['immersion_started', 'no_show']);
    expect(allowedActions(matchLifecycle, 'immersion_started', 'system')).toEqual(['no_show']);
    expect(allowedActions(matchLifecycle, 'immersion_started', 'employer')).toEqual(['hired', 'not_hired', 'no_show']);
    expect(() => transition(matchLifecycle, 'hired', 'no_show', 'system')).toThrow(
      expect.objectContaining({ code: 'invalid_state', extra: { currentState: 'hired', allowedTransitions: [] } }),
    );
    expect(() => transition(matchLifecycle, 'proposed', 'accept', 'advisor')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => transition(matchLifecycle, 'declined', 'accept', 'employer')).toThrow(
      expect.objectContaining({ code: 'invalid_state', extra: { currentState: 'declined', allowedTransitions: [] } }),
    );
  });
});
