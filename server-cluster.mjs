// One server process per core (issue 19): the primary started by `node server.mjs` forks
// WEB_CONCURRENCY workers, each running server.mjs's HTTP server on the same port (Node's
// cluster shares the listening socket) over the same database. The primary serves nothing
// itself; it
// - starts the first worker alone and the others once it listens, so that one process applies
//   the database migrations before the rest open the file;
// - gives the background jobs (app/jobs) to exactly one worker (TERTULIA_BACKGROUND_JOBS=1),
//   and to that worker's replacement when it dies;
// - replaces a worker that dies (after a pause that grows while they keep dying young);
// - on SIGTERM or SIGINT tells every worker to finish the requests under way and leaves when
//   they have.
import cluster from "node:cluster";
import os from "node:os";

/**
 * How many server processes to run: WEB_CONCURRENCY, else one per core in production and one in
 * development (Vite's dev server keeps state of its own).
 * @param {NodeJS.ProcessEnv} env
 * @param {boolean} production
 */
export function serverProcesses(env, production) {
  const wanted = Number(env.WEB_CONCURRENCY);
  if (env.WEB_CONCURRENCY !== undefined && env.WEB_CONCURRENCY !== "") {
    if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of processes, 1 or more (got "${env.WEB_CONCURRENCY}")`);
    return wanted;
  }
  return production ? os.availableParallelism() : 1;
}

/** A worker that dies sooner than this after it started counts as dying young. */
const YOUNG_MS = 5_000;
const MAX_RESTART_DELAY_MS = 10_000;
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Forks `count` workers running this process's script and keeps them running.
 * @param {number} count
 */
export async function runCluster(count) {
  let stopping = false;
  let restartDelayMs = 0;
  /** @type {Map<number, { jobs: boolean, startedAt: number }>} by worker id */
  const roles = new Map();

  // Memory per worker (docs/performance.md, "Memory"): under load the JavaScript heap used stays
  // under ~130 MiB and V8 reserves up to ~170 MiB; the rest of the resident memory is native
  // (malloc arenas of the threads that compress and query). The heap gets a ceiling, and glibc
  // two arenas instead of eight per core; either can be set otherwise through the environment.
  const setsHeap = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((flag) => flag.includes("max-old-space-size"));
  cluster.setupPrimary({ execArgv: setsHeap ? process.execArgv : [...process.execArgv, "--max-old-space-size=256"] });

  /** @param {boolean} jobs */
  function fork(jobs) {
    const worker = cluster.fork({ TERTULIA_BACKGROUND_JOBS: jobs ? "1" : "0", MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" });
    roles.set(worker.id, { jobs, startedAt: Date.now() });
    return worker;
  }

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker.id);
    roles.delete(worker.id);
    if (stopping) {
      if (roles.size === 0) process.exit(0);
      return;
    }
    const young = !role || Date.now() - role.startedAt < YOUNG_MS;
    restartDelayMs = young ? Math.min(MAX_RESTART_DELAY_MS, Math.max(250, restartDelayMs * 2)) : 0;
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another${restartDelayMs ? ` in ${restartDelayMs} ms` : ""}.`);
    setTimeout(() => {
      if (!stopping) fork(role?.jobs ?? false);
    }, restartDelayMs);
  });

  function stop() {
    if (stopping) return;
    stopping = true;
    if (roles.size === 0) process.exit(0);
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send("shutdown");
    }
    setTimeout(() => {
      console.error(`Server processes still running after ${SHUTDOWN_GRACE_MS / 1000} s: stopping them.`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  }
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  // The first worker migrates the database (app/lib/db.server.ts) before it listens.
  const first = fork(true);
  await new Promise((resolve, reject) => {
    first.once("listening", resolve);
    first.once("exit", (code) => reject(new Error(`the first server process stopped before it listened (exit code ${code})`)));
  });
  for (let index = 1; index < count; index++) fork(false);
  console.log(`Tertulia runs ${count} server processes (primary ${process.pid}).`);
}
