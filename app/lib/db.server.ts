import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";

/**
 * Opens the SQLite database once per process and brings its schema up to date.
 * Pragmas: see docs/decisions/0002-sqlite-durability.md.
 */
export type DB = BetterSQLite3Database<typeof schema>;
/** A drizzle transaction or the database itself: domain functions accept either. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

function openDatabase(databasePath: string): Connection {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });

  const sqlite = new Database(databasePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");

  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: path.resolve(process.env.MIGRATIONS_PATH ?? "db/migrations") });
  return { sqlite, db };
}

// Keep one connection per file across Vite's dev-server reloads.
const databasePath = path.resolve(process.env.DATABASE_PATH ?? "data/tertulia.db");
type Connection = { sqlite: Database.Database; db: DB };
const globalForDb = globalThis as { __tertuliaDb?: Map<string, Connection> };
const connections = (globalForDb.__tertuliaDb ??= new Map<string, Connection>());
if (!connections.has(databasePath)) connections.set(databasePath, openDatabase(databasePath));
const connection = connections.get(databasePath)!;

export const sqlite = connection.sqlite;
export const db = connection.db;

/** True when the database answers a trivial query. Used by /healthz. */
export function databaseIsHealthy() {
  try {
    return sqlite.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}
