import { and, eq, sql } from "drizzle-orm";
import { ideas, votes } from "#db/schema";
import { assertCanVote, ChallengeError } from "~/domain/challenges.server";
import { trendingScore } from "~/domain/trending";
import { now as clockNow } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { follow } from "~/domain/follows.server";

export type VoteRefusal = "votingNotOpen" | "budgetSpent";
export type VoteOutcome = { voted: boolean; voteCount: number } | { refused: VoteRefusal; challengeId: number } | null;

/**
 * Puts the person's vote on an idea in the wanted state (the button says which: "vote" or
 * "take back"), so a double submit cannot undo itself. The count and the trending score in
 * the idea row change in the same transaction as the vote row, so they always agree.
 * A challenge's ideas take votes only while its voting is open and within each person's
 * budget: the budget is counted and spent in one write transaction, so two tabs voting at
 * once cannot overspend it. Returns null when the idea does not exist.
 */
export function setVote(ideaId: number, userId: string, wanted: boolean, now = clockNow()): VoteOutcome {
  return db.transaction(
    (tx): VoteOutcome => {
      const idea = tx
        .select({ createdAt: ideas.createdAt, voteCount: ideas.voteCount, mergedIntoId: ideas.mergedIntoId, challengeId: ideas.challengeId })
        .from(ideas)
        .where(eq(ideas.id, ideaId))
        .get();
      // A merged duplicate takes no votes: they belong to the idea it was merged into.
      if (!idea || idea.mergedIntoId) return null;
      const already = !!tx.select({ ideaId: votes.ideaId }).from(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId))).get();
      // Already as wanted (a double submit): nothing to change, nothing to refuse.
      if (already === wanted) return { voted: wanted, voteCount: idea.voteCount };
      if (idea.challengeId !== null) {
        try {
          assertCanVote(tx, idea.challengeId, userId, wanted, now);
        } catch (error) {
          if (error instanceof ChallengeError && (error.reason === "votingNotOpen" || error.reason === "budgetSpent")) {
            return { refused: error.reason as VoteRefusal, challengeId: idea.challengeId };
          }
          throw error;
        }
      }
      if (wanted) tx.insert(votes).values({ ideaId, userId }).run();
      else tx.delete(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId))).run();
      // Voting for an idea means wanting to hear about it; taking the vote back does not unfollow.
      if (wanted) follow(tx, ideaId, userId);
      const { voteCount } = tx
        .update(ideas)
        .set({ voteCount: sql`${ideas.voteCount} + ${wanted ? 1 : -1}` })
        .where(eq(ideas.id, ideaId))
        .returning({ voteCount: ideas.voteCount })
        .get()!;
      tx.update(ideas).set({ trendingScore: trendingScore(voteCount, idea.createdAt) }).where(eq(ideas.id, ideaId)).run();
      return { voted: wanted, voteCount };
    },
    // Take the write lock before reading the budget, so no other connection spends it meanwhile.
    { behavior: "immediate" },
  );
}
