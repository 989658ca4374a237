import { AsyncLocalStorage } from "node:async_hooks";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { databaseEngine } from "#db/engine";
import * as schema from "#db/schema";
import { openPostgres, type Postgres, type PostgresOptions, type TransactionOptions } from "~/lib/postgres.server";

/**
 * The engine switch, prototyped for phase two of issue 18 (which moves it into
 * app/lib/db.server.ts): domain code is typed against SQLite's database and tables; on
 * PostgreSQL it gets pg's, cast to those types. tests/integration/tables.test.ts runs the same
 * domain-style code through it on both engines.
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** Inside `transaction(fn)`; the same builders as `Db`. */
export type Tx = Db;
export type Refusal<Reason extends string = string> = { ok: false; reason: Reason };

export type DomainDatabase = {
  db: Db;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
};

export async function openDatabase(options: PostgresOptions = {}): Promise<DomainDatabase> {
  if (databaseEngine() === "postgres") return asDomainDatabase(await openPostgres(process.env.DATABASE_URL!, options));
  return openSqlite(process.env.DATABASE_PATH!);
}

/**
 * The one cast of the switch. Sound for what both dialects' builders share and the domain
 * uses: awaited select/insert/update/delete, joins, aliases, returning, onConflictDoNothing,
 * count(). SQLite's synchronous .get()/.all()/.run() do not exist on PostgreSQL.
 */
export function asDomainDatabase(postgres: Postgres): DomainDatabase {
  return {
    db: postgres.db as unknown as Db,
    transaction: (fn, options) => postgres.transaction((tx) => fn(tx as unknown as Tx), options),
    close: () => postgres.close(),
  };
}

/**
 * A stand-in for issue 10's SQLite `transaction(fn)`, with the same contract (one connection,
 * one transaction at a time, BEGIN IMMEDIATE, nested calls as savepoints, a returned refusal
 * rolls back; queue keys mean nothing where writers take turns anyway), so that the prototype can run the same code on both engines today. Phase two
 * uses the real one from app/lib/db.server.ts.
 */
function openSqlite(file: string): DomainDatabase {
  const sqlite = new Database(file);
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: "db/migrations" });
  const depth = new AsyncLocalStorage<number>();
  let queue: Promise<unknown> = Promise.resolve();

  async function run<T>(level: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const savepoint = `sp${level}`;
    sqlite.exec(level === 0 ? "begin immediate" : `savepoint ${savepoint}`);
    const rollback = () => sqlite.exec(level === 0 ? "rollback" : `rollback to ${savepoint}; release ${savepoint}`);
    try {
      const result = await depth.run(level + 1, () => fn(db));
      if (isRefusal(result)) rollback();
      else sqlite.exec(level === 0 ? "commit" : `release ${savepoint}`);
      return result;
    } catch (error) {
      rollback();
      throw error;
    }
  }

  return {
    db,
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const level = depth.getStore();
      if (level !== undefined) return run(level, fn);
      const result = queue.then(() => run(0, fn));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => void sqlite.close(),
  };
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "ok" in value && value.ok === false;
}
