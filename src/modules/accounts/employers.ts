import { and, count, desc, eq } from 'drizzle-orm';
import { employers } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { AppError, NotFoundError } from '../../core/errors.js';
import { employerScope } from './scope.js';

type EmployerRow = typeof employers.$inferSelect;
export const toEmployerDto = (e: EmployerRow) => ({ ...e, createdAt: e.createdAt.toISOString() });

export async function createEmployer(deps: Deps, input: { name: string; siret: string }) {
  const [row] = await deps.db.insert(employers).values(input).onConflictDoNothing({ target: employers.siret }).returning();
  if (!row) throw new AppError('siret_taken', `An employer with SIRET ${input.siret} already exists.`);
  return toEmployerDto(row);
}

export async function listEmployers(deps: Deps, actor: Actor, page: { limit: number; offset: number }) {
  const scope = employerScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const [rows, [total]] = await Promise.all([
    deps.db.select().from(employers).where(scope).orderBy(desc(employers.createdAt), employers.id).limit(page.limit).offset(page.offset),
    deps.db.select({ n: count() }).from(employers).where(scope),
  ]);
  return { items: rows.map(toEmployerDto), total: total?.n ?? 0, ...page };
}

export async function getEmployer(deps: Deps, actor: Actor, id: string) {
  const scope = employerScope(actor);
  if (scope === false) throw new NotFoundError('Employer');
  const [row] = await deps.db.select().from(employers).where(and(eq(employers.id, id), scope));
  if (!row) throw new NotFoundError('Employer');
  return toEmployerDto(row);
}
