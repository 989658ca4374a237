import path from "node:path";
import type Sqlite from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type pg from "pg";
import { databaseEngine } from "#db/engine";
import type * as schema from "#db/schema";
import type { Exclusive, Postgres, TransactionOptions } from "~/lib/postgres.server";

/**
 * The database the domain reads and writes, on the engine chosen once at start-up
 * (db/engine.ts): SQLite (`DATABASE_PATH`, the default; app/lib/sqlite.server.ts, with group
 * commit: decisions 0010 and 0011) or PostgreSQL (`DATABASE_URL`; app/lib/postgres.server.ts,
 * serializable with retries: decision 0008). The domain names only `db`, `transaction`, `Db` and
 * `Tx`, and imports its tables from `#db/tables`, which holds the same engine's tables
 * (decision 0007).
 *
 * The same contract on both engines:
 * - `transaction(fn, { queueOn })` runs `fn` in a write transaction, commits when it resolves,
 *   rolls back when it throws or returns a refusal; nested calls are savepoints. SQLite runs
 *   one writer per process; PostgreSQL runs them side by side and retries conflicts, and
 *   `queueOn` lines up transactions known to fight over a row.
 * - `db` reads. Outside a transaction it sees what is committed and cannot write. Inside `fn`
 *   it follows the current transaction and sees its writes (still, read through `tx` there:
 *   it says what it means).
 */
type Drizzle = BetterSQLite3Database<typeof schema>;

/** Only the awaitable query builders: no synchronous executors, no driver's own transactions. */
type QueryBuilder = Omit<Drizzle, "transaction" | "run" | "all" | "get" | "values">;

declare const insideTransaction: unique symbol;
/** The query builder inside `transaction()`: it writes, and its reads see the transaction's own writes. */
export type Tx = QueryBuilder & { readonly [insideTransaction]: true };

/** The query builder for reads (`const [row] = await db.select()…limit(1)`): it has no insert, update or delete. */
export type Db = Omit<QueryBuilder, "insert" | "update" | "delete">;

export type { TransactionOptions } from "~/lib/postgres.server";

/** What is underneath: for tests, benchmarks and scripts (ESLint keeps it out of the app). */
export type Driver = { engine: "sqlite"; reader: Sqlite.Database; writer: Sqlite.Database } | { engine: "postgres"; pool: pg.Pool };

/** `db` and `transaction`: what the domain sees of a database, on either engine. */
export type DomainDatabase = {
  db: Db;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
};

type Database = DomainDatabase & {
  longReads: Db;
  exclusively<T>(key: string, fn: () => Promise<T>): Promise<Exclusive<T>>;
  isHealthy(): boolean | Promise<boolean>;
  driver: Driver;
};

// One database per address (or file) and process, kept across Vite's dev-server reloads (on
// SQLite its write queue too: two module instances must not interleave transactions on one writer).
const globalForDb = globalThis as { __tertuliaDatabases?: Map<string, Promise<Database>> };
const opened = (globalForDb.__tertuliaDatabases ??= new Map<string, Promise<Database>>());

function openDatabase(): Promise<Database> {
  const onPostgres = databaseEngine() === "postgres";
  const address = onPostgres ? process.env.DATABASE_URL! : path.resolve(process.env.DATABASE_PATH ?? "data/tertulia.db");
  let opening = opened.get(address);
  if (!opening) {
    opening = onPostgres ? openPostgresDatabase(address) : openSqliteDatabase(address);
    opened.set(address, opening);
  }
  return opening;
}

async function openSqliteDatabase(file: string): Promise<Database> {
  const { openSqlite } = await import("~/lib/sqlite.server");
  const sqlite = openSqlite(file, path.resolve(process.env.MIGRATIONS_PATH ?? "db/migrations"));
  const { openOffLoopReader } = await import("~/lib/sqlite-off-loop.server");
  return {
    db: sqlite.db as unknown as Db,
    // The same builders, awaited; its connection lives in a worker thread.
    longReads: openOffLoopReader(file).db as unknown as Db,
    transaction: (fn) => sqlite.transaction((writer) => fn(writer as unknown as Tx)),
    // One process of one machine runs the background jobs (server-cluster.mjs), and servers
    // on several machines cannot share a SQLite file: nobody else to keep out.
    exclusively: async (_key, fn) => ({ ran: true, value: await fn() }),
    isHealthy: sqlite.isHealthy,
    driver: { engine: "sqlite", reader: sqlite.reader, writer: sqlite.writer },
  };
}

async function openPostgresDatabase(url: string): Promise<Database> {
  const { openPostgres } = await import("~/lib/postgres.server");
  // Standbys for reads, comma-separated (docs/deploy.md): app/lib/read-your-writes.mjs says which reads.
  const replicaUrls = (process.env.DATABASE_REPLICA_URLS ?? "").split(",").map((each) => each.trim()).filter(Boolean);
  const postgres = await openPostgres(url, { replicaUrls });
  // Long reads are `db`'s: the query runs in the database, the event loop only waits for it.
  const domain = asDomainDatabase(postgres);
  return { ...domain, longReads: domain.db, exclusively: postgres.exclusively, isHealthy: postgres.isHealthy, driver: { engine: "postgres", pool: postgres.pool } };
}

/**
 * The one cast of the switch (decision 0007): PostgreSQL's builders, typed as SQLite's. Sound
 * for what both dialects share and the domain uses (awaited builders, joins, aliases,
 * returning, onConflictDoNothing, count()); tests/integration/tables.test.ts proves it.
 * Exported for tests that play several servers on one PostgreSQL database.
 */
export function asDomainDatabase(postgres: Postgres): DomainDatabase {
  return {
    db: postgres.db as unknown as Db,
    transaction: (fn, options) => postgres.transaction((tx) => fn(tx as unknown as Tx), options),
  };
}

const database = await openDatabase();

/** Which engine this process runs on. */
export const engine = database.driver.engine;
export const db: Db = database.db;

/**
 * Reads that take long (hundreds of milliseconds: the insights' counts), outside transactions.
 * On SQLite they run on a read-only connection in a worker thread, so the event loop serves
 * other requests meanwhile (better-sqlite3 blocks it for the length of a query on `db`); on
 * PostgreSQL this is `db`, whose queries run in the database anyway. It sees what is committed.
 */
export const longReads: Db = database.longReads;

/**
 * Runs `fn` in a write transaction and returns what it returns, once it is committed (on
 * SQLite, on disk). It commits when `fn` resolves, and rolls back when `fn` throws or returns a
 * refusal (`{ ok: false }`, see result.ts). Called inside another transaction it runs as a
 * SAVEPOINT of that one, so domain functions compose; a refusal or error inside rolls back only
 * to the savepoint.
 */
export const transaction: DomainDatabase["transaction"] = database.transaction;

/**
 * Runs `fn` unless another server is running work under the same `key` right now, in which
 * case it returns `{ ran: false }` at once: the background jobs, so that however many servers
 * share a PostgreSQL database, one at a time does each job (an advisory lock). On SQLite it
 * always runs.
 */
export const exclusively = database.exclusively;

/** True when the database answers a trivial query. Used by /healthz. */
export async function databaseIsHealthy() {
  return database.isHealthy();
}

/**
 * The connections underneath, for what the query builder cannot say: tests that inspect rows
 * or break a rule behind the domain's back, benchmarks that bulk-load data and read query
 * plans. The app never imports this (ESLint forbids it under app/): it reads through `db` and
 * writes through `transaction()`. Writes on SQLite's `writer` outside `transaction()` skip the
 * queue, so only single-threaded scripts may make them.
 */
export const driver = database.driver;
