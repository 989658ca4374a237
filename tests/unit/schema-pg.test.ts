import { describe, expect, it } from "vitest";
import * as sqliteSchema from "#db/schema";
import * as pgSchema from "#db/schema.pg";
import { describeTable, tablesOf, type TableDescription } from "#tests/support/schema-description";

// db/schema.pg.ts must describe the same database as db/schema.ts: the same tables, columns
// (what they hold, nullability, keys, defaults), indexes (columns, uniqueness, partial
// condition), foreign keys (target, on delete) and check constraints, under the same names.
// Its row types are compared by tsc in schema-pg.test-d.ts.
const sqliteTables = tablesOf(sqliteSchema);
const pgTables = tablesOf(pgSchema);

/**
 * The one documented difference: lucia's adapters store a session's expiry as an integer of
 * seconds on SQLite and as a timestamptz on PostgreSQL (db/schema.pg.ts, sessions).
 */
function withKnownDifferences(description: TableDescription): TableDescription {
  if (description.name !== "sessions") return description;
  const expiresAt = description.columns.expires_at;
  return { ...description, columns: { ...description.columns, expires_at: { ...expiresAt, stores: "lucia's expiry" } } };
}

describe("db/schema.pg.ts", () => {
  it("exports the same tables under the same names as db/schema.ts", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThan(15);
  });

  it.each([...sqliteTables.keys()])("%s: same columns, keys, indexes and constraints", (name) => {
    const pgTable = pgTables.get(name);
    expect(pgTable, `db/schema.pg.ts has no table ${name}`).toBeDefined();
    expect(withKnownDifferences(describeTable(pgTable!))).toEqual(withKnownDifferences(describeTable(sqliteTables.get(name)!)));
  });

  it("describes what matters: a changed index or constraint would be told apart", () => {
    const ideas = describeTable(sqliteSchema.ideas);
    expect(ideas.indexes.ideas_waiting_idx).toEqual({ columns: ["created_at"], unique: false, where: "first_response_at is null", method: "btree" });
    expect(ideas.foreignKeys.ideas_challenge_id_challenges_id_fk).toMatchObject({ foreignTable: "challenges", onDelete: "restrict" });
    expect(describeTable(pgSchema.categories).indexes.categories_name_unique).toMatchObject({ columns: ["lower(name)"], unique: true });
    expect(describeTable(pgSchema.ideas).columns.id).toMatchObject({ stores: "integer", primaryKey: true, generatedKey: "by default" });
    expect(describeTable(sqliteSchema.ideas).columns.id).toMatchObject({ stores: "integer", primaryKey: true, generatedKey: "by default" });
    expect(describeTable(pgSchema.site).checks.site_reply_promise_positive).toBe("reply_promise_days between 1 and 60");
    expect(describeTable(pgSchema.votes).primaryKeys).toEqual({ votes_idea_id_user_id_pk: { columns: ["idea_id", "user_id"] } });
  });
});
