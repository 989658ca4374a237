import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTableName } from "drizzle-orm";
import pg from "pg";
import * as sqliteSchema from "#db/schema";
import { createEmptyDatabase } from "#tests/support/postgres-fixtures";
import { tablesOf } from "#tests/support/schema-description";
import { exportToPostgres, rowHash, type TableReport } from "../../scripts/export-to-postgres";

// `npm run db:export-to-postgres`: the demo portal, seeded by `npm run db:seed-demo` into a
// SQLite file of its own, copied into a new (empty) PostgreSQL database.
const IMAGE_BYTES = randomBytes(3000);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-export-"));
const sqlitePath = path.join(directory, "demo.db");
let target: Awaited<ReturnType<typeof createEmptyDatabase>>;
let postgresUrl: string;
let reports: TableReport[];
let client: pg.Client;
let sqlite: Database.Database;
const rows = async <T,>(query: string) => (await client.query(query)).rows as T[];

beforeAll(async () => {
  const { DATABASE_URL: _url, POSTGRES_TEST_URL: _testUrl, ...sqliteEnvironment } = process.env;
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts"], {
    env: { ...sqliteEnvironment, DATABASE_PATH: sqlitePath, MAIL_DIRECTORY: path.join(directory, "mail") },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seeding the demo failed:\n${seeded.stdout}${seeded.stderr}`);
  sqlite = new Database(sqlitePath);
  // A session, so that lucia's expiry (seconds on SQLite, a timestamptz on PostgreSQL) is copied too.
  sqlite.prepare("insert into sessions (id, user_id, expires_at) values ('session-hash', 'customer1', 1900000000)").run();
  // An image kept in the database (UPLOADS_STORE=database), so that bytes are copied too.
  sqlite.prepare("insert into upload_blobs (key, bytes) values ('AbCdEfGhIjKlMnOpQrSt/64.webp', ?)").run(IMAGE_BYTES);
  target = await createEmptyDatabase();
  postgresUrl = target.url;
  reports = await exportToPostgres({ sqlitePath, postgresUrl });
  client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client?.end();
  await target?.drop();
  sqlite?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

const sqliteCount = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe("db:export-to-postgres", () => {
  it("copies every table, with the same row counts on both sides", async () => {
    expect(reports.map((report) => report.table).sort()).toEqual([...tablesOf(sqliteSchema).values()].map((table) => getTableName(table)).sort());
    for (const report of reports) {
      expect(report.rows, report.table).toBe(sqliteCount(report.table));
      const [{ n }] = await rows<{ n: number }>(`select count(*)::int as n from ${report.table}`);
      expect(n, report.table).toBe(report.rows);
    }
    const byTable = Object.fromEntries(reports.map((report) => [report.table, report.rows]));
    expect(byTable).toMatchObject({ users: 34, challenges: 4, sessions: 1 });
    expect(byTable.ideas).toBeGreaterThan(20);
    expect(byTable.votes).toBeGreaterThan(50);
    expect(byTable.comments).toBeGreaterThan(10);
  });

  it("copies the images kept in the database byte for byte", async () => {
    const [copy] = await rows<{ bytes: Buffer }>("select bytes from upload_blobs where key = 'AbCdEfGhIjKlMnOpQrSt/64.webp'");
    expect(copy!.bytes.equals(IMAGE_BYTES)).toBe(true);
  });

  it("converts types: dates to the millisecond, booleans, lucia's expiry, forward references", async () => {
    const idea = sqlite.prepare("select id, created_at as createdAt, merged_into_id as mergedInto, official_comment_id as official from ideas where merged_into_id is not null limit 1").get() as {
      id: number;
      createdAt: number;
      mergedInto: number;
    };
    expect(idea).toBeDefined();
    const [copy] = await rows<{ createdAt: Date; mergedInto: number }>(`select created_at as "createdAt", merged_into_id as "mergedInto" from ideas where id = ${idea.id}`);
    expect(copy!.createdAt.getTime()).toBe(idea.createdAt);
    expect(copy!.mergedInto).toBe(idea.mergedInto);
    const [withOfficial] = await rows<{ n: number }>("select count(*)::int as n from ideas where official_comment_id is not null");
    expect(withOfficial!.n).toBe((sqlite.prepare("select count(*) as n from ideas where official_comment_id is not null").get() as { n: number }).n);
    const [replies] = await rows<{ n: number }>("select count(*)::int as n from comments where parent_id is not null");
    expect(replies!.n).toBe((sqlite.prepare("select count(*) as n from comments where parent_id is not null").get() as { n: number }).n);
    expect(await rows("select expires_at as \"expiresAt\" from sessions")).toEqual([{ expiresAt: new Date(1_900_000_000_000) }]);
  });

  it("keeps the counters true, fills the search vector and moves the identity sequences past the copied ids", async () => {
    expect(await rows("select id from ideas where vote_count <> (select count(*) from votes where votes.idea_id = ideas.id)")).toEqual([]);
    const [search] = await rows<{ n: number }>("select count(*)::int as n from ideas where search_vector @@ to_tsquery('simple', 'pago:*')");
    expect(search!.n).toBeGreaterThan(0);
    const [{ max }] = await rows<{ max: number }>("select max(id) as max from categories");
    const [{ id }] = await rows<{ id: number }>("insert into categories (name, colour) values ('After the move', '#000000') returning id");
    expect(id).toBe(max + 1);
  });

  it("refuses a database that is not empty, and leaves it untouched", async () => {
    await expect(exportToPostgres({ sqlitePath, postgresUrl })).rejects.toThrow(/not empty/);
    const [{ n }] = await rows<{ n: number }>("select count(*)::int as n from users");
    expect(n).toBe(34);
  });

  it("copies all or nothing: a row PostgreSQL refuses rolls the whole copy back", async () => {
    const empty = await createEmptyDatabase();
    try {
      // SQLite's lower() folds ASCII only, so these two names are distinct there; PostgreSQL's
      // unique index on lower(name) refuses the second.
      const name = `Ñandú ${randomBytes(3).toString("hex")}`;
      sqlite.prepare("insert into categories (name, colour) values (?, '#111111'), (?, '#222222')").run(name, name.replace("Ñ", "ñ"));
      await expect(exportToPostgres({ sqlitePath, postgresUrl: empty.url })).rejects.toThrow();
      const target = new pg.Client({ connectionString: empty.url });
      await target.connect();
      const { rows: users } = await target.query("select count(*)::int as n from users");
      await target.end();
      expect(users[0].n).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it("checksums rows by value: one changed value changes the hash", () => {
    const properties = ["id", "title", "createdAt", "enabled"];
    const row = { id: 1, title: "Pagar con el móvil", createdAt: new Date(1_700_000_000_123), enabled: true };
    expect(rowHash(properties, row)).toBe(rowHash(properties, { ...row }));
    expect(rowHash(properties, { ...row, createdAt: new Date(1_700_000_000_124) })).not.toBe(rowHash(properties, row));
    expect(rowHash(properties, { ...row, enabled: false })).not.toBe(rowHash(properties, row));
  });
});
