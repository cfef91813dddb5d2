import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/actor.js';
import { AppError } from '../../src/core/errors.js';
import { immersionSlotLifecycle } from '../../src/domain/immersion-slot-lifecycle.js';
import { offerLifecycle } from '../../src/domain/offer-lifecycle.js';
import { allowedActions, defineMachine, transition, type StateMachine, type Trigger } from '../../src/domain/state-machine.js';

const TRIGGERS: Trigger[] = [...ROLES, 'system'];

/** Every (state, action, trigger) of a machine, and what transition() must answer for it. */
function walk(machine: StateMachine<string, string>) {
  for (const state of machine.states)
    for (const [action, rule] of Object.entries(machine.actions))
      for (const by of TRIGGERS) {
        const outcome = (() => {
          try {
            return transition(machine, state, action, by).to;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            return `${err.status}`;
          }
        })();
        const expected = !rule.by.includes(by) ? '403' : rule.from.includes(state) ? rule.to : '409';
        expect(outcome, `${machine.resource}: ${by} ${action} from ${state}`).toBe(expected);
      }
}

describe('the state-machine building block', () => {
  it('walks the whole offer table: allowed moves, 403 for a role never allowed, 409 from a wrong state', () => {
    walk(offerLifecycle);
    expect(transition(offerLifecycle, 'draft', 'publish', 'employer').to).toBe('published');
    expect(transition(offerLifecycle, 'closed', 'publish', 'admin').to).toBe('published');
    expect(() => transition(offerLifecycle, 'published', 'expire', 'employer')).toThrow(/may not expire/);
  });

  it('walks the whole immersion-slot table', () => {
    walk(immersionSlotLifecycle);
    expect(() => transition(immersionSlotLifecycle, 'open', 'close', 'advisor')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('refuses with the current state and the moves allowed from it', () => {
    try {
      transition(offerLifecycle, 'draft', 'close', 'employer');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({
        status: 409,
        code: 'invalid_state',
        extra: { currentState: 'draft', allowedTransitions: [{ action: 'publish', to: 'published' }] },
      });
    }
    expect(allowedActions(offerLifecycle, 'published')).toEqual(['close', 'expire']);
    expect(allowedActions(offerLifecycle, 'published', 'employer')).toEqual(['close']);
  });

  it('refuses a machine whose rules name a state it does not declare', () => {
    expect(() =>
      defineMachine({ resource: 'thing', states: ['a', 'b'], actions: { go: { from: ['a'], to: 'c' as 'b', by: ['admin'] } } }),
    ).toThrow(/unknown state c/);
  });
});
