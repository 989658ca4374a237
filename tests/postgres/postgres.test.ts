import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { ideas, users, votes } from "#db/tables";
import { barrier, castVote } from "#tests/support/budget-vote";
import { asDomainDatabase, type DomainDatabase, type Tx } from "~/lib/db.server";
import { createEmptyDatabase, seedChallenge } from "#tests/support/postgres-fixtures";
import { isRetryable, migratePostgres, openPostgres, POSTGRES_MIGRATIONS, type Postgres } from "~/lib/postgres.server";
import { markSafeHtml } from "~/lib/safe-html";

// app/lib/postgres.server.ts on a real server: migrations once, transactions SERIALIZABLE with
// retries, exact under concurrency (docs/decisions/0008-postgresql-transactions.md).
const url = process.env.DATABASE_URL!;
const journal = JSON.parse(fs.readFileSync(`${POSTGRES_MIGRATIONS}/meta/_journal.json`, "utf8")) as { entries: unknown[] };

describe("migrations", () => {
  it("are applied once when several servers start at the same moment", async () => {
    const empty = await createEmptyDatabase();
    try {
      const servers = await Promise.all([1, 2, 3].map(() => openPostgres(empty.url, { poolSize: 2 })));
      const { rows } = await servers[0]!.pool.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(rows[0].n).toBe(journal.entries.length);
      // Applying them again finds nothing left to do.
      await migratePostgres(servers[1]!.pool);
      expect((await servers[1]!.pool.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n).toBe(journal.entries.length);
      expect(await servers[2]!.isHealthy()).toBe(true);
      await Promise.all(servers.map((server) => server.close()));
    } finally {
      await empty.drop();
    }
  });
});

describe("transaction(fn)", () => {
  let server: Postgres;
  let retries: number;
  let database: DomainDatabase;
  let voters: string[];
  let ideaIds: number[];
  /** An idea outside the challenge, whose counter the read-then-write tests move by hand. */
  let counterIdea: number;

  beforeAll(async () => {
    server = await openPostgres(url, { onRetry: () => retries++ });
    database = asDomainDatabase(server);
    voters = Array.from({ length: 8 }, (_, index) => `voter${index + 1}`);
    ({ ideaIds } = await seedChallenge(database, { voters, ideaCount: 5, budget: 3 }));
    const [idea] = await database.transaction((tx) =>
      tx
        .insert(ideas)
        .values({ title: "Counter", bodyJson: "{}", bodyHtml: markSafeHtml(""), bodyText: "", authorId: "host", lastActivityAt: new Date(), createdAt: new Date() })
        .returning({ id: ideas.id }),
    );
    counterIdea = idea!.id;
  });
  afterAll(() => server.close());

  const spent = async (userId: string) =>
    (await database.db.select({ n: count() }).from(votes).where(eq(votes.userId, userId)))[0]!.n;

  /** Two transactions that each read a counter, then both write it back plus one. */
  function readThenIncrement(ideaId: number, bothRead: () => Promise<void>) {
    return async (tx: Tx) => {
      const [idea] = await tx.select({ voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, ideaId));
      await bothRead();
      await tx.update(ideas).set({ voteCount: idea!.voteCount + 1 }).where(eq(ideas.id, ideaId));
      return idea!.voteCount + 1;
    };
  }

  it("runs SERIALIZABLE and retries a serialization failure: a budget spent from two tabs at once stays within bounds", async () => {
    const [first, second, third, fourth] = ideaIds;
    await castVote(database, first!, "voter1");
    await castVote(database, second!, "voter1");
    retries = 0;
    // Both transactions count 2 votes of 3 before either writes: one must be refused.
    const bothCounted = barrier(2);
    const outcomes = await Promise.all([castVote(database, third!, "voter1", { afterCounting: bothCounted, queue: false }), castVote(database, fourth!, "voter1", { afterCounting: bothCounted, queue: false })]);
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.reason)).sort()).toEqual(["budgetSpent", "ok"]);
    expect(await spent("voter1")).toBe(3);
    expect(retries).toBeGreaterThanOrEqual(1);
  });

  it("(the reason: at READ COMMITTED the same code overspends the budget)", async () => {
    const [first, second, third, fourth] = ideaIds;
    const plain = drizzle({ client: server.pool });
    const readCommitted: DomainDatabase = { ...database, transaction: (fn) => plain.transaction((tx) => fn(tx as unknown as Tx), { accessMode: "read write" }) };
    await castVote(database, first!, "voter2");
    await castVote(database, second!, "voter2");
    const bothCounted = barrier(2);
    await Promise.all([castVote(readCommitted, third!, "voter2", { afterCounting: bothCounted, queue: false }), castVote(readCommitted, fourth!, "voter2", { afterCounting: bothCounted, queue: false })]);
    expect(await spent("voter2")).toBe(4);
  });

  it("retries the whole transaction even when a nested call's failure was caught inside it", async () => {
    const before = (await database.db.select({ voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, counterIdea)))[0]!.voteCount;
    retries = 0;
    const bothRead = barrier(2);
    const plain = database.transaction(readThenIncrement(counterIdea, bothRead));
    // The nested call writes only once the other has committed: its write must fail.
    const swallowing = database.transaction(async () => {
      try {
        return await database.transaction(readThenIncrement(counterIdea, () => bothRead().then(() => plain.then(() => undefined))));
      } catch {
        return "caught";
      }
    });
    expect(await Promise.all([plain, swallowing])).toEqual([before + 1, before + 2]);
    expect(retries).toBe(1);
    const [after] = await database.db.select({ voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, counterIdea));
    expect(after!.voteCount).toBe(before + 2);
  });

  it("hands the serialization failure to the caller once the attempts are spent", async () => {
    const server = await openPostgres(url, { maxAttempts: 1, poolSize: 2 });
    const once = asDomainDatabase(server);
    try {
      const bothRead = barrier(2);
      const results = await Promise.allSettled([once.transaction(readThenIncrement(counterIdea, bothRead)), once.transaction(readThenIncrement(counterIdea, bothRead))]);
      const failures = results.filter((result) => result.status === "rejected");
      expect(failures).toHaveLength(1);
      expect(isRetryable((failures[0] as PromiseRejectedResult).reason)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("keeps budgets, one vote per person and counters exact with three servers voting at once", async () => {
    const servers = await Promise.all([1, 2, 3].map(() => openPostgres(url, { poolSize: 4, onRetry: () => retries++ })));
    try {
      const fresh = voters.slice(2);
      retries = 0;
      // Every voter votes for every idea, twice (a double submit), through the servers in turn,
      // without queue keys: SERIALIZABLE alone keeps it exact, through retries.
      const attempts = fresh.flatMap((userId, v) =>
        [...ideaIds, ...ideaIds].map((ideaId, i) => castVote(asDomainDatabase(servers[(v + i) % 3]!), ideaId, userId, { queue: false })),
      );
      const outcomes = await Promise.all(attempts);
      for (const userId of fresh) expect(await spent(userId), userId).toBe(3);
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(fresh.length * 3);
      const drift = await database.db
        .select({ id: ideas.id })
        .from(ideas)
        .where(sql`${ideas.id} <> ${counterIdea} and ${ideas.voteCount} <> (select count(*) from ${votes} where ${votes.ideaId} = ${ideas.id})`);
      expect(drift).toEqual([]);
      expect(retries).toBeGreaterThan(0);
    } finally {
      await Promise.all(servers.map((one) => one.close()));
    }
  });

  it("queues transactions that share a key: a burst of votes on one idea from three servers costs no retry", async () => {
    const servers = await Promise.all([1, 2, 3].map(() => openPostgres(url, { poolSize: 4, onRetry: () => retries++ })));
    try {
      const crowd = Array.from({ length: 40 }, (_, index) => `crowd${index}`);
      const [idea] = await database.transaction(async (tx) => {
        await tx.insert(users).values(crowd.map((id) => ({ id, email: `${id}@example.com`, displayName: id, passwordHash: "x" })));
        return tx
          .insert(ideas)
          .values({ title: "Popular", bodyJson: "{}", bodyHtml: markSafeHtml(""), bodyText: "", authorId: "host", lastActivityAt: new Date(), createdAt: new Date() })
          .returning({ id: ideas.id });
      });
      retries = 0;
      const outcomes = await Promise.all(crowd.map((userId, index) => castVote(asDomainDatabase(servers[index % 3]!), idea!.id, userId)));
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      const [after] = await database.db.select({ voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, idea!.id));
      expect(after!.voteCount).toBe(crowd.length);
      expect(retries).toBe(0);
    } finally {
      await Promise.all(servers.map((one) => one.close()));
    }
  });
});

describe("exclusively(key, fn): a background job on one server at a time", () => {
  it("leaves the work to the server that holds the key, and runs it once the key is free; other keys run meanwhile", async () => {
    const [first, second] = await Promise.all([1, 2].map(() => openPostgres(url, { poolSize: 2 })));
    try {
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      let started!: () => void;
      const holding = new Promise<void>((resolve) => (started = resolve));
      const running = first.exclusively("job:announcements", async () => {
        started();
        await finished;
        return "done by the first";
      });
      await holding;

      let ranOnSecond = false;
      expect(await second.exclusively("job:announcements", async () => (ranOnSecond = true))).toEqual({ ran: false });
      expect(ranOnSecond).toBe(false);
      expect(await second.exclusively("job:rate limits", async () => "other job")).toEqual({ ran: true, value: "other job" });

      finish();
      expect(await running).toEqual({ ran: true, value: "done by the first" });
      expect(await second.exclusively("job:announcements", async () => "now the second")).toEqual({ ran: true, value: "now the second" });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("runs more jobs at once than the pool has connections, their keys held on a connection of their own", async () => {
    const server = await openPostgres(url, { poolSize: 1 });
    try {
      // Each job's work needs the pool's one connection: had a key taken it, none could finish.
      const jobs = ["job:a", "job:b", "job:c"].map((key) => server.exclusively(key, () => server.transaction(async (tx) => (await tx.execute(sql`select ${key}::text as key`)).rows[0]!.key)));
      expect(await Promise.all(jobs)).toEqual([
        { ran: true, value: "job:a" },
        { ran: true, value: "job:b" },
        { ran: true, value: "job:c" },
      ]);
    } finally {
      await server.close();
    }
  });

  it("runs a key once at a time in one server too (its lock connection could take its own key again)", async () => {
    const server = await openPostgres(url, { poolSize: 2 });
    try {
      let finish!: () => void;
      const running = server.exclusively("job:same", () => new Promise<string>((resolve) => (finish = () => resolve("first"))));
      await expect.poll(() => finish).toBeDefined();
      expect(await server.exclusively("job:same", async () => "second")).toEqual({ ran: false });
      finish();
      expect(await running).toEqual({ ran: true, value: "first" });
      expect(await server.exclusively("job:same", async () => "again")).toEqual({ ran: true, value: "again" });
    } finally {
      await server.close();
    }
  });

  it("frees the key when the work fails", async () => {
    const [first, second] = await Promise.all([1, 2].map(() => openPostgres(url, { poolSize: 2 })));
    try {
      await expect(first.exclusively("job:failing", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      expect(await second.exclusively("job:failing", async () => "ran")).toEqual({ ran: true, value: "ran" });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
