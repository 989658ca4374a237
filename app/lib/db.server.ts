import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { isRefusal } from "~/lib/result";

/**
 * The database: SQLite in WAL mode, opened twice per process. Pragmas: see
 * docs/decisions/0002-sqlite-durability.md; why two connections and one queue:
 * docs/decisions/0010-async-domain-one-transaction-helper.md.
 *
 * - `db` reads, outside transactions, on a read-only connection: it sees what is committed, and
 *   a write that bypasses `transaction()` fails loudly ("attempt to write a readonly database")
 *   instead of slipping into someone else's open transaction.
 * - `transaction(fn)` runs `fn` on the single writer connection, one at a time, inside
 *   BEGIN IMMEDIATE … COMMIT. While `fn` awaits, other requests run; on one shared connection
 *   they would read our uncommitted rows and their writes would join (and roll back with) ours.
 *   Two connections of one process both writing would instead spin against each other's lock
 *   on the event loop until busy_timeout; hence every write goes through the one queue.
 *
 * Domain code names only `Db`, `Tx`, `db` and `transaction`: on PostgreSQL (issue 18) they come
 * from a pool with the same signatures.
 */
type Drizzle = BetterSQLite3Database<typeof schema>;

/** Only the awaitable query builders: no synchronous executors, no driver's own transactions. */
type QueryBuilder = Omit<Drizzle, "transaction" | "run" | "all" | "get" | "values">;

declare const insideTransaction: unique symbol;
/** The query builder inside `transaction()`, on the writer: it writes, and its reads see the transaction's own writes. */
export type Tx = QueryBuilder & { readonly [insideTransaction]: true };

/** The query builder for reads (`const [row] = await db.select()…limit(1)`): it has no insert, update or delete. */
export type Db = Omit<QueryBuilder, "insert" | "update" | "delete">;

type Connections = {
  reader: Database.Database;
  writer: Database.Database;
  readerDb: Drizzle;
  writerDb: Drizzle;
  /** The tail of the writer's queue: the next transaction starts when it settles. */
  queue: Promise<void>;
};

function open(databasePath: string): Connections {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const writer = new Database(databasePath);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = FULL");
  writer.pragma("foreign_keys = ON");
  writer.pragma("busy_timeout = 5000");
  const writerDb = drizzle(writer, { schema });
  migrate(writerDb, { migrationsFolder: path.resolve(process.env.MIGRATIONS_PATH ?? "db/migrations") });

  // Opened after the writer has created and migrated the file.
  const reader = new Database(databasePath, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  return { reader, writer, readerDb: drizzle(reader, { schema }), writerDb, queue: Promise.resolve() };
}

// One set of connections per file and process, kept across Vite's dev-server reloads (the
// queue too: two module instances must not interleave transactions on one writer).
const databasePath = path.resolve(process.env.DATABASE_PATH ?? "data/tertulia.db");
const globalForDb = globalThis as { __tertuliaDb?: Map<string, Connections> };
const opened = (globalForDb.__tertuliaDb ??= new Map<string, Connections>());
if (!opened.has(databasePath)) opened.set(databasePath, open(databasePath));
const connections = opened.get(databasePath)!;

export const db: Db = connections.readerDb;
const tx = connections.writerDb as unknown as Tx;

/** A transaction (or savepoint) in progress, as seen from the code running inside it. */
type Scope = { open: boolean; children: Promise<void> };
const scopes = new AsyncLocalStorage<Scope>();
let savepointCounter = 0;
const settle = () => undefined;

/**
 * Runs `fn` in a write transaction and returns what it returns. It commits when `fn` resolves,
 * and rolls back when `fn` throws or returns a refusal (`{ ok: false }`, see result.ts).
 *
 * Reentrant: called inside another transaction (found through AsyncLocalStorage, so it follows
 * awaits), it runs as a SAVEPOINT of the outer one, so domain functions compose without
 * deadlocking; a refusal or error inside rolls back only to the savepoint, and the outer
 * function decides what follows. Nested calls of one transaction run one after another.
 */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = scopes.getStore();
  if (outer?.open) return inSavepoint(outer, fn);
  const result = connections.queue.then(() => inTransaction(fn));
  connections.queue = result.then(settle, settle);
  return result;
}

async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { writer } = connections;
  writer.exec("BEGIN IMMEDIATE");
  const scope: Scope = { open: true, children: Promise.resolve() };
  try {
    const result = await scopes.run(scope, () => fn(tx));
    // A savepoint started without being awaited still belongs to this transaction.
    await scope.children;
    writer.exec(isRefusal(result) ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    if (writer.inTransaction) writer.exec("ROLLBACK");
    throw error;
  } finally {
    // Work scheduled from inside (a timer) that calls transaction() later starts its own.
    scope.open = false;
  }
}

function inSavepoint<T>(parent: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { writer } = connections;
  const result = parent.children.then(async () => {
    const name = `savepoint_${++savepointCounter}`;
    writer.exec(`SAVEPOINT ${name}`);
    const scope: Scope = { open: true, children: Promise.resolve() };
    try {
      const value = await scopes.run(scope, () => fn(tx));
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
      scope.open = false;
    }
  });
  parent.children = result.then(settle, settle);
  return result;
}

/** True when the database answers a trivial query. Used by /healthz. */
export async function databaseIsHealthy() {
  try {
    return connections.reader.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * The raw SQLite connections, for what the query builder cannot say: tests that inspect rows
 * or break a rule behind the domain's back, benchmarks that bulk-load data and read query
 * plans. The app never imports this (ESLint forbids it under app/): it reads through `db` and
 * writes through `transaction()`. Writes on `writer` outside `transaction()` skip the queue, so
 * only single-threaded scripts may make them.
 */
export const sqlite = { reader: connections.reader, writer: connections.writer };
