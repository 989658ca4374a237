import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { databaseEngine } from "#db/engine";
import * as sqliteSchema from "#db/schema";
import * as pgSchema from "#db/schema.pg";
import * as tables from "#db/tables";
import { categories, challenges, emailPreferences, follows, ideas, users, votes } from "#db/tables";
import { castVote } from "#tests/support/budget-vote";
import { tablesOf } from "#tests/support/schema-description";
import { db, transaction, type DomainDatabase } from "~/lib/db.server";
import { markSafeHtml } from "~/lib/safe-html";

// The engine switch (db/tables.ts, app/lib/db.server.ts): the same domain-style code, typed
// once against SQLite's tables, runs here on SQLite (`npm run test:unit`) and on PostgreSQL
// (`npm run test:pg`), with the same results.
const engine = databaseEngine();
const database: DomainDatabase = { db, transaction };
const at = (iso: string) => new Date(iso);
const createdAt = at("2026-03-01T10:00:00.123Z");

beforeAll(async () => {
  await transaction((tx) =>
    tx.insert(users).values(
      ["ana", "ben", "cruz"].map((id, index) => ({
        id,
        email: `${id}@example.com`,
        displayName: id.toUpperCase(),
        passwordHash: "x",
        role: index === 2 ? ("staff" as const) : ("customer" as const),
      })),
    ),
  );
});

async function createIdea(title: string, fields: Partial<typeof ideas.$inferInsert> = {}) {
  const [idea] = await transaction((tx) =>
    tx
      .insert(ideas)
      .values({ title, bodyJson: "{}", bodyHtml: markSafeHtml("<p></p>"), bodyText: "", authorId: "ana", lastActivityAt: createdAt, createdAt, ...fields })
      .returning(),
  );
  return idea!;
}

describe(`the engine switch on ${engine}`, () => {
  it("picks the engine from DATABASE_URL, and db/tables.ts hands out that engine's tables", () => {
    expect(engine).toBe(process.env.DATABASE_URL ? "postgres" : "sqlite");
    const expected = tablesOf(engine === "postgres" ? pgSchema : sqliteSchema);
    expect([...tablesOf(tables).keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, table] of expected) expect(tables[name as keyof typeof tables], name).toBe(table);
  });

  it("inserts … returning: generated ids, defaults, dates to the millisecond, booleans", async () => {
    const [category] = await transaction((tx) => tx.insert(categories).values({ name: "Check-out", colour: "#112233" }).returning());
    expect(category).toMatchObject({ id: expect.any(Number), name: "Check-out", description: "", archivedAt: null });
    expect(category!.createdAt).toBeInstanceOf(Date);

    const idea = await createIdea("Faster check-out", { categoryId: category!.id });
    expect(idea).toMatchObject({ status: "open", voteCount: 0, trendingScore: 0, mergedIntoId: null, categoryId: category!.id });
    expect(idea.createdAt).toEqual(createdAt);

    await transaction((tx) =>
      tx.insert(emailPreferences).values([
        { userId: "ana", kind: "reply", enabled: false },
        { userId: "ana", kind: "adopted", enabled: true },
      ]),
    );
    const preferences = await db.select({ kind: emailPreferences.kind, enabled: emailPreferences.enabled }).from(emailPreferences).orderBy(asc(emailPreferences.kind));
    expect(preferences).toEqual([
      { kind: "adopted", enabled: true },
      { kind: "reply", enabled: false },
    ]);
  });

  it("selects with joins and aliases, filters on dates through the column, orders and counts", async () => {
    const first = await createIdea("Pay by phone", { assigneeId: "cruz", firstResponseAt: at("2026-03-02T09:30:00.000Z"), firstResponderId: "cruz" });
    const second = await createIdea("Receipts by email", { createdAt: at("2026-03-05T08:00:00.000Z"), lastActivityAt: at("2026-03-05T08:00:00.000Z") });
    await transaction((tx) => tx.update(ideas).set({ mergedIntoId: first.id, status: "duplicate" }).where(eq(ideas.id, second.id)));

    const responder = alias(users, "responder");
    const mergedInto = alias(ideas, "merged_into");
    const rows = await db
      .select({ id: ideas.id, title: ideas.title, author: users.displayName, responder: responder.displayName, mergedInto: mergedInto.title, respondedAt: ideas.firstResponseAt })
      .from(ideas)
      .innerJoin(users, eq(users.id, ideas.authorId))
      .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
      .leftJoin(mergedInto, eq(mergedInto.id, ideas.mergedIntoId))
      .where(and(gt(ideas.createdAt, at("2026-03-01T10:00:00.123Z")), isNull(ideas.hiddenAt)))
      .orderBy(desc(ideas.createdAt), asc(ideas.id));
    expect(rows).toEqual([
      { id: second.id, title: "Receipts by email", author: "ANA", responder: null, mergedInto: "Pay by phone", respondedAt: null },
    ]);

    const [{ n }] = await db.select({ n: count() }).from(ideas).where(eq(ideas.authorId, "ana"));
    expect(n).toBeTypeOf("number");
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it("updates … returning, with arithmetic on the column", async () => {
    const idea = await createIdea("Update me");
    const [after] = await transaction((tx) =>
      tx
        .update(ideas)
        .set({ voteCount: sql`${ideas.voteCount} + 2`, trendingScore: 1.5, lastActivityAt: at("2026-04-01T00:00:00.001Z") })
        .where(eq(ideas.id, idea.id))
        .returning({ voteCount: ideas.voteCount, trendingScore: ideas.trendingScore, lastActivityAt: ideas.lastActivityAt }),
    );
    expect(after).toEqual({ voteCount: 2, trendingScore: 1.5, lastActivityAt: at("2026-04-01T00:00:00.001Z") });
  });

  it("inserts … on conflict do nothing, and says so through returning", async () => {
    const idea = await createIdea("Follow me");
    const follow = () => transaction((tx) => tx.insert(follows).values({ ideaId: idea.id, userId: "ben" }).onConflictDoNothing().returning({ userId: follows.userId }));
    const first = await follow();
    const again = await follow();
    expect(first).toEqual([{ userId: "ben" }]);
    expect(again).toEqual([]);
  });
});

describe(`transaction(fn) on ${engine}`, () => {
  let challengeId: number;
  let challengeIdeas: number[];
  beforeAll(async () => {
    const [challenge] = await transaction((tx) =>
      tx
        .insert(challenges)
        .values({
          slug: "faster",
          title: "Faster",
          briefJson: "{}",
          briefHtml: markSafeHtml(""),
          briefText: "",
          submissionOpensAt: at("2026-01-01T00:00:00Z"),
          submissionClosesAt: at("2026-02-01T00:00:00Z"),
          votingOpensAt: at("2026-02-01T00:00:00Z"),
          votingClosesAt: at("2026-03-01T00:00:00Z"),
          voteBudget: 2,
          createdById: "cruz",
        })
        .returning({ id: challenges.id }),
    );
    challengeId = challenge!.id;
    challengeIdeas = [];
    for (const title of ["One", "Two", "Three"]) challengeIdeas.push((await createIdea(title, { challengeId })).id);
  });

  const votesOf = async (userId: string) =>
    (await db.select({ ideaId: votes.ideaId }).from(votes).innerJoin(ideas, eq(ideas.id, votes.ideaId)).where(and(eq(votes.userId, userId), eq(ideas.challengeId, challengeId))).orderBy(asc(votes.ideaId))).map(
      (row) => row.ideaId,
    );

  it("commits, and a returned refusal rolls back what the transaction wrote", async () => {
    const [one, two, three] = challengeIdeas;
    expect(await castVote(database, one!, "ben")).toEqual({ ok: true, voteCount: 1 });
    expect(await castVote(database, one!, "ben")).toEqual({ ok: false, reason: "alreadyVoted" });
    expect(await castVote(database, two!, "ben")).toEqual({ ok: true, voteCount: 1 });
    // The third vote was inserted, counted over the budget of 2, and rolled back.
    expect(await castVote(database, three!, "ben")).toEqual({ ok: false, reason: "budgetSpent" });
    expect(await votesOf("ben")).toEqual([one, two]);
  });

  it("nests: an inner refusal rolls back its savepoint only, the outer transaction commits", async () => {
    const [one, two, three] = challengeIdeas;
    const outcomes = await database.transaction(async () => [
      await castVote(database, one!, "ana"),
      await castVote(database, two!, "ana"),
      await castVote(database, three!, "ana"),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(await votesOf("ana")).toEqual([one, two]);
    const counts = await db.select({ id: ideas.id, voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.challengeId, challengeId)).orderBy(asc(ideas.id));
    expect(counts.map((row) => row.voteCount)).toEqual([2, 2, 0]);
  });

  it("rolls back everything, nested calls included, when the callback throws", async () => {
    const [, , three] = challengeIdeas;
    await expect(
      database.transaction(async (tx) => {
        await castVote(database, three!, "cruz");
        await tx.update(ideas).set({ title: "Renamed" }).where(eq(ideas.id, three!));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const [idea] = await db.select({ title: ideas.title, voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, three!));
    expect(idea).toEqual({ title: "Three", voteCount: 0 });
    expect(await votesOf("cruz")).toEqual([]);
  });

  it("reads through db inside a transaction see the transaction's own writes", async () => {
    const [, , three] = challengeIdeas;
    const seen = await database.transaction(async (tx) => {
      await tx.update(ideas).set({ title: "Seen" }).where(eq(ideas.id, three!));
      const [idea] = await db.select({ title: ideas.title }).from(ideas).where(eq(ideas.id, three!));
      return { ok: false as const, reason: idea!.title };
    });
    expect(seen).toEqual({ ok: false, reason: "Seen" });
    const [idea] = await db.select({ title: ideas.title }).from(ideas).where(eq(ideas.id, three!));
    expect(idea!.title).toBe("Three");
  });
});
