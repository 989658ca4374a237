import { and, eq, sql } from "drizzle-orm";
import { ideas, votes } from "#db/schema";
import { trendingScore } from "~/domain/trending";
import { db } from "~/lib/db.server";
import { follow } from "~/domain/follows.server";

/**
 * Puts the person's vote on an idea in the wanted state (the button says which: "vote" or
 * "take back"), so a double submit cannot undo itself. The count and the trending score in
 * the idea row change in the same transaction as the vote row, so they always agree.
 * Returns null when the idea does not exist.
 */
export function setVote(ideaId: number, userId: string, wanted: boolean) {
  return db.transaction((tx) => {
    const idea = tx.select({ createdAt: ideas.createdAt, voteCount: ideas.voteCount, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, ideaId)).get();
    // A merged duplicate takes no votes: they belong to the idea it was merged into.
    if (!idea || idea.mergedIntoId) return null;
    const changed = wanted
      ? tx.insert(votes).values({ ideaId, userId }).onConflictDoNothing().run().changes
      : tx.delete(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId))).run().changes;
    // Voting for an idea means wanting to hear about it; taking the vote back does not unfollow.
    if (wanted) follow(tx, ideaId, userId);
    if (changed === 0) return { voted: wanted, voteCount: idea.voteCount };
    const { voteCount } = tx
      .update(ideas)
      .set({ voteCount: sql`${ideas.voteCount} + ${wanted ? 1 : -1}` })
      .where(eq(ideas.id, ideaId))
      .returning({ voteCount: ideas.voteCount })
      .get()!;
    tx.update(ideas).set({ trendingScore: trendingScore(voteCount, idea.createdAt) }).where(eq(ideas.id, ideaId)).run();
    return { voted: wanted, voteCount };
  });
}
