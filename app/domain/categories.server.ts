import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { categories } from "#db/schema";
import { db } from "~/lib/db.server";

export class CategoryNameTakenError extends Error {}

export function listCategories(options: { includeArchived?: boolean } = {}) {
  return db
    .select()
    .from(categories)
    .where(options.includeArchived ? undefined : isNull(categories.archivedAt))
    .orderBy(asc(categories.archivedAt), asc(categories.name))
    .all();
}

export function getActiveCategory(id: number) {
  return db.select().from(categories).where(and(eq(categories.id, id), isNull(categories.archivedAt))).get() ?? null;
}

function nameTaken(name: string, exceptId?: number) {
  const sameName = sql`lower(${categories.name}) = lower(${name})`;
  return !!db
    .select({ id: categories.id })
    .from(categories)
    .where(exceptId ? and(sameName, ne(categories.id, exceptId)) : sameName)
    .get();
}

export function createCategory(input: { name: string; description: string; colour: string }) {
  if (nameTaken(input.name)) throw new CategoryNameTakenError();
  return db.insert(categories).values(input).returning().get();
}

export function updateCategory(id: number, input: { name: string; description: string; colour: string }) {
  if (nameTaken(input.name, id)) throw new CategoryNameTakenError();
  return db.update(categories).set(input).where(eq(categories.id, id)).returning().get() ?? null;
}

/** Archived categories keep their ideas but cannot be chosen for new ones. */
export function setCategoryArchived(id: number, archived: boolean) {
  return db
    .update(categories)
    .set({ archivedAt: archived ? new Date() : null })
    .where(eq(categories.id, id))
    .returning()
    .get() ?? null;
}
