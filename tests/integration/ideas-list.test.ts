import { beforeAll, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/_index";
import { loader as similarLoader } from "~/routes/ideas.similar";
import { createCategory } from "~/domain/categories.server";
import { findSimilarIdeas, listIdeas, toFtsQuery } from "~/domain/ideas.server";
import { listQuerySchema } from "~/domain/ideas.schema";
import { setVote } from "~/domain/votes.server";
import { db, sqlite } from "~/lib/db.server";
import { ideas } from "#db/schema";
import { eq } from "drizzle-orm";
import { args, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

const query = (input: Record<string, string> = {}) => listQuerySchema.parse(input);
let authorId = "";
let billing = 0;
let delivery = 0;

beforeAll(async () => {
  await ensureSite();
  authorId = (await makePerson("customer", { displayName: "Ana Author" })).id;
  billing = createCategory({ name: "Billing", description: "", colour: "#1e40af" }).id;
  delivery = createCategory({ name: "Delivery", description: "", colour: "#166534" }).id;
  const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n));
  makeIdea(authorId, "Adopción de pagos con tarjeta", { body: "Aceptar tarjetas en la tienda física", categoryId: billing, now: day(0) });
  makeIdea(authorId, "Faster checkout", { body: "One page checkout for returning customers", categoryId: billing, now: day(1) });
  makeIdea(authorId, "Entrega en el mismo día", { body: "Para pedidos antes de las 12", categoryId: delivery, now: day(2) });
  makeIdea(authorId, "Track my parcel", { body: "A live map of the DELIVERY van", categoryId: delivery, now: day(3) });
  makeIdea(authorId, "Café gratis para clientes fieles", { body: "Un café cada diez compras", now: day(4) });
});

describe("search", () => {
  it("ignores accents and case, both ways", () => {
    const titles = (q: string) => listIdeas(query({ q }), null).ideas.map((idea) => idea.title);
    expect(titles("adopcion")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(titles("ADOPCIÓN")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(titles("cafe")).toEqual(["Café gratis para clientes fieles"]);
    expect(titles("delivery")).toEqual(["Track my parcel"]);
  });

  it("matches word prefixes and needs every word", () => {
    const titles = (q: string) => listIdeas(query({ q }), null).ideas.map((idea) => idea.title);
    expect(titles("check")).toEqual(["Faster checkout"]);
    expect(titles("checkout returning")).toEqual(["Faster checkout"]);
    expect(titles("checkout tarjeta")).toEqual([]);
  });

  it("never passes FTS syntax through", () => {
    expect(toFtsQuery('pago" OR "x* NEAR(')).toBe('"pago"* "OR"* "x"* "NEAR"*');
    expect(toFtsQuery("  ¿?¡! ")).toBeNull();
    expect(listIdeas(query({ q: '"*^ OR' }), null).ideas.map((idea) => idea.title)).toEqual([]);
  });

  it("finds similar ideas for a title being typed, best match first", async () => {
    expect(findSimilarIdeas("checkout más rápido").map((idea) => idea.title)).toEqual(["Faster checkout"]);
    const response = (await similarLoader(args(makeRequest("/ideas/similar?title=tarjeta%20pagos")))) as Response;
    const body = (await response.json()) as { ideas: Array<{ title: string; voteCount: number; status: string }> };
    expect(body.ideas[0]).toMatchObject({ title: "Adopción de pagos con tarjeta", voteCount: 1, status: "open" });
  });

  it("keeps the index in step with edits and deletions", async () => {
    const idea = makeIdea(authorId, "Temporary wording", { body: "Some details" });
    expect(listIdeas(query({ q: "temporary" }), null).ideas).toHaveLength(1);
    db.update(ideas).set({ title: "Permanent wording" }).where(eq(ideas.id, idea.id)).run();
    expect(listIdeas(query({ q: "temporary" }), null).ideas).toHaveLength(0);
    expect(listIdeas(query({ q: "permanent" }), null).ideas).toHaveLength(1);
    db.delete(ideas).where(eq(ideas.id, idea.id)).run();
    expect(listIdeas(query({ q: "permanent" }), null).ideas).toHaveLength(0);
  });
});

describe("sorting, filtering, paging", () => {
  it("sorts newest first and by votes", async () => {
    const voters = await Promise.all([makePerson(), makePerson()]);
    const entrega = listIdeas(query({ q: "entrega" }), null).ideas[0]!;
    for (const voter of voters) setVote(entrega.id, voter.id, true);
    expect(listIdeas(query({ sort: "new" }), null).ideas[0]!.title).toBe("Café gratis para clientes fieles");
    expect(listIdeas(query({ sort: "top" }), null).ideas[0]!.title).toBe("Entrega en el mismo día");
  });

  it("filters by category and status, together with search", () => {
    expect(listIdeas(query({ category: String(billing), sort: "new" }), null).ideas.map((idea) => idea.title)).toEqual([
      "Faster checkout",
      "Adopción de pagos con tarjeta",
    ]);
    expect(listIdeas(query({ category: String(delivery), q: "map" }), null).ideas.map((idea) => idea.title)).toEqual(["Track my parcel"]);
    expect(listIdeas(query({ status: "planned" }), null).ideas).toEqual([]);
  });

  it("pages with a cursor that does not shift when new ideas arrive", () => {
    const first = listIdeas(query({ sort: "new" }), null, 2);
    expect(first.ideas.map((idea) => idea.title)).toEqual(["Café gratis para clientes fieles", "Track my parcel"]);
    makeIdea(authorId, "A brand new idea posted meanwhile");
    const second = listIdeas(query({ sort: "new", after: first.nextCursor! }), null, 2);
    expect(second.ideas.map((idea) => idea.title)).toEqual(["Entrega en el mismo día", "Faster checkout"]);
    const third = listIdeas(query({ sort: "new", after: second.nextCursor! }), null, 2);
    expect(third.ideas.map((idea) => idea.title)).toEqual(["Adopción de pagos con tarjeta"]);
    expect(third.nextCursor).toBeNull();
  });

  it("treats a mangled cursor or unknown parameters as the first page", async () => {
    const data = (await listLoader(args(makeRequest("/?sort=banana&status=nope&after=%%%&category=x")))) as { query: { sort: string }; ideas: unknown[] };
    expect(data.query.sort).toBe("trending");
    expect(data.ideas.length).toBeGreaterThan(0);
  });

  it("shows each viewer their own votes in the same query", async () => {
    const viewer = await makePerson();
    const target = listIdeas(query({ q: "parcel" }), null).ideas[0]!;
    setVote(target.id, viewer.id, true);
    const rows = listIdeas(query({}), viewer.id).ideas;
    expect(rows.filter((idea) => idea.voted).map((idea) => idea.title)).toEqual(["Track my parcel"]);
  });

  it("walks an index for every sort and filter combination", () => {
    const plans: string[] = [];
    for (const sort of ["trending", "top", "new", "active"]) {
      for (const filter of [{}, { status: "open" }, { category: String(billing) }, { status: "open", category: String(billing) }] as Record<string, string>[]) {
        const q = query({ sort, ...filter });
        const conditions = [q.status ? `status = '${q.status}'` : null, q.category ? `category_id = ${q.category}` : null].filter(Boolean);
        const column = { trending: "trending_score", top: "vote_count", new: "created_at", active: "last_activity_at" }[sort];
        const plan = sqlite
          .prepare(`explain query plan select id from ideas ${conditions.length ? `where ${conditions.join(" and ")}` : ""} order by ${column} desc, id desc limit 21`)
          .all() as Array<{ detail: string }>;
        plans.push(plan.map((step) => step.detail).join(" | "));
      }
    }
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX ideas_/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});
