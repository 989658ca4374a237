import { beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { challenges } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { challengePhase } from "~/domain/challenge-phases";
import { getSite } from "~/domain/site.server";
import { listStaff, verifyCredentials } from "~/domain/people.server";
import { db, sqlite } from "~/lib/db.server";
import { DEMO_PASSWORD } from "#db/seed/demo";

describe("demo seed", () => {
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    summary = await seedDemo();
  });

  it("creates the site, an admin, three staff with titles and thirty customers", async () => {
    expect(getSite()?.name).toBe("Tertulia Demo");
    const staff = listStaff();
    expect(staff.map((person) => person.role).sort()).toEqual(["admin", "staff", "staff", "staff"]);
    expect(staff.every((person) => person.jobTitle && person.bio)).toBe(true);
    expect(sqlite.prepare("select count(*) as n from users where role = 'customer'").get()).toEqual({ n: 30 });
    expect(await verifyCredentials("customer7@demo.example", DEMO_PASSWORD)).toMatchObject({ id: "customer7" });
  });

  it("reports what it seeded", () => {
    expect(summary.challenges).toBe(4);
    expect(sqlite.prepare("select count(*) as n from ideas").get()).toEqual({ n: summary.ideas });
    expect(summary.votes).toBeGreaterThan(0);
    expect(sqlite.prepare("select count(*) as n from email_outbox").get()).toEqual({ n: 0 });
  });

  it("publishes four challenges, one in each phase, with ideas submitted inside their windows", () => {
    const rows = db.select().from(challenges).orderBy(asc(challenges.id)).all();
    expect(rows).toHaveLength(4);
    expect(rows.every((challenge) => challenge.publishedAt && challenge.publishedById === "staff1")).toBe(true);
    const now = new Date();
    const phases = Object.fromEntries(rows.map((challenge) => [challengePhase(challenge, now), challenge]));
    expect(Object.keys(phases).sort()).toEqual(["finished", "submission", "upcoming", "voting"]);

    const ideaCount = (id: number) => (sqlite.prepare("select count(*) as n from ideas where challenge_id = ?").get(id) as { n: number }).n;
    expect(ideaCount(phases.upcoming!.id)).toBe(0);
    expect(ideaCount(phases.submission!.id)).toBeGreaterThanOrEqual(5);
    expect(ideaCount(phases.voting!.id)).toBeGreaterThanOrEqual(6);
    expect(ideaCount(phases.finished!.id)).toBeGreaterThanOrEqual(5);
    const outside = sqlite
      .prepare(
        `select count(*) as n from ideas join challenges on challenges.id = ideas.challenge_id
         where ideas.created_at < challenges.submission_opens_at or ideas.created_at >= challenges.submission_closes_at`,
      )
      .get();
    expect(outside).toEqual({ n: 0 });
    // No votes on ideas whose voting has not opened.
    expect(sqlite.prepare("select count(*) as n from votes join ideas on ideas.id = votes.idea_id where ideas.challenge_id in (?, ?)").get(phases.upcoming!.id, phases.submission!.id)).toEqual({
      n: 0,
    });
  });

  it("keeps the voting challenge's votes within each customer's budget", () => {
    const voting = db.select().from(challenges).all().find((challenge) => challengePhase(challenge, new Date()) === "voting")!;
    expect(voting.voteBudget).toBe(3);
    const perVoter = sqlite
      .prepare(
        `select votes.user_id as userId, users.role as role, count(*) as n from votes
         join ideas on ideas.id = votes.idea_id join users on users.id = votes.user_id
         where ideas.challenge_id = ? group by votes.user_id`,
      )
      .all(voting.id) as Array<{ userId: string; role: string; n: number }>;
    expect(perVoter.length).toBeGreaterThan(5);
    expect(perVoter.every((voter) => voter.role === "customer" && voter.n <= 3)).toBe(true);
    // The demo login has a vote left to try.
    expect(perVoter.find((voter) => voter.userId === "customer1")?.n).toBe(2);
    // The vote counts agree with the votes.
    const mismatched = sqlite
      .prepare("select count(*) as n from ideas where challenge_id = ? and vote_count != (select count(*) from votes where votes.idea_id = ideas.id)")
      .get(voting.id);
    expect(mismatched).toEqual({ n: 0 });
  });

  it("announces voting and results for the finished challenge, with winners and a note by staff2", () => {
    const finished = db.select().from(challenges).all().find((challenge) => challengePhase(challenge, new Date()) === "finished")!;
    expect(finished.resultsById).toBe("staff2");
    expect(finished.resultsNoteText).toBeTruthy();
    expect(finished.resultsPublishedAt!.getTime()).toBeGreaterThanOrEqual(finished.votingClosesAt.getTime());
    const winners = sqlite
      .prepare("select rank, vote_count as votes from challenge_winners join ideas on ideas.id = challenge_winners.idea_id where challenge_winners.challenge_id = ? order by rank is null, rank")
      .all(finished.id) as Array<{ rank: number | null; votes: number }>;
    expect(winners.map((winner) => winner.rank)).toEqual([1, 2, null]);
    expect(winners[0]!.votes).toBeGreaterThan(winners[1]!.votes);
    expect(sqlite.prepare("select count(*) as n from votes join ideas on ideas.id = votes.idea_id where ideas.challenge_id = ?").get(finished.id)).not.toEqual({ n: 0 });

    const news = sqlite
      .prepare("select challenge_id as challengeId, kind, actor_id as actorId, count(*) as n from notifications where challenge_id is not null group by challenge_id, kind, actor_id order by challenge_id, kind")
      .all() as Array<{ challengeId: number; kind: string; actorId: string; n: number }>;
    const voting = db.select().from(challenges).all().find((challenge) => challengePhase(challenge, new Date()) === "voting")!;
    expect(news.map(({ n: _n, ...row }) => row)).toEqual([
      { challengeId: finished.id, kind: "challenge_results", actorId: "staff2" },
      { challengeId: finished.id, kind: "challenge_voting", actorId: "staff1" },
      { challengeId: voting.id, kind: "challenge_voting", actorId: "staff1" },
    ]);
  });
});
