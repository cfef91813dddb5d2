import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { stateTransitions } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { transition, type StateMachine } from '../../domain/state-machine.js';

/** Who moves a resource: an authenticated user, or the platform itself. */
export type Mover = Actor | 'system';

/**
 * Decides a move with the resource's machine (403 / 409 when refused) and writes it to the
 * history, in the caller's transaction: the caller then writes the new state to its row, with
 * the row locked (`for update`) so that two moves never both start from the same state.
 */
export async function applyTransition<S extends string, A extends string>(
  tx: DbOrTx,
  machine: StateMachine<S, A>,
  move: { id: string; current: S; action: A; by: Mover; reason?: string | null },
) {
  const by = move.by === 'system' ? 'system' : move.by.role;
  const result = transition(machine, move.current, move.action, by);
  await recordTransitions(tx, machine, [{ id: move.id, from: result.from, action: move.action }], move.by, move.reason);
  return result;
}

/** Writes moves already decided (a bulk change by the platform, such as closing expired offers). */
export async function recordTransitions<S extends string, A extends string>(
  tx: DbOrTx,
  machine: StateMachine<S, A>,
  moves: { id: string; from: S; action: A }[],
  by: Mover,
  reason?: string | null,
): Promise<void> {
  if (moves.length === 0) return;
  await tx.insert(stateTransitions).values(
    moves.map((m) => ({
      resourceType: machine.resource,
      resourceId: m.id,
      action: m.action,
      fromState: m.from,
      toState: machine.actions[m.action].to,
      actorUserId: by === 'system' ? null : by.userId,
      actorRole: by === 'system' ? 'system' : by.role,
      reason: reason ?? null,
    })),
  );
}

/** The history of one resource, oldest first. The caller has checked that the actor may see the resource. */
export async function readHistory(db: DbOrTx, machine: StateMachine<string, string>, id: string) {
  const rows = await db
    .select()
    .from(stateTransitions)
    .where(and(eq(stateTransitions.resourceType, machine.resource), eq(stateTransitions.resourceId, id)))
    .orderBy(asc(stateTransitions.id));
  return rows.map((r) => ({
    action: r.action,
    from: r.fromState,
    to: r.toState,
    by: { userId: r.actorUserId, role: r.actorRole },
    reason: r.reason,
    at: r.at.toISOString(),
  }));
}
