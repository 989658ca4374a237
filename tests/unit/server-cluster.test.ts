import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { engine } from "~/lib/db.server";

type Started = { pid: number; jobs: boolean };

/** The real cluster (server-cluster.mjs) over stand-in workers (tests/support/cluster-process.mjs). */
function startCluster(processes: number) {
  const primary = spawn(process.execPath, ["tests/support/cluster-process.mjs"], {
    env: { ...process.env, WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started: Started[] = [];
  const waiting: Array<() => void> = [];
  createInterface({ input: primary.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    started.push(JSON.parse(line) as Started);
    for (const wake of waiting.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => primary.once("exit", resolve));
  /** Resolves once `count` workers have started since the cluster began. */
  const startedAtLeast = async (count: number) => {
    while (started.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    return started;
  };
  return { primary, started, startedAtLeast, exited };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Processes, not a database: once is enough (the PostgreSQL pass runs the same files again).
describe.runIf(engine === "sqlite")("one server process per core", () => {
  it("gives the background jobs to exactly one worker, and to its replacement when it dies", async () => {
    const cluster = startCluster(3);
    try {
      const first = await cluster.startedAtLeast(3);
      expect(first.filter((worker) => worker.jobs)).toHaveLength(1);

      // The worker that runs the jobs dies: its replacement runs them, and no other does.
      const runner = first.find((worker) => worker.jobs)!;
      process.kill(runner.pid, "SIGKILL");
      const [replacement] = (await cluster.startedAtLeast(4)).slice(3);
      expect(replacement!.jobs).toBe(true);

      // Another worker dies: its replacement does not run them.
      const other = first.find((worker) => !worker.jobs)!;
      process.kill(other.pid, "SIGKILL");
      const [secondReplacement] = (await cluster.startedAtLeast(5)).slice(4);
      expect(secondReplacement!.jobs).toBe(false);

      const running = cluster.started.filter((worker) => alive(worker.pid));
      expect(running).toHaveLength(3);
      expect(running.filter((worker) => worker.jobs)).toEqual([replacement]);

      // Shutting down: every worker leaves, then the primary.
      cluster.primary.kill("SIGTERM");
      expect(await cluster.exited).toBe(0);
      for (const worker of running) expect(alive(worker.pid)).toBe(false);
    } finally {
      cluster.primary.kill("SIGKILL");
    }
  }, 30_000);
});
