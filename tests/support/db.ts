import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { driver, transaction, type Tx } from "~/lib/db.server";

// Checks in SQL that no domain function answers (counts across tables), and writes behind the
// domain's back to set up a case it would refuse, on whichever engine the test runs (SQLite, or
// PostgreSQL in the `npm run test:pg` pass). Written with drizzle's `sql` template, so values
// are bound parameters; only these helpers know the drivers. Write queries both engines
// understand: quote mixed-case aliases (`as "inRow"`), compare timestamps with Dates through
// the query builder rather than raw SQL. Counts come back as numbers on both (PostgreSQL's
// bigint is parsed here, and only here: the app itself must map them, decision 0007).
const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** PostgreSQL's parsers, but bigints (count(*), sum()) as numbers, like SQLite's integers. */
const testTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function rows<T>(query: SQL): Promise<T[]> {
  if (driver.engine === "sqlite") {
    const { sql, params } = sqliteDialect.sqlToQuery(query);
    return driver.reader.prepare(sql).all(...params) as T[];
  }
  const { sql, params } = pgDialect.sqlToQuery(query);
  const result = await driver.pool.query({ text: sql, values: params, types: testTypes });
  return result.rows as T[];
}

export async function row<T>(query: SQL): Promise<T | undefined> {
  return (await rows<T>(query))[0];
}

/**
 * A raw write, in a transaction of its own through the app's `transaction()` (so it never lands
 * inside someone else's). A failure is the driver's own error (a constraint's message), not
 * drizzle's wrapper.
 */
export async function exec(query: SQL) {
  try {
    await transaction(async (tx) => {
      await runRaw(tx, query);
    });
  } catch (error) {
    throw (error as { cause?: unknown }).cause ?? error;
  }
}

function runRaw(tx: Tx, query: SQL) {
  const raw = tx as unknown as { run(query: SQL): unknown; execute(query: SQL): Promise<unknown> };
  return driver.engine === "sqlite" ? raw.run(query) : raw.execute(query);
}

/** Empties every table (ids start from 1 again): each test file starts from an empty database. */
export async function emptyDatabase() {
  if (driver.engine === "sqlite") {
    const { reader, writer } = driver;
    const tables = reader
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'ideas_fts%' and name != '__drizzle_migrations'")
      .all() as Array<{ name: string }>;
    // Through the write queue, after anything a previous file left running; foreign keys are
    // checked at the commit, when every table is empty. Deleting ideas runs the search index's
    // triggers, so the index empties too.
    await transaction(async () => {
      writer.pragma("defer_foreign_keys = ON");
      for (const { name } of tables) writer.exec(`delete from "${name}"`);
      writer.exec("delete from sqlite_sequence");
    });
    return;
  }
  const { rows: tables } = await driver.pool.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public'");
  const names = tables.map(({ name }) => `"${name}"`).join(", ");
  // The pool's connections are read-only unless a transaction says otherwise.
  await driver.pool.query(`begin read write; truncate ${names} restart identity cascade; commit`);
}
