import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/actor.js';
import { immersionAgreementLifecycle as machine, HOLDING_STATUSES } from '../../src/domain/immersion-agreement-lifecycle.js';
import { allowedActions, transition } from '../../src/domain/state-machine.js';

describe('the immersion agreement lifecycle', () => {
  it('goes draft → ready_to_sign → partially_signed → signed → validated → in_progress → ended → assessed', () => {
    const path = [
      ['send_for_signature', 'advisor'],
      ['sign', 'system'],
      ['complete_signatures', 'system'],
      ['validate', 'advisor'],
      ['start', 'system'],
      ['end', 'system'],
      ['assess', 'system'],
    ] as const;
    let state: (typeof machine.states)[number] = 'draft';
    const seen: string[] = [state];
    for (const [action, by] of path) seen.push((state = transition(machine, state, action, by).to));
    expect(seen).toEqual(['draft', 'ready_to_sign', 'partially_signed', 'signed', 'validated', 'in_progress', 'ended', 'assessed']);
  });

  it('rejected, cancelled and assessed are terminal; no cancellation once ended', () => {
    for (const state of ['rejected', 'cancelled', 'assessed'] as const) expect(allowedActions(machine, state)).toEqual([]);
    expect(() => transition(machine, 'ended', 'cancel', 'advisor')).toThrow(expect.objectContaining({ status: 409 }));
    expect(HOLDING_STATUSES).not.toContain('cancelled');
  });

  it('only the platform moves it by dates and links; organisers never touch it', () => {
    for (const role of ROLES) {
      for (const action of ['sign', 'complete_signatures', 'start', 'end', 'assess'] as const)
        expect(() => transition(machine, 'validated', action, role)).toThrow(expect.objectContaining({ status: 403 }));
      expect(allowedActions(machine, 'draft', 'organiser')).toEqual([]);
    }
  });
});
