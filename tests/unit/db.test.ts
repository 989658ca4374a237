import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { categories } from "#db/schema";
import { db, sqlite, transaction } from "~/lib/db.server";
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

  it("runs transactions one at a time, even when they await in the middle", async () => {
    const events: string[] = [];
    const step = (label: string) => async () => {
      events.push(`${label} begins`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${label} ends`);
    };
    await Promise.all([transaction(step("first")), transaction(step("second"))]);
    expect(events).toEqual(["first begins", "first ends", "second begins", "second ends"]);
  });

  it("keeps a transaction's uncommitted writes out of reads on `db`", async () => {
    const written = name();
    let seenInside: boolean | null = null;
    let seenOutside: boolean | null = null;
    await transaction(async (tx) => {
      await insert(tx, written);
      seenInside = (await tx.select().from(categories).where(eq(categories.name, written))).length === 1;
      seenOutside = await exists(written);
    });
    expect({ seenInside, seenOutside, afterCommit: await exists(written) }).toEqual({ seenInside: true, seenOutside: false, afterCommit: true });
  });

  it("goes on after a failed transaction", async () => {
    await expect(transaction(() => Promise.reject(new Error("first fails")))).rejects.toThrow("first fails");
    const written = name();
    await transaction((tx) => insert(tx, written));
    expect(await exists(written)).toBe(true);
  });
});

describe("group commit", () => {
  it("writes the transactions of one turn under one COMMIT, and a refusal or an error undoes only its own", async () => {
    const commits = vi.spyOn(sqlite.writer, "exec");
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
    const exec = vi.spyOn(sqlite.writer, "exec");
    await transaction((tx) => insert(tx, written));
    const committed = exec.mock.calls.some(([statement]) => statement === "COMMIT");
    exec.mockRestore();
    expect(committed).toBe(true);
    expect(sqlite.writer.pragma("synchronous", { simple: true })).toBe(2); // FULL: the commit waited for the disk
  });
});

describe("db", () => {
  it("is read-only: a write that bypasses transaction() fails loudly", async () => {
    // The type has no insert; a cast stands for code that got hold of the connection anyway.
    const readOnly = db as unknown as { run(query: unknown): unknown };
    const attempt = () => readOnly.run(sql`insert into categories (name, colour) values ('Sneaky', '#000000')`);
    expect(attempt).toThrow(expect.objectContaining({ cause: expect.objectContaining({ code: "SQLITE_READONLY" }) }));
    expect(await exists("Sneaky")).toBe(false);
  });
});
