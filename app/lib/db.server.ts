import path from "node:path";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "#db/schema";
import { openSqlite, type Sqlite } from "~/lib/sqlite.server";

/**
 * The database the domain reads and writes: `db` for reads outside transactions, and
 * `transaction(fn)`. On SQLite (app/lib/sqlite.server.ts, which holds everything SQLite-specific)
 * `db` is a read-only connection and `transaction` queues every write of the process on one
 * writer connection, with group commit: docs/decisions/0010 and 0011.
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

// One database per file and process, kept across Vite's dev-server reloads (its write queue
// too: two module instances must not interleave transactions on one writer).
const databasePath = path.resolve(process.env.DATABASE_PATH ?? "data/tertulia.db");
const globalForDb = globalThis as { __tertuliaDb?: Map<string, Sqlite> };
const opened = (globalForDb.__tertuliaDb ??= new Map<string, Sqlite>());
if (!opened.has(databasePath)) opened.set(databasePath, openSqlite(databasePath, path.resolve(process.env.MIGRATIONS_PATH ?? "db/migrations")));
const database = opened.get(databasePath)!;

export const db: Db = database.readerDb;

/**
 * Runs `fn` in a write transaction and returns what it returns, once it is on disk. It commits
 * when `fn` resolves, and rolls back when `fn` throws or returns a refusal (`{ ok: false }`,
 * see result.ts). Called inside another transaction it runs as a SAVEPOINT of that one, so
 * domain functions compose; a refusal or error inside rolls back only to the savepoint.
 */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.transaction((writer) => fn(writer as unknown as Tx));
}

/** True when the database answers a trivial query. Used by /healthz. */
export async function databaseIsHealthy() {
  return database.isHealthy();
}

/**
 * The raw SQLite connections, for what the query builder cannot say: tests that inspect rows
 * or break a rule behind the domain's back, benchmarks that bulk-load data and read query
 * plans. The app never imports this (ESLint forbids it under app/): it reads through `db` and
 * writes through `transaction()`. Writes on `writer` outside `transaction()` skip the queue, so
 * only single-threaded scripts may make them.
 */
export const sqlite = { reader: database.reader, writer: database.writer };
