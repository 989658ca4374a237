import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTableName, is, SQL } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import * as pgSchema from "#db/schema.pg";
import { sqlText, tablesOf } from "#tests/support/schema-description";

// db/migrations-pg, applied to a real server (the template every test database is cloned
// from), builds exactly what db/schema.pg.ts declares, plus the hand-written search migration.
// A schema change without `npm run db:generate:pg` fails here.
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

const tables = [...tablesOf(pgSchema).values()] as PgTable[];
const rows = async <T,>(query: string) => (await client.query(query)).rows as T[];

/** PostgreSQL's spelling of an expression, made comparable with the schema's: no casts, quotes, parentheses or case. */
const loose = (expression: string) =>
  expression
    .replace(/::[a-z ]+(\[\])?/g, "")
    .replace(/["'()]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

describe("the migrated PostgreSQL database", () => {
  it("has the schema's tables, and no others", async () => {
    const live = await rows<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by 1");
    expect(live.map((table) => table.name)).toEqual(tables.map((table) => getTableName(table)).sort());
  });

  it("has each table's columns: type, nullability, default, identity", async () => {
    const live = await rows<{ table: string; column: string; type: string; notNull: boolean; default: string | null; identity: string; generated: string }>(`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
        pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity as identity, a.attgenerated as generated
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by 1, 2`);
    const describeLive = (column: (typeof live)[number]) => ({
      type: column.type,
      notNull: column.notNull,
      default: column.default === null || column.generated ? null : loose(column.default),
      identity: { d: "by default", a: "always", "": null }[column.identity],
    });
    const expected = tables.flatMap((table) =>
      getTableConfig(table).columns.map((column) => ({
        table: getTableName(table),
        column: column.name,
        type: column.getSQLType().replace(" (", "("),
        notNull: column.notNull,
        default: column.default === undefined ? null : loose(is(column.default, SQL) ? sqlText(column.default) : String(column.default)),
        identity: column.generatedIdentity ? { byDefault: "by default", always: "always" }[column.generatedIdentity.type] : null,
      })),
    );
    // The search vector is the hand-written migrations' (ideas_search, ideas_search_terms).
    const searchVector = live.find((column) => column.table === "ideas" && column.column === "search_vector");
    expect(searchVector).toMatchObject({ type: "tsvector", generated: "s" });
    const described = live.filter((column) => column !== searchVector).map((column) => ({ table: column.table, column: column.column, ...describeLive(column) }));
    expect(described).toEqual(expected.sort((a, b) => (a.table + "." + a.column < b.table + "." + b.column ? -1 : 1)));
  });

  it("has each index: columns, uniqueness, partial condition", async () => {
    const live = await rows<{ name: string; table: string; unique: boolean; columns: string[]; predicate: string | null; method: string }>(`
      select i.relname as name, t.relname as table, x.indisunique as unique,
        array(select pg_get_indexdef(x.indexrelid, k + 1, true) from generate_subscripts(x.indkey, 1) as k order by k) as columns,
        pg_get_expr(x.indpred, x.indrelid, true) as predicate, am.amname as method
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_am am on am.oid = i.relam join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and not x.indisprimary
      order by 1`);
    const expected = tables.flatMap((table) =>
      getTableConfig(table).indexes.map(({ config }) => ({
        name: config.name!,
        table: getTableName(table),
        unique: config.unique,
        columns: config.columns.map((column) => (is(column, SQL) ? sqlText(column) : (column as { name: string }).name)),
        predicate: config.where ? loose(sqlText(config.where)) : null,
        method: config.method ?? "btree",
      })),
    );
    expected.push({ name: "ideas_search_idx", table: "ideas", unique: false, columns: ["search_vector"], predicate: null, method: "gin" });
    const described = live.map(({ predicate, ...index }) => ({ ...index, predicate: predicate === null ? null : loose(predicate) }));
    expect(described).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it("has each primary key, foreign key (target, on delete) and check constraint", async () => {
    const live = await rows<{ table: string; name: string; definition: string }>(`
      select t.relname as table, c.conname as name,
        case c.contype when 'c' then 'check' else pg_get_constraintdef(c.oid) end as definition
      from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and c.contype in ('p', 'f', 'c')
      order by 1, 2`);
    const upper = (action: string | undefined) => (action && action !== "no action" ? action.toUpperCase() : null);
    const expected = tables.flatMap((table) => {
      const config = getTableConfig(table);
      const name = getTableName(table);
      const singleKey = config.columns.filter((column) => column.primary).map((column) => ({ table: name, name: `${name}_pkey`, definition: `PRIMARY KEY (${column.name})` }));
      const compositeKeys = config.primaryKeys.map((key) => ({ table: name, name: key.getName(), definition: `PRIMARY KEY (${key.columns.map((column) => column.name).join(", ")})` }));
      const foreignKeys = config.foreignKeys.map((key) => {
        const reference = key.reference();
        const actions = [upper(key.onUpdate) && `ON UPDATE ${upper(key.onUpdate)}`, upper(key.onDelete) && `ON DELETE ${upper(key.onDelete)}`].filter(Boolean);
        return {
          table: name,
          name: key.getName(),
          definition: [
            `FOREIGN KEY (${reference.columns.map((column) => column.name).join(", ")}) REFERENCES ${getTableName(reference.foreignTable)}(${reference.foreignColumns.map((column) => column.name).join(", ")})`,
            ...actions,
          ].join(" "),
        };
      });
      const checks = config.checks.map((check) => ({ table: name, name: check.name, definition: "check" }));
      return [...singleKey, ...compositeKeys, ...foreignKeys, ...checks];
    });
    expect(live).toEqual(expected.sort((a, b) => (a.table + " " + a.name < b.table + " " + b.name ? -1 : 1)));
  });
});
