// Timing, query-plan and session helpers shared by the benchmark scripts.
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";

/**
 * A session for `userId`, made directly in the database (the bench's people have no real
 * passwords), as lib/auth.server stores them: the token's SHA-256 as the id, the expiry in
 * seconds. Returns the cookie that carries it.
 */
export function newSession(sqlite: Database.Database, userId: string) {
  const token = randomBytes(20).toString("base64url");
  sqlite.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").run(createHash("sha256").update(token).digest("hex"), userId, Math.floor(Date.now() / 1000) + 30 * 24 * 3600);
  return `tertulia_session=${token}`;
}

/** The value below which `share` (0–1) of the times fall. */
function percentile(times: number[], share: number) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/**
 * Runs `run` once to warm up, then `repeat` times, and prints the median, the 95th percentile
 * and the worst of its wall-clock time, and the median of the process's CPU time (user and
 * system), which a machine busy with other work inflates far less.
 */
export async function measure(label: string, run: () => unknown, repeat = 30) {
  await run();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  console.log(
    `${label.padEnd(52)} median ${percentile(times, 0.5).toFixed(2)} ms   p95 ${percentile(times, 0.95).toFixed(2)} ms   max ${Math.max(...times).toFixed(2)} ms   CPU median ${percentile(cpuTimes, 0.5).toFixed(2)} ms`,
  );
}

/** Prints SQLite's plan for the first statement that `run` executes on this connection (the app's reader). */
export async function printPlan(sqlite: Database.Database, label: string, run: () => unknown) {
  const { source, params } = await capture(sqlite, run);
  console.log(`\n${label}`);
  for (const step of sqlite.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>) {
    console.log(`  ${step.detail}`);
  }
}

/** The SQL and parameters of the first statement `run` reads rows with. */
async function capture(sqlite: Database.Database, run: () => unknown) {
  let captured: { source: string; params: unknown[] } | null = null;
  const original = sqlite.prepare.bind(sqlite);
  const patched = (source: string) => {
    const statement = original(source);
    for (const method of ["all", "get"] as const) {
      const read = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        captured ??= { source, params };
        return read(...params);
      };
    }
    return statement;
  };
  sqlite.prepare = patched as typeof sqlite.prepare;
  try {
    await run();
  } finally {
    sqlite.prepare = original;
  }
  if (!captured) throw new Error("no statement ran");
  return captured as { source: string; params: unknown[] };
}
