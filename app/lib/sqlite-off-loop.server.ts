import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { drizzle } from "drizzle-orm/sqlite-proxy";

/**
 * Reads that take long on SQLite (the insights' counts: hundreds of milliseconds of a sort or a
 * hash over hundreds of thousands of votes) run on a read-only connection in a worker thread,
 * so the process keeps serving requests meanwhile; better-sqlite3 would otherwise hold the event
 * loop for the whole query (decision 0024). The query builder is drizzle's sqlite-proxy: the
 * same SQL and result mapping as the main connections, its statements sent to the worker
 * (app/lib/sqlite-reader.worker.mjs) and answered with their rows.
 *
 * The worker starts with the first query and does not keep the process alive while idle. It
 * sees what is committed, like the main reader; it never writes.
 */
export function openOffLoopReader(file: string) {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (rows: unknown) => void; reject: (error: Error) => void }>();

  function failAll(error: Error) {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  }

  function started() {
    if (worker) return worker;
    // Found through package.json's "imports", from the sources as from the production build.
    const script = createRequire(import.meta.url).resolve("#sqlite-reader-worker");
    const thread = new Worker(script, { workerData: { file } });
    thread.on("message", (message: { id: number; rows?: unknown; error?: { message: string; code?: string } }) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiting.resolve(message.rows);
      if (pending.size === 0) thread.unref();
    });
    thread.on("error", (error) => {
      worker = null;
      failAll(error);
    });
    thread.on("exit", (code) => {
      worker = null;
      failAll(new Error(`The SQLite reader thread stopped (exit code ${code}).`));
    });
    thread.unref();
    worker = thread;
    return thread;
  }

  function query(sql: string, params: unknown[], method: "run" | "all" | "values" | "get") {
    const thread = started();
    const id = nextId++;
    return new Promise<{ rows: unknown[] }>((resolve, reject) => {
      // `get` answers undefined when there is no row: drizzle expects it so.
      pending.set(id, { resolve: (rows) => resolve({ rows: rows as unknown[] }), reject });
      thread.ref();
      thread.postMessage({ id, sql, params, method: method === "get" ? "get" : "all" });
    });
  }

  return {
    db: drizzle(query),
    /** Stops the worker (tests; a process that leaves does not need it). */
    async close() {
      await worker?.terminate();
    },
  };
}
