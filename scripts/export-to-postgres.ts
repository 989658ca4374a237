// Copies a Tertulia SQLite database into an empty PostgreSQL database, then proves the copy:
//   DATABASE_URL=postgres://… npm run db:export-to-postgres [-- --from data/tertulia.db]
// (the source defaults to DATABASE_PATH, else data/tertulia.db). Stop the app first.
//
// The target is migrated if it is not yet, and must be empty. Everything happens in one
// PostgreSQL transaction: every table in foreign-key order (columns that point forward, like an
// idea's official comment, are filled in once their target rows exist), identity sequences set
// past the largest id, then each table's row count and checksum compared on both sides. Any
// difference rolls the whole copy back. The search vector is a generated column: PostgreSQL
// computes it as each idea arrives.
//
// The checksum is computed the same way on both sides: each row read through drizzle (so both
// engines give the same JS values), serialised as JSON in column order, hashed with SHA-256; a
// table's checksum is the sum of its rows' hashes modulo 2^256, so it does not depend on the order
// rows come back in (text sorts differently on the two engines).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { count, getTableColumns, getTableName, is, isTable, sql, type Column, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as sqliteSchema from "#db/schema";
import * as pgSchema from "#db/schema.pg";
import { openPostgres, type PgTransaction } from "~/lib/postgres.server";

type Row = Record<string, unknown>;
type TableName = keyof typeof pgSchema & keyof typeof sqliteSchema;
export type TableReport = { table: string; rows: number; checksum: string };

const BATCH = 1000;
const TABLE_NAMES = (Object.keys(pgSchema) as TableName[]).filter((name) => isTable(pgSchema[name]));

/** The one value whose type differs between the schemas: lucia's session expiry, seconds on SQLite. */
function toPostgresRow(table: TableName, row: Row): Row {
  if (table === "sessions") return { ...row, expiresAt: new Date((row.expiresAt as number) * 1000) };
  return row;
}

export async function exportToPostgres({ sqlitePath, postgresUrl }: { sqlitePath: string; postgresUrl: string }): Promise<TableReport[]> {
  if (!fs.existsSync(sqlitePath)) throw new Error(`No SQLite database at ${sqlitePath}.`);
  const sqlite = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const postgres = await openPostgres(postgresUrl, { poolSize: 2, maxAttempts: 1 });
  try {
    const source = drizzle(sqlite, { schema: sqliteSchema });
    assertMigrated(sqlite);
    const order = insertionOrder();
    const reports = await postgres.transaction(async (tx) => {
      for (const name of order.tables) {
        const [{ n }] = await tx.select({ n: count() }).from(pgSchema[name] as PgTable);
        if (n > 0) throw new Error(`The PostgreSQL database is not empty (${getTableName(pgSchema[name])} has ${n} rows): export only into a new database.`);
      }
      for (const name of order.tables) {
        const deferred = order.deferred.get(name) ?? [];
        for await (const rows of batches(source, sqliteSchema[name])) {
          const copies = rows.map((row) => {
            const copy = toPostgresRow(name, row);
            for (const key of deferred) copy[key] = null;
            return copy;
          });
          await tx.insert(pgSchema[name] as PgTable).values(copies);
        }
      }
      for (const [name, keys] of order.deferred) await fillDeferred(tx, source, name, keys);
      await setSequences(tx);
      return verify(tx, source);
    });
    // Fresh statistics, so that the planner knows the tables are no longer empty.
    await postgres.pool.query("analyze");
    return reports;
  } finally {
    sqlite.close();
    await postgres.close();
  }
}

/** Refuses a SQLite file that this version of Tertulia has not migrated yet: its columns would not match. */
function assertMigrated(sqlite: Database.Database) {
  const journal = JSON.parse(fs.readFileSync(path.resolve("db/migrations/meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  const latest = Math.max(...journal.entries.map((entry) => entry.when));
  const applied = sqlite.prepare("select max(created_at) as latest from __drizzle_migrations").get() as { latest: number | null } | undefined;
  if (applied?.latest !== latest) {
    throw new Error("The SQLite database is not at this version's schema: start Tertulia on it once (it migrates at start-up), stop it, then export.");
  }
}

/**
 * Tables parents first. A cycle (ideas.official_comment_id → comments → ideas) is broken at a
 * nullable column, and self-references (ideas.merged_into_id, comments.parent_id) are nullable
 * too: such "deferred" columns are copied as null, then filled in once every row exists.
 */
function insertionOrder() {
  const references = new Map(
    TABLE_NAMES.map((name) => [
      name,
      getTableConfig(pgSchema[name] as PgTable).foreignKeys.map((key) => {
        const reference = key.reference();
        return { target: getTableName(reference.foreignTable), columns: reference.columns as PgColumn[] };
      }),
    ]),
  );
  const sqlName = new Map<string, TableName>(TABLE_NAMES.map((name) => [getTableName(pgSchema[name]), name]));
  const placed: TableName[] = [];
  const remaining = new Set(TABLE_NAMES);
  const unresolved = (name: TableName) => references.get(name)!.filter((reference) => reference.target !== getTableName(pgSchema[name]) && remaining.has(sqlName.get(reference.target)!));
  while (remaining.size > 0) {
    const ready = [...remaining].filter((name) => unresolved(name).length === 0);
    const next = ready.length > 0 ? ready : [...remaining].filter((name) => unresolved(name).every((reference) => reference.columns.every((column) => !column.notNull))).slice(0, 1);
    if (next.length === 0) throw new Error(`No insertion order: a cycle of NOT NULL foreign keys among ${[...remaining].join(", ")}.`);
    for (const name of next.sort()) {
      placed.push(name);
      remaining.delete(name);
    }
  }
  const position = new Map<string, number>(placed.map((name, index) => [getTableName(pgSchema[name]), index]));
  const deferred = new Map<TableName, string[]>();
  for (const name of placed) {
    const columns = getTableColumns(pgSchema[name] as PgTable);
    const keys = references
      .get(name)!
      .filter((reference) => position.get(reference.target)! >= position.get(getTableName(pgSchema[name]))!)
      .flatMap((reference) => reference.columns.map((column) => Object.keys(columns).find((key) => columns[key] === column)!));
    if (keys.length > 0) deferred.set(name, keys);
  }
  return { tables: placed, deferred };
}

/** A table's rows in batches, in primary-key order (keyset pagination: constant cost per batch). */
async function* batches(database: unknown, table: SQLiteTable | PgTable): AsyncGenerator<Row[]> {
  const key = primaryKey(table);
  const query = database as {
    select(): { from(table: unknown): { where(condition: SQL | undefined): { orderBy(...columns: Column[]): { limit(n: number): Promise<Row[]> } } } };
  };
  let last: Row | null = null;
  for (;;) {
    const after: SQL | undefined = last
      ? sql`(${sql.join(key.columns, sql`, `)}) > (${sql.join(
          key.columns.map((column, index) => sql.param(last![key.keys[index]!], column)),
          sql`, `,
        )})`
      : undefined;
    const rows = await query.select().from(table).where(after).orderBy(...key.columns).limit(BATCH);
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1]!;
  }
}

/** The primary key's columns (single or composite) and their property names in the row. */
function primaryKey(table: SQLiteTable | PgTable) {
  const columns = getTableColumns(table) as Record<string, Column>;
  const config = is(table, SQLiteTable) ? getSqliteTableConfig(table) : getTableConfig(table);
  const names = config.primaryKeys[0]?.columns.map((column) => column.name) ?? config.columns.filter((column) => column.primary).map((column) => column.name);
  const keys = names.map((name) => Object.keys(columns).find((key) => columns[key]!.name === name)!);
  return { keys, columns: keys.map((key) => columns[key]!) };
}

/** Fills the columns copied as null, now that the rows they point to exist. */
async function fillDeferred(tx: PgTransaction, source: unknown, name: TableName, keys: string[]) {
  const table = pgSchema[name] as PgTable;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const key = primaryKey(table);
  if (key.keys.length !== 1) throw new Error(`${getTableName(table)}: deferred columns need a single-column primary key.`);
  const id = columns[key.keys[0]!]!;
  for await (const rows of batches(source, sqliteSchema[name])) {
    for (const property of keys) {
      const pairs = rows.filter((row) => row[property] !== null);
      if (pairs.length === 0) continue;
      const column = columns[property]!;
      await tx.execute(sql`update ${table} set ${sql.identifier(column.name)} = pairs.value
        from unnest(${sql.param(pairs.map((row) => row[key.keys[0]!]))}::${sql.raw(id.getSQLType())}[], ${sql.param(pairs.map((row) => row[property]))}::${sql.raw(column.getSQLType())}[]) as pairs(id, value)
        where ${id} = pairs.id`);
    }
  }
}

/** Identity columns continue after the largest copied id. */
async function setSequences(tx: PgTransaction) {
  for (const name of TABLE_NAMES) {
    const table = pgSchema[name] as PgTable;
    for (const column of getTableConfig(table).columns.filter((column) => column.generatedIdentity)) {
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${getTableName(table)}, ${column.name}), coalesce((select max(${column}) from ${table}), 0) + 1, false)`,
      );
    }
  }
}

/** Row counts and checksums of every table on both sides, inside the copy's transaction. */
async function verify(tx: PgTransaction, source: unknown): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  const differences: string[] = [];
  for (const name of TABLE_NAMES) {
    const before = await tableChecksum(source, sqliteSchema[name], (row) => toPostgresRow(name, row));
    const after = await tableChecksum(tx, pgSchema[name] as PgTable, (row) => row);
    const table = getTableName(pgSchema[name]);
    if (before.rows !== after.rows || before.checksum !== after.checksum) {
      differences.push(`${table}: SQLite ${before.rows} rows, checksum ${before.checksum}; PostgreSQL ${after.rows} rows, checksum ${after.checksum}`);
    }
    reports.push({ table, ...after });
  }
  if (differences.length > 0) throw new Error(`The copy differs from the original, nothing was kept:\n${differences.join("\n")}`);
  return reports;
}

/** Row count and order-independent checksum of a table, as described at the top of this file. */
export async function tableChecksum(database: unknown, table: SQLiteTable | PgTable, normalise: (row: Row) => Row) {
  const properties = Object.keys(getTableColumns(table));
  let sum = 0n;
  let rows = 0;
  for await (const batch of batches(database, table)) {
    for (const row of batch) {
      sum = (sum + rowHash(properties, normalise(row))) % 2n ** 256n;
      rows++;
    }
  }
  return { rows, checksum: sum.toString(16).padStart(64, "0") };
}

export function rowHash(properties: string[], row: Row) {
  const values = properties.map((property) => {
    const value = row[property];
    return value instanceof Date ? value.toISOString() : value;
  });
  return BigInt(`0x${createHash("sha256").update(JSON.stringify(values)).digest("hex")}`);
}

// npm run db:export-to-postgres
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const fromIndex = process.argv.indexOf("--from");
  const sqlitePath = path.resolve(fromIndex > 0 ? process.argv[fromIndex + 1]! : (process.env.DATABASE_PATH ?? "data/tertulia.db"));
  const postgresUrl = process.env.DATABASE_URL;
  if (!postgresUrl || !/^postgres(ql)?:\/\//.test(postgresUrl)) {
    console.error("Set DATABASE_URL to the PostgreSQL database to copy into (postgres://user:password@host/database).");
    process.exit(2);
  }
  try {
    const started = performance.now();
    const reports = await exportToPostgres({ sqlitePath, postgresUrl });
    console.log(`Copied ${sqlitePath} into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s; every table checked:`);
    console.log(`  ${"table".padEnd(20)} ${"rows".padStart(8)}  checksum (SHA-256 sum, the same on both sides)`);
    for (const report of reports) console.log(`  ${report.table.padEnd(20)} ${String(report.rows).padStart(8)}  ${report.checksum}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
