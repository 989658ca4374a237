import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, sql } from "drizzle-orm";
import { ideas, users } from "#db/tables";
import { listCondition, matchingIds, tsQuery } from "~/domain/search-postgres.server";
import { ftsQuery } from "~/domain/search-sqlite.server";
import { ideaSearchColumns, queryWords, type MatchSpec } from "~/domain/search-terms.server";
import { asDomainDatabase, type DomainDatabase } from "~/lib/db.server";
import { openPostgres, type Postgres } from "~/lib/postgres.server";
import { markSafeHtml } from "~/lib/safe-html";

// Search on PostgreSQL (app/domain/search-postgres.server.ts over the generated tsvector of
// db/migrations-pg/*_ideas_search_terms.sql): the same answers as SQLite's FTS5 table, for
// the same ideas and the same questions.
const IDEAS = [
  { title: "Pagar con Bizum", bodyText: "En la caja y en la web" },
  { title: "Adopción de pagos con tarjeta", bodyText: "Aceptar tarjetas en la tienda física" },
  { title: "Faster checkout", bodyText: "One page checkout for returning customers" },
  { title: "Facturas por correo", bodyText: "Sin papel, cada mes" },
  { title: "Track my parcel", bodyText: "A live map of the delivery van" },
  { title: "Café gratis para clientes fieles", bodyText: "Un café cada diez compras" },
];

let server: Postgres;
let database: DomainDatabase;
let titleOf: Map<number, string>;
let sqliteFile: Database.Database;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-search-"));

beforeAll(async () => {
  server = await openPostgres(process.env.DATABASE_URL!);
  database = asDomainDatabase(server);
  const now = new Date("2026-10-01T00:00:00Z");
  const rows = await database.transaction(async (tx) => {
    await tx.insert(users).values({ id: "ana", email: "ana@example.com", displayName: "Ana", passwordHash: "x" });
    return tx
      .insert(ideas)
      .values(IDEAS.map((idea, index) => ({ ...idea, ...ideaSearchColumns(idea), bodyJson: "{}", bodyHtml: markSafeHtml(""), authorId: "ana", trendingScore: index, lastActivityAt: now, createdAt: now })))
      .returning({ id: ideas.id, title: ideas.title });
  });
  titleOf = new Map(rows.map((row) => [row.id, row.title]));

  // The same ideas in SQLite, with the same ids, for the parity test.
  sqliteFile = new Database(path.join(directory, "search.db"));
  migrate(drizzle(sqliteFile), { migrationsFolder: "db/migrations" });
  sqliteFile.prepare("insert into users (id, email, display_name, password_hash, created_at) values ('ana', 'ana@example.com', 'Ana', 'x', 0)").run();
  const insert = sqliteFile.prepare(
    "insert into ideas (id, title, body_json, body_html, body_text, author_id, last_activity_at, created_at, search_title, search_body) values (?, ?, '{}', '', ?, 'ana', 0, 0, ?, ?)",
  );
  for (const row of rows) {
    const idea = IDEAS.find((candidate) => candidate.title === row.title)!;
    const columns = ideaSearchColumns(idea);
    insert.run(row.id, idea.title, idea.bodyText, columns.searchTitle, columns.searchBody);
  }
});
afterAll(async () => {
  sqliteFile.close();
  fs.rmSync(directory, { recursive: true, force: true });
  await server.close();
});

const spec = (text: string, every = true, titleOnly = false): MatchSpec => ({ words: queryWords(text), every, titleOnly });
const onPostgres = async (question: MatchSpec) =>
  (await database.db.select({ id: sql<number>`id` }).from(sql`(${matchingIds(question)}) as found`)).map((row) => titleOf.get(row.id)).sort();
const onSqlite = (question: MatchSpec) =>
  (sqliteFile.prepare("select rowid as id from ideas_fts where ideas_fts match ?").all(ftsQuery(question)) as Array<{ id: number }>).map((row) => titleOf.get(row.id)).sort();

describe("search on PostgreSQL", () => {
  it("finds other forms of a word, without accents, and the word being typed", async () => {
    expect(await onPostgres(spec("pagos"))).toEqual(["Adopción de pagos con tarjeta", "Pagar con Bizum"]);
    expect(await onPostgres(spec("FACTURA"))).toEqual(["Facturas por correo"]);
    expect(await onPostgres(spec("cafe"))).toEqual(["Café gratis para clientes fieles"]);
    expect(await onPostgres(spec("deliveries"))).toEqual(["Track my parcel"]);
    expect(await onPostgres(spec("tarj"))).toEqual(["Adopción de pagos con tarjeta"]);
  });

  it("needs every word, or any, in the title or anywhere", async () => {
    expect(await onPostgres(spec("pago tarjeta"))).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await onPostgres(spec("bizum tarjeta", false))).toEqual(["Adopción de pagos con tarjeta", "Pagar con Bizum"]);
    expect(await onPostgres(spec("caja", true, true))).toEqual([]);
    expect(await onPostgres(spec("caja"))).toEqual(["Pagar con Bizum"]);
  });

  it("passes nothing typed through as tsquery syntax", async () => {
    expect(tsQuery(spec("x:* & !(café"))).toBe("('x') & ('cafe' | 'caf' | 'cafe':*)");
    expect(await onPostgres(spec("pago' | x:* & !(café"))).toEqual([]);
    expect(await onPostgres(spec("pago:* & (tarjeta)"))).toEqual(["Adopción de pagos con tarjeta"]);
  });

  it("answers as SQLite does, question for question", async () => {
    const questions = ["pagos", "pago tarjeta", "checkout", "page", "check", "facturas correo", "café gratis", "track parcels", "tienda", "mapa"].flatMap((text) => [
      spec(text),
      spec(text, false),
      spec(text, true, true),
    ]);
    for (const question of questions) expect(await onPostgres(question), JSON.stringify(question)).toEqual(onSqlite(question));
  });

  it("gives the ideas list a condition on the row, and keeps the vector in step with the terms", async () => {
    const list = async (text: string) =>
      (
        await database.db
          .select({ title: ideas.title })
          .from(ideas)
          .where(and(await listCondition(queryWords(text))))
          .orderBy(desc(ideas.trendingScore))
      ).map((row) => row.title);
    expect(await list("pagos")).toEqual(["Adopción de pagos con tarjeta", "Pagar con Bizum"]);
    await database.transaction((tx) => tx.update(ideas).set(ideaSearchColumns({ title: "Pagar con el móvil", bodyText: "" })).where(sql`${ideas.title} = 'Pagar con Bizum'`));
    expect(await list("bizum")).toEqual([]);
    expect(await list("movil")).toEqual(["Pagar con Bizum"]);
  });
});
