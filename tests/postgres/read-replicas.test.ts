import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { categories } from "#db/tables";
import { asDomainDatabase, type DomainDatabase } from "~/lib/db.server";
import { openPostgres, type Postgres } from "~/lib/postgres.server";
import { PRIMARY_COOKIE, PRIMARY_SECONDS, readYourWrites } from "~/lib/read-your-writes.mjs";
import { createEmptyDatabase } from "#tests/support/postgres-fixtures";

// Read replicas (DATABASE_REPLICA_URLS) and reading one's own writes. The "standby" here is a
// database of its own that never receives the primary's writes: a standby lagging forever, so
// every read that reaches it shows, by what it misses, where it went.
describe("read replicas", () => {
  let standby: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let server: Postgres;
  let database: DomainDatabase;
  let site: http.Server;
  let baseUrl: string;

  const names = async () => (await database.db.select({ name: categories.name }).from(categories).orderBy(asc(categories.name))).map((row) => row.name);

  beforeAll(async () => {
    standby = await createEmptyDatabase();
    await (await openPostgres(standby.url, { poolSize: 1 })).close(); // its schema, as a standby has
    server = await openPostgres(process.env.DATABASE_URL!, { poolSize: 2, replicaUrls: [standby.url] });
    database = asDomainDatabase(server);
    await database.transaction((tx) => tx.insert(categories).values({ name: "Payments", colour: "#112233" }));

    // A site as server.mjs runs it: the middleware, then pages that read and write through the database.
    const app = express();
    app.use(readYourWrites);
    app.get("/categories", (_request, response, next) => {
      names().then((list) => response.json(list), next);
    });
    app.post("/categories", (_request, response, next) => {
      database
        .transaction((tx) => tx.insert(categories).values({ name: "Delivery", colour: "#445566" }))
        .then(names)
        .then((list) => response.json(list), next);
    });
    site = http.createServer(app).listen(0);
    baseUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    site.closeAllConnections();
    site.close();
    await server.close();
    await standby.drop();
  });

  it("send a request's reads to a standby while neither it nor its browser has written", async () => {
    const answer = await fetch(`${baseUrl}/categories`);
    expect(await answer.json()).toEqual([]);
    expect(answer.headers.get("set-cookie")).toBeNull();
  });

  it("send reads to the primary outside a request (jobs, scripts)", async () => {
    expect(await names()).toEqual(["Payments"]);
  });

  it("send a request's reads to the primary once it has written, and its browser's next requests for a while", async () => {
    const wrote = await fetch(`${baseUrl}/categories`, { method: "POST" });
    expect(await wrote.json()).toEqual(["Delivery", "Payments"]);
    const cookie = wrote.headers.get("set-cookie")!;
    expect(cookie).toBe(`${PRIMARY_COOKIE}=1; Max-Age=${PRIMARY_SECONDS}; Path=/; HttpOnly; SameSite=Lax`);

    const next = await fetch(`${baseUrl}/categories`, { headers: { cookie: `theme=dark; ${cookie.split(";")[0]}` } });
    expect(await next.json()).toEqual(["Delivery", "Payments"]);
    // Another browser still reads the standby.
    expect(await (await fetch(`${baseUrl}/categories`)).json()).toEqual([]);
  });

  it("are part of the health check", async () => {
    expect(await server.isHealthy()).toBe(true);
  });
});
