import { and, eq, is, sql, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { ideas, votes } from "#db/tables";
import { checkCanVote } from "~/domain/challenges.server";
import { addFollower } from "~/domain/follows.server";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import { TRENDING_TIMESCALE_SECONDS } from "~/domain/trending";
import { now as clockNow } from "~/lib/clock.server";
import { transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/**
 * The one place an idea's vote count and trending score change, inside the caller's
 * transaction and right after it wrote the vote rows they count: voting, posting (the author's
 * own vote), merging and unmerging all come here, so the count, the score and the rows agree.
 */
export async function changeVoteCount(tx: Tx, ideaId: number, delta: number) {
  // One UPDATE writes both: the score is computed in SQL from the new count (the SET
  // expressions all read the row as it was), the same formula as trendingScore().
  const voteCount = sql<number>`${ideas.voteCount} + ${delta}`;
  const [idea] = await tx
    .update(ideas)
    .set({ voteCount, trendingScore: trendingScoreInSql(voteCount) })
    .where(eq(ideas.id, ideaId))
    .returning({ voteCount: ideas.voteCount, trendingScore: ideas.trendingScore });
  return idea!;
}

// Decided by the table the UPDATE names, so that the SQL always matches the query's dialect.
const onPostgres = is(ideas, PgTable);

/** trendingScore(votes, created_at) (trending.ts) as each engine says it. */
function trendingScoreInSql(votes: SQL<number>) {
  const atLeastOne = sql`case when ${votes} > 1 then ${votes} else 1 end`;
  return onPostgres
    ? sql<number>`log(${atLeastOne}::double precision) + extract(epoch from ${ideas.createdAt})::double precision / ${TRENDING_TIMESCALE_SECONDS}`
    : sql<number>`log10(${atLeastOne}) + ${ideas.createdAt} / 1000.0 / ${TRENDING_TIMESCALE_SECONDS}`;
}

/**
 * Puts the person's vote on an idea in the wanted state (the button says which: "vote" or
 * "take back"), so a double submit cannot undo itself. A challenge's ideas take votes only
 * while its voting is open and within each person's budget: the budget is counted and spent in
 * one write transaction, so two tabs (or two server processes) voting at once cannot overspend
 * it. A merged duplicate takes no votes: they belong to the idea it was merged into. A hidden
 * idea takes votes from staff only.
 * On PostgreSQL, votes on one idea (its counter) or by one person (their budget) wait in line
 * for each other instead of colliding and retrying (decision 0008).
 */
export async function setVote(ideaId: number, userId: string, wanted: boolean, now = clockNow()) {
  const queueOn = [`idea:${ideaId}`, `person:${userId}`];
  return transaction(async (tx) => {
    const [idea] = await tx
      .select({ voteCount: ideas.voteCount, mergedIntoId: ideas.mergedIntoId, challengeId: ideas.challengeId, hiddenAt: ideas.hiddenAt })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .limit(1);
    if (!idea || idea.mergedIntoId) return refused("notFound");
    const mayAct = await checkMayActOn(tx, idea, userId);
    if (!mayAct.ok) return mayAct;
    const [existing] = await tx
      .select({ ideaId: votes.ideaId })
      .from(votes)
      .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId)))
      .limit(1);
    // Already as wanted (a double submit): nothing to change, nothing to refuse.
    if (Boolean(existing) === wanted) return ok({ voted: wanted, voteCount: idea.voteCount });
    if (idea.challengeId !== null) {
      const allowed = await checkCanVote(tx, idea.challengeId, userId, wanted, now);
      if (!allowed.ok) return allowed;
    }
    if (wanted) {
      await tx.insert(votes).values({ ideaId, userId, createdAt: now });
      // Voting for an idea means wanting to hear about it; taking the vote back does not unfollow.
      await addFollower(tx, ideaId, userId);
    } else {
      await tx.delete(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId)));
    }
    const { voteCount } = await changeVoteCount(tx, ideaId, wanted ? 1 : -1);
    return ok({ voted: wanted, voteCount });
  }, { queueOn });
}
