import { asc, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { challenges, ideas, votes } from "#db/tables";
import { challengePhase } from "~/domain/challenge-phases";
import { listStaff, verifyCredentials } from "~/domain/people.server";
import { getSite } from "~/domain/site.server";
import { db } from "~/lib/db.server";
import { DEMO_PASSWORD, seedDemo } from "#scripts/seed/demo";
import { row, rows } from "#tests/support/db";

describe("demo seed", () => {
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  // Hundreds of transactions: seconds on SQLite, more on PostgreSQL (a round trip each).
  beforeAll(async () => {
    summary = await seedDemo();
  }, 60_000);

  it("creates the site, an admin, three staff with titles and thirty customers", async () => {
    expect((await getSite())?.name).toBe("Tertulia Demo");
    const staff = await listStaff();
    expect(staff.map((person) => person.role).sort()).toEqual(["admin", "staff", "staff", "staff"]);
    expect(staff.every((person) => person.jobTitle && person.bio)).toBe(true);
    expect(await row(sql`select count(*) as n from users where role = 'customer'`)).toEqual({ n: 30 });
    expect(await verifyCredentials("customer7@demo.example", DEMO_PASSWORD)).toMatchObject({ id: "customer7" });
  });

  it("reports what it seeded", async () => {
    expect(summary.challenges).toBe(4);
    expect(await row(sql`select count(*) as n from ideas`)).toEqual({ n: summary.ideas });
    expect(summary.votes).toBeGreaterThan(0);
    expect(await row(sql`select count(*) as n from email_outbox`)).toEqual({ n: 0 });
    expect(await row(sql`select count(*) as n from notifications where email_due_at is not null`)).toEqual({ n: 0 });
  });

  it("publishes four challenges, one in each phase, with ideas submitted inside their windows", async () => {
    const published = await db.select().from(challenges).orderBy(asc(challenges.id));
    expect(published).toHaveLength(4);
    expect(published.every((challenge) => challenge.publishedAt && challenge.publishedById === "staff1")).toBe(true);
    const now = new Date();
    const phases = Object.fromEntries(published.map((challenge) => [challengePhase(challenge, now), challenge]));
    expect(Object.keys(phases).sort()).toEqual(["finished", "submission", "upcoming", "voting"]);

    const ideaCount = async (id: number) => (await row<{ n: number }>(sql`select count(*) as n from ideas where challenge_id = ${id}`))!.n;
    expect(await ideaCount(phases.upcoming!.id)).toBe(0);
    expect(await ideaCount(phases.submission!.id)).toBeGreaterThanOrEqual(5);
    expect(await ideaCount(phases.voting!.id)).toBeGreaterThanOrEqual(6);
    expect(await ideaCount(phases.finished!.id)).toBeGreaterThanOrEqual(5);
    const outside = await row(
      sql`select count(*) as n from ideas join challenges on challenges.id = ideas.challenge_id
         where ideas.created_at < challenges.submission_opens_at or ideas.created_at >= challenges.submission_closes_at`,
    );
    expect(outside).toEqual({ n: 0 });
    // No votes on ideas whose voting has not opened.
    expect(
      await row(sql`select count(*) as n from votes join ideas on ideas.id = votes.idea_id where ideas.challenge_id in (${phases.upcoming!.id}, ${phases.submission!.id})`),
    ).toEqual({ n: 0 });
  });

  it("keeps the voting challenge's votes within each customer's budget", async () => {
    const voting = (await db.select().from(challenges)).find((challenge) => challengePhase(challenge, new Date()) === "voting")!;
    expect(voting.voteBudget).toBe(3);
    const perVoter = await rows<{ userId: string; role: string; n: number }>(
      sql`select votes.user_id as "userId", users.role as role, count(*) as n from votes
         join ideas on ideas.id = votes.idea_id join users on users.id = votes.user_id
         where ideas.challenge_id = ${voting.id} group by votes.user_id, users.role`,
    );
    expect(perVoter.length).toBeGreaterThan(5);
    expect(perVoter.every((voter) => voter.role === "customer" && voter.n <= 3)).toBe(true);
    // The demo login has a vote left to try.
    expect(perVoter.find((voter) => voter.userId === "customer1")?.n).toBe(2);
    // The vote counts agree with the votes.
    const mismatched = await row(
      sql`select count(*) as n from ideas where challenge_id = ${voting.id} and vote_count != (select count(*) from votes where votes.idea_id = ideas.id)`,
    );
    expect(mismatched).toEqual({ n: 0 });
  });

  it("announces voting and results for the finished challenge, with winners and a note by staff2", async () => {
    const all = await db.select().from(challenges);
    const finished = all.find((challenge) => challengePhase(challenge, new Date()) === "finished")!;
    expect(finished.resultsById).toBe("staff2");
    expect(finished.resultsNoteText).toBeTruthy();
    expect(finished.resultsPublishedAt!.getTime()).toBeGreaterThanOrEqual(finished.votingClosesAt.getTime());
    const winners = await rows<{ rank: number | null; votes: number }>(
      sql`select rank, vote_count as votes from challenge_winners join ideas on ideas.id = challenge_winners.idea_id where challenge_winners.challenge_id = ${finished.id} order by rank is null, rank`,
    );
    expect(winners.map((winner) => winner.rank)).toEqual([1, 2, null]);
    expect(winners[0]!.votes).toBeGreaterThan(winners[1]!.votes);
    expect(await row(sql`select count(*) as n from votes join ideas on ideas.id = votes.idea_id where ideas.challenge_id = ${finished.id}`)).not.toEqual({ n: 0 });

    const news = await rows<{ challengeId: number; kind: string; actorId: string; n: number }>(
      sql`select challenge_id as "challengeId", kind, actor_id as "actorId", count(*) as n from notifications where challenge_id is not null group by challenge_id, kind, actor_id order by challenge_id, kind`,
    );
    const voting = all.find((challenge) => challengePhase(challenge, new Date()) === "voting")!;
    expect(news.map(({ n: _n, ...rest }) => rest)).toEqual([
      { challengeId: finished.id, kind: "challenge_results", actorId: "staff2" },
      { challengeId: finished.id, kind: "challenge_voting", actorId: "staff1" },
      { challengeId: voting.id, kind: "challenge_voting", actorId: "staff1" },
    ]);
  });

  it("spreads ideas, votes and first replies over the last 120 days, for the insights' charts", async () => {
    const DAY = 24 * 3600_000;
    const today = Date.now();
    const ideaDays = (await db.select({ at: ideas.createdAt }).from(ideas)).map((idea) => (today - idea.at.getTime()) / DAY);
    expect(Math.max(...ideaDays)).toBeGreaterThan(110);
    expect(Math.max(...ideaDays)).toBeLessThanOrEqual(121);
    const weeksOf = (times: Date[]) => new Set(times.map((at) => Math.floor((today - at.getTime()) / (7 * DAY)))).size;
    expect(weeksOf((await db.select({ at: votes.createdAt }).from(votes)).map((vote) => vote.at))).toBeGreaterThanOrEqual(15);
    const replies = await db.select({ at: ideas.firstResponseAt }).from(ideas).where(isNotNull(ideas.firstResponseAt));
    expect(weeksOf(replies.map((reply) => reply.at!))).toBeGreaterThanOrEqual(10);
  });
});
