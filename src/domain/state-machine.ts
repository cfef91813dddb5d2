import type { Role } from '../core/actor.js';
import { ForbiddenError, InvalidStateError } from '../core/errors.js';

/** Who triggers a transition: a role, or the platform itself (a scheduled job, a date reached). */
export type Trigger = Role | 'system';

export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  /** Who may trigger it; a role absent from every rule of an action may never take it (403). */
  by: readonly Trigger[];
  /** Side effects the use case carries out with the move (e-mails, reminders), named here so the table says it all. */
  effects?: readonly string[];
}

/**
 * A lifecycle as data: its states, and for each action the states it leaves from, the state it
 * reaches, who may trigger it and what it causes. Matches, registrations, agreements, offers
 * and slots each declare one; `transition()` is the only place that decides a move. The
 * database enum, the zod enum and the search documents take their values from `states`.
 */
export interface StateMachine<S extends string, A extends string> {
  /** The resource type, as written in the transition history (`offer`, `immersion_slot`…). */
  resource: string;
  states: readonly [S, ...S[]];
  actions: Record<A, TransitionRule<S>>;
}

export function defineMachine<const S extends string, const A extends string>(machine: StateMachine<S, A>): StateMachine<S, A> {
  for (const [action, rule] of Object.entries<TransitionRule<S>>(machine.actions)) {
    for (const state of [...rule.from, rule.to])
      if (!machine.states.includes(state)) throw new Error(`${machine.resource}.${action}: unknown state ${state}`);
  }
  return machine;
}

/** The actions `by` may take from `state`, in declaration order. */
export function allowedActions<S extends string, A extends string>(machine: StateMachine<S, A>, state: S, by?: Trigger): A[] {
  return (Object.keys(machine.actions) as A[]).filter((a) => {
    const rule = machine.actions[a];
    return rule.from.includes(state) && (by === undefined || rule.by.includes(by));
  });
}

/**
 * The state after `action`, or the refusal: 403 when `by` may never take this action, 409 with
 * the current state and the actions allowed from it when the state does not allow it.
 */
export function transition<S extends string, A extends string>(
  machine: StateMachine<S, A>,
  current: S,
  action: A,
  by: Trigger,
): { from: S; to: S; effects: readonly string[] } {
  const rule = machine.actions[action];
  if (!rule.by.includes(by)) throw new ForbiddenError(`A ${by} may not ${action.replaceAll('_', ' ')} a ${machine.resource.replaceAll('_', ' ')}.`);
  if (!rule.from.includes(current)) {
    const allowed = allowedActions(machine, current);
    throw new InvalidStateError(
      current,
      `Cannot ${action.replaceAll('_', ' ')}: this ${machine.resource.replaceAll('_', ' ')} is ${current.replaceAll('_', ' ')}.`,
      allowed.map((a) => ({ action: a, to: machine.actions[a].to })),
    );
  }
  return { from: current, to: rule.to, effects: rule.effects ?? [] };
}
