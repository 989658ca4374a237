import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ideas } from "#db/tables";
import { listIdeas } from "~/domain/ideas.server";
import { setVote } from "~/domain/votes.server";
import { driver, transaction } from "~/lib/db.server";
import { rows } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { query, seedIdeaList } from "#tests/support/idea-list";
import { makeIdea } from "#tests/support/ideas";

let authorId = "";
let billing = 0;
let delivery = 0;
beforeAll(async () => {
  await ensureSite();
  ({ authorId, billing, delivery } = await seedIdeaList());
});

const titlesOf = (page: { ideas: Array<{ title: string }> }) => page.ideas.map((idea) => idea.title);

describe("the ideas list", () => {
  it("sorts newest first and by votes", async () => {
    const entrega = (await listIdeas(query({ q: "entrega" }), null)).ideas[0]!;
    for (const voter of [await makePerson(), await makePerson()]) accepted(await setVote(entrega.id, voter.id, true));
    expect((await listIdeas(query({ sort: "new" }), null)).ideas[0]!.title).toBe("Café gratis para clientes fieles");
    expect((await listIdeas(query({ sort: "top" }), null)).ideas[0]!.title).toBe("Entrega en el mismo día");
  });

  it("filters by category and status, together with search", async () => {
    expect(titlesOf(await listIdeas(query({ category: billing, sort: "new" }), null))).toEqual(["Faster checkout", "Adopción de pagos con tarjeta"]);
    expect(titlesOf(await listIdeas(query({ category: delivery, q: "map" }), null))).toEqual(["Track my parcel"]);
    expect((await listIdeas(query({ status: "planned" }), null)).ideas).toEqual([]);
  });

  it("pages with a cursor that does not shift when new ideas arrive", async () => {
    const first = await listIdeas(query({ sort: "new" }), null, 2);
    expect(titlesOf(first)).toEqual(["Café gratis para clientes fieles", "Track my parcel"]);
    await makeIdea(authorId, "A brand new idea posted meanwhile");
    const second = await listIdeas(query({ sort: "new", after: first.nextCursor! }), null, 2);
    expect(titlesOf(second)).toEqual(["Entrega en el mismo día", "Faster checkout"]);
    const third = await listIdeas(query({ sort: "new", after: second.nextCursor! }), null, 2);
    expect(titlesOf(third)).toEqual(["Adopción de pagos con tarjeta"]);
    expect(third.nextCursor).toBeNull();
  });

  it("pages through ties in the sort value by id, for every sort", async () => {
    for (const sort of ["trending", "top", "new", "active"] as const) {
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await listIdeas(query({ sort, after }), null, 2);
        seen.push(...page.ideas.map((idea) => idea.id));
        after = page.nextCursor ?? undefined;
      } while (after);
      const all = (await listIdeas(query({ sort }), null, 100)).ideas.map((idea) => idea.id);
      expect(seen, sort).toEqual(all);
    }
  });

  it("shows each viewer their own votes in the same query", async () => {
    const viewer = await makePerson();
    const target = (await listIdeas(query({ q: "parcel" }), null)).ideas[0]!;
    accepted(await setVote(target.id, viewer.id, true));
    const page = (await listIdeas(query({}), viewer.id)).ideas;
    expect(page.filter((idea) => idea.voted).map((idea) => idea.title)).toEqual(["Track my parcel"]);
  });

  it("keeps hidden ideas out", async () => {
    const idea = await makeIdea((await makePerson()).id, "Spam spam spam");
    await transaction((tx) => tx.update(ideas).set({ hiddenAt: new Date() }).where(eq(ideas.id, idea.id)));
    expect((await listIdeas(query({ q: "spam" }), null)).ideas).toEqual([]);
  });

  // SQLite's query planner (EXPLAIN QUERY PLAN); PostgreSQL's plans depend on its statistics.
  it.skipIf(driver.engine !== "sqlite")("walks an index for every sort and filter combination", async () => {
    for (const sort of ["trending", "top", "new", "active"]) {
      for (const filter of [{}, { status: "open" }, { category: billing }, { status: "open", category: billing }] as Array<{ status?: string; category?: number }>) {
        const conditions = [filter.status ? `status = '${filter.status}'` : null, filter.category ? `category_id = ${filter.category}` : null].filter(Boolean);
        const column = { trending: "trending_score", top: "vote_count", new: "created_at", active: "last_activity_at" }[sort];
        const plan = await rows<{ detail: string }>(
          sql.raw(`explain query plan select id from ideas ${conditions.length ? `where ${conditions.join(" and ")}` : ""} order by ${column} desc, id desc limit 21`),
        );
        const steps = plan.map((step) => step.detail).join(" | ");
        expect(steps).toMatch(/USING (COVERING )?INDEX ideas_/);
        expect(steps).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
