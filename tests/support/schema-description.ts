import { Column, getTableName, is, isTable, Param, SQL, StringChunk, type Table } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * A dialect-neutral description of a drizzle table, for comparing db/schema.ts with
 * db/schema.pg.ts: what each column stores, its nullability, key and default, and every index
 * (columns, uniqueness, partial condition), foreign key (target, on delete/update) and check
 * constraint, all by name. Types are described by what they hold ("moment(ms)" is SQLite's
 * integer timestamp_ms and PostgreSQL's timestamptz(3)), so equal descriptions mean the two
 * tables are interchangeable. Anything a mapping does not know is described raw, so that it
 * shows up as a difference instead of passing unnoticed.
 */
export type TableDescription = ReturnType<typeof describeTable>;

export function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  return new Map(
    Object.entries(schema)
      .filter(([, value]) => isTable(value))
      .map(([exportName, table]) => [exportName, table as Table]),
  );
}

export function describeTable(table: Table) {
  if (is(table, SQLiteTable)) return describe(getSqliteTableConfig(table), sqliteColumn);
  if (is(table, PgTable)) return describe(getPgTableConfig(table), pgColumn);
  throw new Error("neither a SQLite nor a PostgreSQL table");
}

type AnyConfig = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;

function describe<C extends AnyConfig>(config: C, describeColumn: (column: C["columns"][number]) => Record<string, unknown>) {
  const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map(({ name, ...rest }) => [name, rest]));
  return {
    name: config.name,
    columns: byName(config.columns.map((column) => ({ name: column.name, ...describeColumn(column) }))),
    primaryKeys: byName(config.primaryKeys.map((key) => ({ name: key.getName(), columns: key.columns.map((column) => column.name) }))),
    indexes: byName(
      config.indexes.map(({ config: index }) => ({
        name: index.name ?? "(unnamed)",
        columns: index.columns.map((column) => (is(column, SQL) ? sqlText(column) : (column as { name: string }).name)),
        unique: index.unique,
        where: index.where ? sqlText(index.where) : null,
        method: "using" in index ? (index.using ?? "btree") : "btree",
      })),
    ),
    foreignKeys: byName(
      config.foreignKeys.map((key) => {
        const reference = key.reference();
        return {
          name: key.getName(),
          columns: reference.columns.map((column) => column.name),
          foreignTable: getTableName(reference.foreignTable),
          foreignColumns: reference.foreignColumns.map((column) => column.name),
          onDelete: key.onDelete ?? "no action",
          onUpdate: key.onUpdate ?? "no action",
        };
      }),
    ),
    uniqueConstraints: byName(config.uniqueConstraints.map((unique) => ({ name: unique.getName() ?? "", columns: unique.columns.map((column) => column.name) }))),
    checks: Object.fromEntries(config.checks.map((check) => [check.name, sqlText(check.value)])),
  };
}

function common(column: SQLiteColumn | PgColumn) {
  return {
    notNull: column.notNull,
    primaryKey: column.primary,
    unique: column.isUnique,
    enumValues: column.enumValues ?? null,
    default: describeDefault(column.default),
  };
}

function sqliteColumn(column: SQLiteColumn) {
  const config = (column as unknown as { config: { mode?: string } }).config;
  const stores: Record<string, string> = {
    SQLiteInteger: "integer",
    SQLiteText: "text",
    SQLiteBoolean: "boolean",
    SQLiteReal: "double",
    SQLiteBlobBuffer: "bytes",
    SQLiteTimestamp: config.mode === "timestamp_ms" ? "moment(ms)" : `SQLiteTimestamp(${config.mode})`,
  };
  return {
    stores: stores[column.columnType] ?? column.columnType,
    ...common(column),
    // An INTEGER PRIMARY KEY is SQLite's rowid: given when omitted, with or without
    // AUTOINCREMENT (which only stops the ids of deleted rows from coming back).
    generatedKey: column.primary && column.columnType === "SQLiteInteger" ? "by default" : null,
  };
}

function pgColumn(column: PgColumn) {
  const config = (column as unknown as { config: { withTimezone?: boolean; precision?: number } }).config;
  const stores: Record<string, string> = {
    PgInteger: "integer",
    PgText: "text",
    PgBoolean: "boolean",
    PgDoublePrecision: "double",
    // db/schema.pg.ts's bytea, the only custom column type there.
    PgCustomColumn: "bytes",
    // PgTimestamp reads as a Date (PgTimestampString would read as a string).
    PgTimestamp: config.withTimezone && config.precision === 3 ? "moment(ms)" : `PgTimestamp(tz: ${config.withTimezone}, precision: ${config.precision})`,
  };
  const identity = (column as unknown as { generatedIdentity?: { type: "always" | "byDefault" } }).generatedIdentity;
  return {
    stores: stores[column.columnType] ?? column.columnType,
    ...common(column),
    generatedKey: identity ? (identity.type === "byDefault" ? "by default" : "always") : null,
  };
}

/** "the time of the insert" is spelled differently by each engine; everything else must match. */
const NOW = new Set(["(unixepoch('subsec') * 1000)", "now()"]);

function describeDefault(value: unknown) {
  if (value === undefined) return null;
  if (is(value, SQL)) {
    const text = sqlText(value);
    return NOW.has(text) ? "now" : `sql: ${text}`;
  }
  return value;
}

/** The SQL as written, columns by bare name, whitespace collapsed. */
export function sqlText(value: SQL): string {
  const render = (chunk: unknown): string => {
    if (is(chunk, StringChunk)) return chunk.value.join("");
    if (is(chunk, Column)) return chunk.name;
    if (is(chunk, SQL)) return chunk.queryChunks.map(render).join("");
    if (is(chunk, Param)) return JSON.stringify(chunk.value);
    if (Array.isArray(chunk)) return chunk.map(render).join(", ");
    if (typeof chunk === "string" || typeof chunk === "number") return String(chunk);
    throw new Error(`sqlText: unexpected chunk ${String(chunk)}`);
  };
  return render(value).replace(/\s+/g, " ").trim();
}
