import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { sqlite, transaction } from "~/lib/db.server";

// Checks in SQL that no domain function answers (counts across tables, query plans), and
// writes behind the domain's back to set up a case it would refuse. Written with drizzle's
// `sql` template, so the values are bound parameters; only these helpers know the driver.
const dialect = new SQLiteSyncDialect();

export async function rows<T>(query: SQL): Promise<T[]> {
  const { sql, params } = dialect.sqlToQuery(query);
  return sqlite.reader.prepare(sql).all(...params) as T[];
}

export async function row<T>(query: SQL): Promise<T | undefined> {
  const { sql, params } = dialect.sqlToQuery(query);
  return sqlite.reader.prepare(sql).get(...params) as T | undefined;
}

/** A write through the same queue as the app's, so it never lands inside someone's transaction. */
export async function exec(query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query);
  await transaction(async () => {
    sqlite.writer.prepare(sql).run(...params);
  });
}
