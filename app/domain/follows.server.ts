import { and, eq } from "drizzle-orm";
import { follows } from "#db/schema";
import { db, type Tx } from "~/lib/db.server";

/** Follows an idea (idempotent): authors, voters and commenters call this automatically. */
export function follow(tx: Tx, ideaId: number, userId: string) {
  tx.insert(follows).values({ ideaId, userId }).onConflictDoNothing().run();
}

export function unfollow(ideaId: number, userId: string) {
  db.delete(follows).where(and(eq(follows.ideaId, ideaId), eq(follows.userId, userId))).run();
}

export function isFollowing(ideaId: number, userId: string) {
  return !!db.select({ ideaId: follows.ideaId }).from(follows).where(and(eq(follows.ideaId, ideaId), eq(follows.userId, userId))).get();
}

export function followerIds(tx: Tx, ideaId: number) {
  return tx.select({ userId: follows.userId }).from(follows).where(eq(follows.ideaId, ideaId)).all().map((row) => row.userId);
}
