import { asc, eq, isNull, sql } from "drizzle-orm";
import { categories } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { keptUntilSettingsChange, settingsChanged } from "~/domain/site.server";
import { ok, refused } from "~/lib/result";

type CategoryInput = { name: string; description: string; colour: string };

function selectCategories(options: { includeArchived?: boolean }) {
  return db
    .select()
    .from(categories)
    .where(options.includeArchived ? undefined : isNull(categories.archivedAt))
    // Active ones (no archivedAt) first, on both engines: NULLs sort first on SQLite, last on PostgreSQL.
    .orderBy(sql`${categories.archivedAt} nulls first`, asc(categories.name), asc(categories.id));
}

// The categories people may choose, which most pages show: in memory until they change.
const keptActiveCategories = keptUntilSettingsChange(() => selectCategories({}));

/** The categories by name; archived ones too (last) when asked. The active list is shared: do not change it. */
export async function listCategories(options: { includeArchived?: boolean } = {}) {
  return options.includeArchived ? selectCategories(options) : keptActiveCategories();
}

/** A category new ideas may be filed under (not archived), or null. */
export async function getActiveCategory(id: number) {
  return (await keptActiveCategories()).find((category) => category.id === id) ?? null;
}

/**
 * Names are unique whatever their case ("Delivery" and "DELIVERY", "Ñandú" and "ÑANDÚ" are one
 * category). Compared here, not with SQL's lower(): SQLite's lowers ASCII letters only,
 * PostgreSQL's every letter, and both engines must give the same answer. Categories are few.
 */
async function nameTaken(tx: Tx, name: string, exceptId?: number) {
  const folded = name.toLowerCase();
  const all = await tx.select({ id: categories.id, name: categories.name }).from(categories);
  return all.some((category) => category.id !== exceptId && category.name.toLowerCase() === folded);
}

export async function createCategory(input: CategoryInput) {
  return transaction(async (tx) => {
    if (await nameTaken(tx, input.name)) return refused("nameTaken");
    const [category] = await tx.insert(categories).values(input).returning();
    await settingsChanged(tx);
    return ok(category!);
  });
}

export async function updateCategory(id: number, input: CategoryInput) {
  return transaction(async (tx) => {
    if (await nameTaken(tx, input.name, id)) return refused("nameTaken");
    const [category] = await tx.update(categories).set(input).where(eq(categories.id, id)).returning();
    if (!category) return refused("notFound");
    await settingsChanged(tx);
    return ok(category);
  });
}

/** Archived categories keep their ideas but cannot be chosen for new ones. */
export async function setCategoryArchived(id: number, archived: boolean) {
  return transaction(async (tx) => {
    const [category] = await tx
      .update(categories)
      .set({ archivedAt: archived ? clockNow() : null })
      .where(eq(categories.id, id))
      .returning();
    if (!category) return refused("notFound");
    await settingsChanged(tx);
    return ok(category);
  });
}
