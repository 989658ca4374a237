import { eq, sql, type SQL } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { categories } from "#db/tables";
import { db, driver, engine, longReads, transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

let counter = 0;
const name = () => `Category ${++counter}`;
const insert = (tx: Parameters<Parameters<typeof transaction>[0]>[0], categoryName: string) =>
  tx.insert(categories).values({ name: categoryName, colour: "#123456" }).returning();
const exists = async (categoryName: string) => (await db.select().from(categories).where(eq(categories.name, categoryName))).length === 1;

describe("transaction", () => {
  it("commits what the function wrote and returns what it returned", async () => {
    const written = name();
    const result = await transaction(async (tx) => (await insert(tx, written))[0]!.name);
    expect(result).toBe(written);
    expect(await exists(written)).toBe(true);
  });

  it("rolls back when the function throws, and passes the error on", async () => {
    const written = name();
    await expect(
      transaction(async (tx) => {
        await insert(tx, written);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await exists(written)).toBe(false);
  });

  it("rolls back when the function returns a refusal, and returns the refusal", async () => {
    const written = name();
    const result = await transaction(async (tx) => {
      await insert(tx, written);
      return refused("changedMyMind");
    });
    expect(result).toEqual({ ok: false, reason: "changedMyMind" });
    expect(await exists(written)).toBe(false);
  });

  it("nests as a savepoint: an inner refusal undoes only the inner writes, the outer decides", async () => {
    const [outer, inner, second] = [name(), name(), name()];
    const result = await transaction(async (tx) => {
      await insert(tx, outer);
      const innerResult = await transaction(async (innerTx) => {
        await insert(innerTx, inner);
        return refused("no");
      });
      await transaction(async (innerTx) => insert(innerTx, second));
      return ok(innerResult);
    });
    expect(result).toEqual({ ok: true, value: { ok: false, reason: "no" } });
    expect([await exists(outer), await exists(inner), await exists(second)]).toEqual([true, false, true]);
  });

  it("rolls back everything, inner savepoints included, when the outer function refuses", async () => {
    const [outer, inner] = [name(), name()];
    await transaction(async (tx) => {
      await insert(tx, outer);
      await transaction(async (innerTx) => insert(innerTx, inner));
      return refused("all or nothing");
    });
    expect([await exists(outer), await exists(inner)]).toEqual([false, false]);
  });

  // SQLite's single writer; PostgreSQL runs transactions side by side (serializable, decision 0008).
  it.skipIf(engine !== "sqlite")("runs transactions one at a time, even when they await in the middle", async () => {
    const events: string[] = [];
    const step = (label: string) => async () => {
      events.push(`${label} begins`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${label} ends`);
    };
    await Promise.all([transaction(step("first")), transaction(step("second"))]);
    expect(events).toEqual(["first begins", "first ends", "second begins", "second ends"]);
  });

  it("lets `db` follow the current transaction: inside it sees the uncommitted writes, outside only what is committed", async () => {
    const written = name();
    let seenByTx: boolean | null = null;
    let seenByDbInside: boolean | null = null;
    let seenElsewhere: boolean | null = null;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const insertDone = new Promise<void>((resolve) => (wrote = resolve));
    const running = transaction(async (tx) => {
      await insert(tx, written);
      seenByTx = (await tx.select().from(categories).where(eq(categories.name, written))).length === 1;
      seenByDbInside = await exists(written);
      wrote();
      await held;
    });
    // Another request, outside the transaction, while it is open.
    await insertDone;
    seenElsewhere = await exists(written);
    release();
    await running;
    expect({ seenByTx, seenByDbInside, seenElsewhere, afterCommit: await exists(written) }).toEqual({
      seenByTx: true,
      seenByDbInside: true,
      seenElsewhere: false,
      afterCommit: true,
    });
  });

  it("goes on after a failed transaction", async () => {
    await expect(transaction(() => Promise.reject(new Error("first fails")))).rejects.toThrow("first fails");
    const written = name();
    await transaction((tx) => insert(tx, written));
    expect(await exists(written)).toBe(true);
  });
});

// SQLite's (decision 0011); PostgreSQL commits each transaction on its own connection.
describe.skipIf(driver.engine !== "sqlite")("group commit", () => {
  const writer = () => (driver.engine === "sqlite" ? driver.writer : expect.unreachable("SQLite only"));

  it("writes the transactions of one turn under one COMMIT, and a refusal or an error undoes only its own", async () => {
    const commits = vi.spyOn(writer(), "exec");
    const [first, refusing, failing, last] = [name(), name(), name(), name()];
    const answers = await Promise.allSettled([
      transaction((tx) => insert(tx, first)),
      transaction(async (tx) => {
        await insert(tx, refusing);
        return refused("no");
      }),
      transaction(async (tx) => {
        await insert(tx, failing);
        throw new Error("boom");
      }),
      transaction((tx) => insert(tx, last)),
    ]);
    const statements = commits.mock.calls.map(([statement]) => statement);
    commits.mockRestore();
    expect(answers.map((answer) => answer.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(statements.filter((statement) => statement === "COMMIT")).toHaveLength(1);
    expect(statements.filter((statement) => statement === "BEGIN IMMEDIATE")).toHaveLength(1);
    expect([await exists(first), await exists(refusing), await exists(failing), await exists(last)]).toEqual([true, false, false, true]);
  });

  it("answers a transaction only after its COMMIT", async () => {
    const written = name();
    const exec = vi.spyOn(writer(), "exec");
    await transaction((tx) => insert(tx, written));
    const committed = exec.mock.calls.some(([statement]) => statement === "COMMIT");
    exec.mockRestore();
    expect(committed).toBe(true);
    expect(writer().pragma("synchronous", { simple: true })).toBe(2); // FULL: the commit waited for the disk
  });
});

describe("db", () => {
  it("is read-only: a write that bypasses transaction() fails loudly", async () => {
    // The type has no insert; a cast stands for code that got hold of the connection anyway.
    const raw = db as unknown as { run(query: unknown): unknown; execute(query: unknown): Promise<unknown> };
    const sneaky = sql`insert into categories (name, colour) values ('Sneaky', '#000000')`;
    const attempt = async () => (engine === "sqlite" ? raw.run(sneaky) : await raw.execute(sneaky));
    // SQLITE_READONLY; PostgreSQL's read_only_sql_transaction.
    await expect(attempt()).rejects.toThrow(expect.objectContaining({ cause: expect.objectContaining({ code: engine === "sqlite" ? "SQLITE_READONLY" : "25006" }) }));
    expect(await exists("Sneaky")).toBe(false);
  });
});

describe("longReads", () => {
  // A million-row count: long enough to see whether the event loop turned while it ran.
  const longCount = () =>
    longReads
      .select({ n: sql<number>`(with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000000) select count(*) from n)`.mapWith(Number) })
      .from(categories)
      .limit(1);

  it("answers as db does, rows mapped by the same columns (a missing row is none)", async () => {
    const [created] = await transaction((tx) => insert(tx, name()));
    const [read] = await longReads.select().from(categories).where(eq(categories.id, created!.id));
    expect(read).toEqual(created);
    expect(await longReads.select().from(categories).where(eq(categories.id, -1))).toEqual([]);
    expect(await longReads.$count(categories, eq(categories.id, created!.id))).toBe(1);
  });

  it("leaves the event loop free while a long query runs", async () => {
    let turns = 0;
    let counting = true;
    const turn = () => {
      turns++;
      if (counting) setImmediate(turn);
    };
    await transaction((tx) => insert(tx, name()));
    setImmediate(turn);
    const [row] = await longCount();
    counting = false;
    expect(row!.n).toBe(1_000_000);
    // On one connection of the server's thread, better-sqlite3 would hold the loop from start to end.
    expect(turns).toBeGreaterThan(1);
  });

  it("passes errors on, and cannot write", async () => {
    await expect(longReads.select({ n: sql`no_such_function()` }).from(categories)).rejects.toThrow(/no_such_function/);
    // SQLite's builder writes with run(), PostgreSQL's with execute().
    const writer = longReads as unknown as Record<"run" | "execute", ((query: SQL) => Promise<unknown>) | undefined>;
    const write = (writer.run ?? writer.execute)!.bind(longReads);
    await expect(Promise.resolve().then(() => write(sql`delete from ${categories}`))).rejects.toThrow();
    expect((await longReads.select().from(categories)).length).toBeGreaterThan(0);
  });
});
