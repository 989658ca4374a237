import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ideas } from "#db/schema";
import { listIdeas } from "~/domain/ideas.server";
import { findSimilarIdeas, toFtsQuery } from "~/domain/search.server";
import { transaction } from "~/lib/db.server";
import { ensureSite } from "#tests/support/fixtures";
import { query, seedIdeaList } from "#tests/support/idea-list";
import { makeIdea } from "#tests/support/ideas";

let authorId = "";
beforeAll(async () => {
  await ensureSite();
  ({ authorId } = await seedIdeaList());
});

const titles = async (q: string) => (await listIdeas(query({ q }), null)).ideas.map((idea) => idea.title);

describe("search", () => {
  it("ignores accents and case, both ways", async () => {
    expect(await titles("adopcion")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("ADOPCIÓN")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("cafe")).toEqual(["Café gratis para clientes fieles"]);
    expect(await titles("delivery")).toEqual(["Track my parcel"]);
  });

  it("matches word prefixes and needs every word", async () => {
    expect(await titles("check")).toEqual(["Faster checkout"]);
    expect(await titles("checkout returning")).toEqual(["Faster checkout"]);
    expect(await titles("checkout tarjeta")).toEqual([]);
  });

  it("never passes FTS syntax through", async () => {
    expect(toFtsQuery('pago" OR "x* NEAR(')).toBe('"pago"* "OR"* "x"* "NEAR"*');
    expect(toFtsQuery("  ¿?¡! ")).toBeNull();
    expect(await titles('"*^ OR')).toEqual([]);
  });

  it("finds similar ideas for a title being typed, best match first", async () => {
    expect((await findSimilarIdeas("checkout más rápido")).map((idea) => idea.title)).toEqual(["Faster checkout"]);
    expect((await findSimilarIdeas("tarjeta pagos"))[0]).toMatchObject({ title: "Adopción de pagos con tarjeta", voteCount: 1, status: "open" });
  });

  it("keeps the index in step with edits and deletions", async () => {
    const idea = await makeIdea(authorId, "Temporary wording", { body: "Some details" });
    expect(await titles("temporary")).toHaveLength(1);
    await transaction(async (tx) => {
      await tx.update(ideas).set({ title: "Permanent wording" }).where(eq(ideas.id, idea.id));
    });
    expect(await titles("temporary")).toHaveLength(0);
    expect(await titles("permanent")).toHaveLength(1);
    await transaction(async (tx) => {
      await tx.delete(ideas).where(eq(ideas.id, idea.id));
    });
    expect(await titles("permanent")).toHaveLength(0);
  });
});
