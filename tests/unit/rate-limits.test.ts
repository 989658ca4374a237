import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { check, consume, deleteEndedRateLimits, forget } from "~/domain/rate-limits.server";
import { rows } from "#tests/support/db";

const rule = { limit: 3, windowMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2040, 0, 1, 9, 0, seconds));

describe("consume", () => {
  it("allows the limit within a window, then refuses with the time left until it ends", async () => {
    const answers = [];
    for (const second of [0, 10, 20, 30]) answers.push(await consume("search:192.0.2.1", rule, at(second)));
    expect(answers.slice(0, 3).map((answer) => answer.ok && answer.value.remaining)).toEqual([2, 1, 0]);
    expect(answers[3]).toEqual({ ok: false, reason: "rateLimited", retryAfterMs: 30_000 });
  });

  it("counts each key apart", async () => {
    for (let i = 0; i < 3; i++) await consume("search:192.0.2.2", rule, at(0));
    expect((await consume("search:192.0.2.2", rule, at(1))).ok).toBe(false);
    expect((await consume("search:192.0.2.3", rule, at(1))).ok).toBe(true);
    expect((await consume("signup:192.0.2.2", rule, at(1))).ok).toBe(true);
  });

  it("opens a new window when the last one has ended; refused hits do not extend it", async () => {
    for (let i = 0; i < 5; i++) await consume("search:192.0.2.4", rule, at(i));
    const afterWindow = await consume("search:192.0.2.4", rule, at(60));
    expect(afterWindow).toEqual({ ok: true, value: { remaining: 2, resetAt: at(120) } });
  });
});

describe("check", () => {
  it("says whether one more hit would pass, without counting it", async () => {
    expect((await check("signin:ana", rule, at(0))).ok).toBe(true);
    for (let i = 0; i < 2; i++) await consume("signin:ana", rule, at(0));
    expect(await check("signin:ana", rule, at(5))).toEqual({ ok: true, value: { remaining: 1, resetAt: at(60) } });
    await consume("signin:ana", rule, at(5));
    expect(await check("signin:ana", rule, at(10))).toEqual({ ok: false, reason: "rateLimited", retryAfterMs: 50_000 });
    expect((await check("signin:ana", rule, at(60))).ok).toBe(true);
  });
});

describe("forget and deleteEndedRateLimits", () => {
  it("forget clears a key; the cleaning deletes only the windows that have ended", async () => {
    for (let i = 0; i < 3; i++) await consume("signin:bea", rule, at(0));
    await forget("signin:bea");
    expect((await consume("signin:bea", rule, at(1))).ok).toBe(true);

    await consume("search:192.0.2.9", { limit: 10, windowMs: 1_000 }, at(0));
    await deleteEndedRateLimits(at(30));
    const keys = await rows<{ key: string }>(sql`select key from rate_limits where key in ('signin:bea', 'search:192.0.2.9') order by key`);
    expect(keys.map((row) => row.key)).toEqual(["signin:bea"]);
  });
});

/** Runs one child process (tests/support/rate-limit-racer.ts) on this test file's database; resolves when it is ready. */
function startRacer(hits: number, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/rate-limit-racer.ts"], {
    env: { ...process.env, RACE_HITS: String(hits), RACE_RULE: JSON.stringify({ limit: 25, windowMs: 60_000 }), RACE_NOW: String(now.getTime()) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("a racer process ended without answering");
    return line.value;
  };
  return next().then((ready) => {
    expect(ready).toBe("ready");
    return { go: () => child.stdin!.write("go\n"), allowed: async () => (JSON.parse(await next()) as { allowed: number }).allowed };
  });
}

describe("several server processes hitting one key at once", () => {
  it("let exactly the limit through between them", async () => {
    const racers = await Promise.all([0, 1, 2].map(() => startRacer(15, at(0))));
    for (const racer of racers) racer.go();
    const allowed = await Promise.all(racers.map((racer) => racer.allowed()));
    expect(allowed.reduce((sum, n) => sum + n, 0)).toBe(25);
  });
});
