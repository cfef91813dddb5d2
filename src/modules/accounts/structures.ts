import { and, count, desc, eq } from 'drizzle-orm';
import { structures } from '../../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { NotFoundError } from '../../core/errors.js';
import { structureScope } from './scope.js';

type StructureRow = typeof structures.$inferSelect;
export const toStructureDto = (s: StructureRow) => ({ ...s, createdAt: s.createdAt.toISOString() });

export async function createStructure(deps: Deps, input: { name: string; communeInsee?: string }) {
  const [row] = await deps.db.insert(structures).values(input).returning();
  return toStructureDto(row!);
}

export async function listStructures(deps: Deps, actor: Actor, page: { limit: number; offset: number }) {
  const scope = structureScope(actor);
  if (scope === false) return { items: [], total: 0, ...page };
  const [rows, [total]] = await Promise.all([
    deps.db.select().from(structures).where(scope).orderBy(desc(structures.createdAt), structures.id).limit(page.limit).offset(page.offset),
    deps.db.select({ n: count() }).from(structures).where(scope),
  ]);
  return { items: rows.map(toStructureDto), total: total?.n ?? 0, ...page };
}

export async function getStructure(deps: Deps, actor: Actor, id: string) {
  const scope = structureScope(actor);
  if (scope === false) throw new NotFoundError('Structure');
  const [row] = await deps.db.select().from(structures).where(and(eq(structures.id, id), scope));
  if (!row) throw new NotFoundError('Structure');
  return toStructureDto(row);
}
