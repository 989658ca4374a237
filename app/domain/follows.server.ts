import { and, eq } from "drizzle-orm";
import { follows, ideas } from "#db/tables";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** Inside the caller's transaction: authors, voters and commenters follow what they took part in (idempotent). */
export async function addFollower(tx: Tx, ideaId: number, userId: string) {
  await tx.insert(follows).values({ ideaId, userId }).onConflictDoNothing();
}

/** A person chooses to follow an idea (a hidden one: staff only); a merged duplicate has no news of its own: follow the idea it joined. */
export async function follow(ideaId: number, userId: string) {
  return transaction(async (tx) => {
    const [idea] = await tx.select({ hiddenAt: ideas.hiddenAt, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, ideaId)).limit(1);
    if (!idea) return refused("notFound");
    const mayAct = await checkMayActOn(tx, idea, userId);
    if (!mayAct.ok) return mayAct;
    if (idea.mergedIntoId) return refused("merged");
    await addFollower(tx, ideaId, userId);
    return ok();
  });
}

export async function unfollow(ideaId: number, userId: string) {
  await transaction(async (tx) => {
    await tx.delete(follows).where(and(eq(follows.ideaId, ideaId), eq(follows.userId, userId)));
  });
}

export async function isFollowing(ideaId: number, userId: string) {
  const [row] = await db
    .select({ ideaId: follows.ideaId })
    .from(follows)
    .where(and(eq(follows.ideaId, ideaId), eq(follows.userId, userId)))
    .limit(1);
  return Boolean(row);
}

export async function followerIds(tx: Tx, ideaId: number) {
  const rows = await tx.select({ userId: follows.userId }).from(follows).where(eq(follows.ideaId, ideaId));
  return rows.map((row) => row.userId);
}
