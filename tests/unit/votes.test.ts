import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createChallenge, setChallengePublished } from "~/domain/challenges.server";
import { createIdea, getIdea } from "~/domain/ideas.server";
import { recordVoteFor, removeVoteFor, setVote } from "~/domain/votes.server";
import { exec, row, rows } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { notificationEmailsTo } from "#tests/support/mail";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

/** The count kept in the idea row and the number of vote rows it counts. */
async function counts(ideaId: number) {
  return (await row<{ inRow: number; rows: number }>(
    sql`select vote_count as "inRow", (select count(*) from votes where idea_id = ${ideaId}) as rows from ideas where id = ${ideaId}`,
  ))!;
}

describe("setVote", () => {
  it("starts an idea with its author's vote", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Dark mode for the app");
    expect(await counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
    expect((await getIdea(idea.id, author.id))?.voted).toBe(true);
  });

  it("holds one vote when the same person votes twice, and the database refuses a second row", async () => {
    const idea = await makeIdea((await makePerson()).id, "Export invoices as CSV");
    const voter = await makePerson();
    expect(await setVote(idea.id, voter.id, true)).toEqual({ ok: true, value: { voted: true, voteCount: 2 } });
    expect(await setVote(idea.id, voter.id, true)).toEqual({ ok: true, value: { voted: true, voteCount: 2 } });
    expect(await counts(idea.id)).toEqual({ inRow: 2, rows: 2 });
    await expect(exec(sql`insert into votes (idea_id, user_id) values (${idea.id}, ${voter.id})`)).rejects.toThrow(/UNIQUE|PRIMARY KEY|duplicate key/);
  });

  it("takes a vote back, and taking it back twice changes nothing", async () => {
    const idea = await makeIdea((await makePerson()).id, "Pay by bank transfer");
    const voter = await makePerson();
    accepted(await setVote(idea.id, voter.id, true));
    expect(await setVote(idea.id, voter.id, false)).toEqual({ ok: true, value: { voted: false, voteCount: 1 } });
    expect(await setVote(idea.id, voter.id, false)).toEqual({ ok: true, value: { voted: false, voteCount: 1 } });
    expect(await counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
  });

  it("keeps the trending score in step with the count", async () => {
    // Posted 2026-11-02T09:00Z: 5,189.84375 four-day timescales (docs/trending.md); with two votes, + log10(2).
    const idea = accepted(
      await createIdea({ authorId: (await makePerson()).id, title: "Gift cards", body: plainBody("Gift cards."), categoryId: null, now: new Date("2026-11-02T09:00:00Z") }),
    );
    expect(idea.trendingScore).toBeCloseTo(5189.84375, 9);
    accepted(await setVote(idea.id, (await makePerson()).id, true));
    const scored = await row<{ score: number }>(sql`select trending_score as score from ideas where id = ${idea.id}`);
    expect(scored!.score).toBeCloseTo(5190.144779996, 9);
  });

  it("refuses an idea that does not exist", async () => {
    expect(await setVote(999_999, (await makePerson()).id, true)).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("an acknowledged vote", () => {
  it("is on disk when its process is killed right after the answer", async () => {
    const idea = await makeIdea((await makePerson()).id, "Votes that stay");
    const voters: string[] = [];
    for (let i = 0; i < 40; i++) voters.push((await makePerson()).id);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/durable-voter.ts"], {
      env: { ...process.env, DURABLE_VOTERS: JSON.stringify(voters), DURABLE_IDEA: String(idea.id) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const acknowledged: string[] = [];
    const killed = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.stdout.on("data", (chunk: Buffer) => {
      // Killed on the first answer read: votes still being written die with the process.
      child.kill("SIGKILL");
      acknowledged.push(...chunk.toString().split("\n").filter(Boolean));
    });
    await killed;
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await rows<{ userId: string }>(sql`select user_id as "userId" from votes where idea_id = ${idea.id}`);
    for (const userId of acknowledged) expect(stored.map((vote) => vote.userId)).toContain(userId);
    // And the idea row agrees with the rows that survived.
    expect((await counts(idea.id)).inRow).toBe((await counts(idea.id)).rows);
  }, 30_000);
});

/** Runs one child process (tests/support/race-voter.ts) on this test file's database; resolves when it is ready. */
function startVoter(plan: Array<{ ideaId: number; userId: string; wanted: boolean }>, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/race-voter.ts"], {
    env: { ...process.env, RACE_PLAN: JSON.stringify(plan), RACE_NOW: String(now.getTime()) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("a voter process ended without answering");
    return line.value;
  };
  return next().then((ready) => {
    expect(ready).toBe("ready");
    return {
      go: () => child.stdin!.write("go\n"),
      answers: async () => JSON.parse(await next()) as Array<{ ideaId: number; userId: string; voted?: boolean; refused?: string; error?: string }>,
    };
  });
}

describe("votes cast at the same moment by several server processes", () => {
  /*
   * A real race: four processes open this file's database through the app's own modules and,
   * at one signal, cast every vote of their plan at once (their votes also interleave inside
   * each process at every await). Voters spend a challenge's budget of 2 on overlapping ideas
   * (some the same idea from two processes: a double submit across tabs), and crowd two plain
   * ideas. Afterwards no budget may be overspent, every count in an idea row must equal its vote
   * rows, every trending score must match its count, and no process may have seen an error.
   *
   * Tried with the write lock taken out of transaction() (app/lib/db.server.ts), it fails every
   * time. With a plain deferred BEGIN instead of BEGIN IMMEDIATE, a process reads the budget on
   * a snapshot and cannot upgrade to the write lock: 142 votes failed with "database is locked".
   * With no transaction and no queue at all, double submits race past the "already voted" check
   * (32 to 84 UNIQUE-constraint errors per run), and in one run of three every voter ended with
   * 4 votes on a budget of 2.
   */
  it("never overspends a budget, keeps every count equal to its votes, and refuses only what the rules refuse", async () => {
    const staff = await makePerson("staff");
    const start = new Date("2040-01-01T09:00:00.000Z");
    const challenge = accepted(
      await createChallenge({
        slug: "race",
        title: "A crowded vote",
        brief: plainBody("Which one?"),
        submissionOpensAt: start,
        submissionClosesAt: new Date(start.getTime() + 86_400_000),
        votingOpensAt: new Date(start.getTime() + 86_400_000),
        votingClosesAt: new Date(start.getTime() + 2 * 86_400_000),
        voteBudget: 2,
        staffId: staff.id,
      }),
    );
    accepted(await setChallengePublished({ id: challenge.id, published: true, staffId: staff.id }));
    const author = await makePerson();
    const challengeIdeas: number[] = [];
    for (let i = 0; i < 6; i++) {
      const idea = await createIdea({ authorId: author.id, title: `Answer ${i}`, body: plainBody("An answer."), categoryId: null, challengeId: challenge.id, now: new Date(start.getTime() + 1000) });
      challengeIdeas.push(accepted(idea).id);
    }
    const plainIdeas = [(await makeIdea(author.id, "Crowded one")).id, (await makeIdea(author.id, "Crowded two")).id];
    const voters: string[] = [];
    for (let i = 0; i < 24; i++) voters.push((await makePerson()).id);

    const PROCESSES = 4;
    const plans = Array.from({ length: PROCESSES }, (_, k) => [
      // Each of the first 12 voters tries two challenge ideas per process: five different ones in all, three of them from two processes.
      ...voters.slice(0, 12).flatMap((userId, v) => [0, 1].map((offset) => ({ ideaId: challengeIdeas[(k + v + offset) % 6]!, userId, wanted: true }))),
      // Everyone crowds the plain ideas; neighbouring processes share half their voters.
      ...voters.slice(k * 4, k * 4 + 12).flatMap((userId) => plainIdeas.map((ideaId) => ({ ideaId, userId, wanted: true }))),
    ]);
    const votingTime = new Date(start.getTime() + 86_400_000 + 3_600_000);
    const processes = await Promise.all(plans.map((plan) => startVoter(plan, votingTime)));
    for (const voter of processes) voter.go();
    const answers = (await Promise.all(processes.map((voter) => voter.answers()))).flat();

    expect(answers.filter((answer) => answer.error)).toEqual([]);
    expect(new Set(answers.flatMap((answer) => (answer.refused ? [answer.refused] : [])))).toEqual(new Set(["budgetSpent"]));
    const spent = await rows<{ userId: string; n: number }>(
      sql`select votes.user_id as "userId", count(*) as n from votes join ideas on ideas.id = votes.idea_id where ideas.challenge_id = ${challenge.id} group by votes.user_id`,
    );
    expect(spent).toHaveLength(12);
    expect(spent.filter((voter) => voter.n !== 2)).toEqual([]);
    const mismatched = await rows(
      sql`select id, vote_count as "inRow", (select count(*) from votes where votes.idea_id = ideas.id) as rows from ideas where vote_count != (select count(*) from votes where votes.idea_id = ideas.id)`,
    );
    expect(mismatched).toEqual([]);
    for (const ideaId of [...challengeIdeas, ...plainIdeas]) {
      const idea = (await getIdea(ideaId, null))!;
      const { score, createdAt } = (await row<{ score: number; createdAt: number | Date }>(sql`select trending_score as score, created_at as "createdAt" from ideas where id = ${ideaId}`))!;
      // log10(votes, at least 1) + creation time in four-day timescales (docs/trending.md).
      expect(score, `idea ${ideaId}`).toBeCloseTo(Math.log10(Math.max(idea.voteCount, 1)) + Number(createdAt) / 1000 / 345_600, 9);
    }
    expect((await counts(plainIdeas[0]!)).rows).toBe(1 + 24);
  }, 60_000);
});

describe("recordVoteFor", () => {
  // The notification-email job composes the email (run as if its two minutes were over).
  const emailsTo = async (address: string) => (await notificationEmailsTo(address)).map(({ subject, text }) => ({ subject, text }));

  it("makes the customer's account with their company, counts the vote once, and tells them, signed by the staff member", async () => {
    const staff = await makePerson("staff", { displayName: "Sonia Staff" });
    const idea = await makeIdea((await makePerson()).id, "Pay by bank transfer");
    const recorded = accepted(await recordVoteFor({ ideaId: idea.id, staffId: staff.id, email: " Nuria@Example.com ", displayName: "Nuria Nieto", company: "Nieto SA", note: "visit, 3 June" }));
    expect(recorded).toMatchObject({ accountCreated: true, alreadyVoted: false, voteCount: 2, person: { email: "nuria@example.com", displayName: "Nuria Nieto", company: "Nieto SA", role: "customer" } });
    expect(await counts(idea.id)).toEqual({ inRow: 2, rows: 2 });
    expect(await emailsTo("nuria@example.com")).toEqual([
      expect.objectContaining({ subject: "Your vote for “Pay by bank transfer” is recorded", text: expect.stringContaining("Sonia Staff recorded your support") }),
    ]);
    expect(await row(sql`select recorded_note as note from votes where idea_id = ${idea.id} and recorded_by_id = ${staff.id}`)).toEqual({ note: "visit, 3 June" });

    const again = accepted(await recordVoteFor({ ideaId: idea.id, staffId: staff.id, email: "nuria@example.com" }));
    expect(again).toMatchObject({ accountCreated: false, alreadyVoted: true, voteCount: 2 });
    expect(await emailsTo("nuria@example.com")).toHaveLength(1);
  });

  it("records only customers' votes, only by staff, and takes nothing when the idea is not there", async () => {
    const staff = await makePerson("staff");
    const idea = await makeIdea((await makePerson()).id, "Gift cards");
    expect(await recordVoteFor({ ideaId: idea.id, staffId: staff.id, email: staff.email })).toEqual({ ok: false, reason: "notCustomer" });
    const customer = await makePerson();
    expect(await recordVoteFor({ ideaId: idea.id, staffId: customer.id, email: "other@example.com" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await recordVoteFor({ ideaId: 999_999, staffId: staff.id, email: "ghost@example.com" })).toEqual({ ok: false, reason: "notFound" });
    expect(await row(sql`select id from users where email = 'ghost@example.com'`)).toBeUndefined();
  });

  it("takes a customer's vote back by email", async () => {
    const staff = await makePerson("staff");
    const voter = await makePerson();
    const idea = await makeIdea((await makePerson()).id, "Night delivery");
    accepted(await setVote(idea.id, voter.id, true));
    expect(await removeVoteFor({ ideaId: idea.id, staffId: staff.id, email: voter.email })).toEqual({ ok: true, value: { removed: true, voteCount: 1 } });
    expect(await removeVoteFor({ ideaId: idea.id, staffId: staff.id, email: "nobody@example.com" })).toEqual({ ok: false, reason: "personNotFound" });
  });
});
