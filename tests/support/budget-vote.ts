import { and, count, eq, sql } from "drizzle-orm";
import { challenges, ideas, votes } from "#db/tables";
import type { DomainDatabase } from "~/lib/db.server";
import type { Refused } from "~/lib/result";

export type VoteResult = { ok: true; voteCount: number } | Refused<"alreadyVoted" | "budgetSpent">;

/**
 * The shape of setVote (app/domain/votes.server.ts), reduced to what concurrency can break:
 * one vote per person (the primary key), a per-challenge budget counted and spent in one
 * transaction, the count kept in the idea's row. A refusal is returned, and rolls back the
 * vote inserted before the budget was counted. The transaction queues on the idea (its counter)
 * and the person (their budget), as setVote does. `afterCounting` lets a test
 * line two transactions up at the worst moment (`queue: false` then, or the second would wait
 * for the first instead).
 */
export function castVote(
  database: DomainDatabase,
  ideaId: number,
  userId: string,
  { afterCounting, queue = true }: { afterCounting?: () => Promise<void>; queue?: boolean } = {},
): Promise<VoteResult> {
  const queueOn = queue ? [`idea:${ideaId}`, `person:${userId}`] : [];
  return database.transaction(async (tx): Promise<VoteResult> => {
    const [idea] = await tx.select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId));
    const inserted = await tx.insert(votes).values({ ideaId, userId }).onConflictDoNothing().returning({ ideaId: votes.ideaId });
    if (inserted.length === 0) return { ok: false, reason: "alreadyVoted" };
    if (idea!.challengeId !== null) {
      const [challenge] = await tx.select({ budget: challenges.voteBudget }).from(challenges).where(eq(challenges.id, idea!.challengeId));
      const [{ spent }] = await tx
        .select({ spent: count() })
        .from(votes)
        .innerJoin(ideas, eq(ideas.id, votes.ideaId))
        .where(and(eq(votes.userId, userId), eq(ideas.challengeId, idea!.challengeId)));
      await afterCounting?.();
      if (challenge!.budget !== null && spent > challenge!.budget) return { ok: false, reason: "budgetSpent" };
    }
    const [{ voteCount }] = await tx
      .update(ideas)
      .set({ voteCount: sql`${ideas.voteCount} + 1` })
      .where(eq(ideas.id, ideaId))
      .returning({ voteCount: ideas.voteCount });
    return { ok: true, voteCount };
  }, { queueOn });
}

/** Resolves once `parties` callers have arrived; later callers pass straight through. */
export function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived >= parties) open();
    return opened;
  };
}
