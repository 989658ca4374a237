import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { isRefusal } from "~/lib/result";

/**
 * Tertulia on SQLite: the file in WAL mode, opened twice per process, and `transaction(fn)`
 * with group commit. Everything SQLite-specific about connections and transactions lives here;
 * db.server.ts hands the domain `db` and `transaction`. Pragmas: docs/decisions/0002; two
 * connections and one queue: 0010; group commit: 0011.
 *
 * - `db` reads. Outside transactions it is a read-only connection: it sees what is committed,
 *   and a write that bypasses `transaction()` fails loudly ("attempt to write a readonly
 *   database") instead of slipping into someone else's open transaction. Inside `fn` (found
 *   through AsyncLocalStorage) it is the writer, so it sees the transaction's own writes: the
 *   same rule as on PostgreSQL, where `db` follows the current transaction too.
 * - `transaction(fn)` runs `fn` on the single writer connection. While `fn` awaits, other
 *   requests run; on one shared connection they would read our uncommitted rows and their
 *   writes would join (and roll back with) ours. Two connections of one process both writing
 *   would spin against each other's lock until busy_timeout; hence every write of a process
 *   goes through its one queue.
 *
 * Group commit (decision 0011): with `synchronous=FULL` every COMMIT waits for the disk
 * (fsync), and better-sqlite3 waits on the event loop, so every reader waits too. So the
 * transactions queued during one turn of the event loop are written together: one
 * `BEGIN IMMEDIATE`, each function in its own SAVEPOINT (a refusal or an error rolls back only
 * that one), one COMMIT, one fsync; then every caller is answered, each only once its writes
 * are on disk.
 */
type Drizzle = BetterSQLite3Database<typeof schema>;

/** Transactions written under one COMMIT at most: bounds how long the first of them waits. */
const MAX_GROUP = 64;
/** How long a write waits for another process's write lock before it fails (SQLITE_BUSY). */
const LOCK_WAIT_MS = 5_000;

/** A transaction (or savepoint) in progress, as seen from the code running inside it. */
type Scope = { open: boolean; children: Promise<void> };
type Queued = { fn: (tx: Drizzle) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export type Sqlite = ReturnType<typeof openSqlite>;

export function openSqlite(databasePath: string, migrationsFolder: string) {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const writer = new Database(databasePath);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = FULL");
  writer.pragma("foreign_keys = ON");
  writer.pragma("busy_timeout = 5000");
  const writerDb = drizzle(writer, { schema });
  migrate(writerDb, { migrationsFolder });
  // From here on the writer never sleeps on the event loop waiting for another process's lock:
  // BEGIN IMMEDIATE fails at once when the lock is taken, and is tried again after a pause
  // that lets this process serve requests meanwhile (beginImmediate).
  writer.pragma("busy_timeout = 0");

  // Opened after the writer has created and migrated the file.
  const reader = new Database(databasePath, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  const readerDb = drizzle(reader, { schema });

  const scopes = new AsyncLocalStorage<Scope>();
  let savepointCounter = 0;
  const settle = () => undefined;
  let queued: Queued[] = [];
  let writing = false;

  // `db`: the reader, except inside a transaction, where it is the writer.
  const db = new Proxy(readerDb, {
    get(target, property) {
      const current = scopes.getStore()?.open ? writerDb : target;
      const value: unknown = Reflect.get(current, property);
      return typeof value === "function" && property !== "constructor" ? value.bind(current) : value;
    },
  });

  /**
   * Runs `fn` in a write transaction and returns what it returns once it is on disk. It
   * commits when `fn` resolves, and rolls back when `fn` throws or returns a refusal
   * (`{ ok: false }`, see result.ts).
   *
   * Reentrant: called inside another transaction (found through AsyncLocalStorage, so it
   * follows awaits), it runs as a SAVEPOINT of the outer one, so domain functions compose
   * without deadlocking; a refusal or error inside rolls back only to the savepoint, and the
   * outer function decides what follows. Nested calls of one transaction run one after another.
   */
  function transaction<T>(fn: (tx: Drizzle) => Promise<T>): Promise<T> {
    const outer = scopes.getStore();
    if (outer?.open) return inSavepoint(outer, fn);
    return new Promise<T>((resolve, reject) => {
      queued.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!writing) {
        writing = true;
        // After the rest of this turn's I/O callbacks, so that their transactions join the group.
        setImmediate(() => void writeGroups());
      }
    });
  }

  async function writeGroups() {
    const group = queued.slice(0, MAX_GROUP);
    queued = queued.slice(MAX_GROUP);
    await writeGroup(group);
    // The next group waits for the next turn: the requests that arrived meanwhile join it, and
    // other processes get a moment to take the write lock between two of ours.
    if (queued.length > 0) setImmediate(() => void writeGroups());
    else writing = false;
  }

  async function writeGroup(group: Queued[]) {
    try {
      await beginImmediate();
    } catch (error) {
      for (const member of group) member.reject(error);
      return;
    }
    const outcomes: Outcome[] = [];
    for (const [index, member] of group.entries()) {
      const outcome = await inSavepoint<unknown>(null, member.fn).then(
        (value): Outcome => ({ ok: true, value }),
        (error: unknown): Outcome => ({ ok: false, error }),
      );
      if (!writer.inTransaction) {
        // SQLite rolled the whole transaction back (a full disk, an I/O error): this one fails,
        // and those before it, whose writes were lost with it, are run again in the next group.
        member.reject(outcome.ok ? new Error("the transaction was rolled back by SQLite") : outcome.error);
        queued = [...group.slice(0, index), ...queued, ...group.slice(index + 1)];
        return;
      }
      outcomes.push(outcome);
    }
    try {
      writer.exec("COMMIT");
    } catch (error) {
      if (writer.inTransaction) writer.exec("ROLLBACK");
      for (const member of group) member.reject(error);
      return;
    }
    for (const [index, member] of group.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    }
  }

  /** BEGIN IMMEDIATE, waiting for another process's write lock without blocking the event loop. */
  async function beginImmediate() {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
      try {
        writer.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() - started > LOCK_WAIT_MS) throw error;
      }
      await sleep(pause);
    }
  }

  /**
   * `fn` in a SAVEPOINT: of the group's transaction when `parent` is null, else nested in the
   * transaction `parent` runs in, after that one's earlier nested calls.
   */
  function inSavepoint<T>(parent: Scope | null, fn: (tx: Drizzle) => Promise<T>): Promise<T> {
    const run = async () => {
      const name = `savepoint_${++savepointCounter}`;
      writer.exec(`SAVEPOINT ${name}`);
      const scope: Scope = { open: true, children: Promise.resolve() };
      try {
        const value = await scopes.run(scope, () => fn(writerDb));
        // A savepoint started without being awaited still belongs to this one.
        await scope.children;
        if (isRefusal(value)) writer.exec(`ROLLBACK TO ${name}`);
        writer.exec(`RELEASE ${name}`);
        return value;
      } catch (error) {
        if (writer.inTransaction) {
          writer.exec(`ROLLBACK TO ${name}`);
          writer.exec(`RELEASE ${name}`);
        }
        throw error;
      } finally {
        // Work scheduled from inside (a timer) that calls transaction() later starts its own.
        scope.open = false;
      }
    };
    if (!parent) return run();
    const result = parent.children.then(run);
    parent.children = result.then(settle, settle);
    return result;
  }

  /** True when the database answers a trivial query. */
  function isHealthy() {
    try {
      return reader.prepare("select 1 as ok").get() !== undefined;
    } catch {
      return false;
    }
  }

  return { reader, writer, db, transaction, isHealthy };
}
