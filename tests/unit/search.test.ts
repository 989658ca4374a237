import { and, desc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseEngine } from "#db/engine";
import { ideas } from "#db/tables";
import { deleteIdea, listIdeas, updateIdea } from "~/domain/ideas.server";
import { hideReported, reportContent } from "~/domain/moderation.server";
import { computeMissingSearchTerms, findSimilarIdeas, ideaMatches } from "~/domain/search.server";
import { listCondition } from "~/domain/search-sqlite.server";
import { queryWords } from "~/domain/search-terms.server";
import { db } from "~/lib/db.server";
import { exec } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { query, seedIdeaList } from "#tests/support/idea-list";
import { makeIdea, plainBody } from "#tests/support/ideas";

let authorId = "";
beforeAll(async () => {
  await ensureSite();
  ({ authorId } = await seedIdeaList());
});

const titles = async (q: string) => (await listIdeas(query({ q }), null)).ideas.map((idea) => idea.title);
const similar = async (title: string) => (await findSimilarIdeas(title)).map((idea) => idea.title);

describe("search", () => {
  it("ignores accents and case, both ways", async () => {
    expect(await titles("adopcion")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("ADOPCIÓN")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("cafe")).toEqual(["Café gratis para clientes fieles"]);
    expect(await titles("delivery")).toEqual(["Track my parcel"]);
  });

  it("finds other forms of a word, in Spanish and in English", async () => {
    expect(await titles("pago")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("tarjetas")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("entregas")).toEqual(["Entrega en el mismo día"]);
    expect(await titles("parcels")).toEqual(["Track my parcel"]);
    expect(await titles("tracking")).toEqual(["Track my parcel"]);
  });

  it("matches the last word as a prefix, and needs every word", async () => {
    expect(await titles("check")).toEqual(["Faster checkout"]);
    expect(await titles("checkout returning")).toEqual(["Faster checkout"]);
    expect(await titles("checkout tarjeta")).toEqual([]);
    // Only the word being typed is a beginning: "check" is a whole word before another.
    expect(await titles("check faster")).toEqual([]);
  });

  it("ignores stop words, and finds nothing for stop words alone", async () => {
    expect(await titles("the checkout")).toEqual(["Faster checkout"]);
    expect(await titles("pagos con tarjeta")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await ideaMatches("con de the")).toBeNull();
    expect(await titles("de")).toEqual([]);
  });

  it("never passes search syntax through", async () => {
    expect(await titles('"*^ OR')).toEqual([]);
    expect(await titles('pago" OR "x* NEAR(')).toEqual([]);
    expect(await titles("{search_title}: pago")).toEqual([]);
    expect(await titles("pago* AND (tarjeta)")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await titles("pago:* | café")).toEqual([]);
  });

  it("keeps the index in step with edits and deletions", async () => {
    const idea = await makeIdea(authorId, "Temporary wording", { body: "Some details" });
    expect(await titles("temporary")).toHaveLength(1);
    accepted(await updateIdea({ ideaId: idea.id, editorId: authorId, title: "Permanent wording", body: plainBody("Other details"), categoryId: null }));
    expect(await titles("temporary")).toHaveLength(0);
    expect(await titles("permanent")).toHaveLength(1);
    accepted(await deleteIdea({ ideaId: idea.id, userId: authorId }));
    expect(await titles("permanent")).toHaveLength(0);
  });

  it("gives ideas without search terms theirs (written before search had them)", async () => {
    const idea = await makeIdea(authorId, "Recibos por correo", { body: "Sin papel" });
    await exec(sql`update ideas set search_title = null, search_body = null where id = ${idea.id}`);
    expect(await titles("recibos")).toEqual([]);
    expect(await computeMissingSearchTerms()).toBe(1);
    expect(await titles("recibos")).toEqual(["Recibos por correo"]);
    expect(await computeMissingSearchTerms()).toBe(0);
    accepted(await deleteIdea({ ideaId: idea.id, userId: authorId }));
  });
});

describe.runIf(databaseEngine() === "sqlite")("the list's search on SQLite", () => {
  it("walks the list's index when the matches are many, with the same pages as looking them up", async () => {
    const words = queryWords("pago");
    const page = async (manyMatches: number) =>
      (
        await db
          .select({ id: ideas.id })
          .from(ideas)
          .where(and(await listCondition(words, manyMatches)))
          .orderBy(desc(ideas.trendingScore), desc(ideas.id))
      ).map((row) => row.id);
    const lookedUp = await page(1000);
    expect(lookedUp).toHaveLength(1);
    expect(await page(0)).toEqual(lookedUp);
  });
});

describe("similar ideas", () => {
  it("finds ideas like the title being typed, best first, in either language", async () => {
    expect(await similar("checkout más rápido")).toEqual(["Faster checkout"]);
    expect(await similar("Tarjetas y pagos")).toEqual(["Adopción de pagos con tarjeta"]);
    expect(await similar("Track my deliveries")).toEqual(["Track my parcel"]);
    expect((await findSimilarIdeas("tarjeta pagos"))[0]).toMatchObject({ title: "Adopción de pagos con tarjeta", voteCount: 1, status: "open" });
  });

  it("ranks an idea holding the words in its title above one holding them in its text", async () => {
    const inText = await makeIdea(authorId, "Una sola página", { body: "Recordar la dirección de envío" });
    const inTitle = await makeIdea(authorId, "Recordar la dirección", { body: "Para no escribirla" });
    expect(await similar("recordar dirección")).toEqual(["Recordar la dirección", "Una sola página"]);
    for (const idea of [inText, inTitle]) accepted(await deleteIdea({ ideaId: idea.id, userId: authorId }));
  });

  it("leaves out ideas that share only a stop word, or a common word, with the title", async () => {
    expect(await similar("con")).toEqual([]);
    expect(await similar("de la the")).toEqual([]);
    // "entrega" is in one idea; "rápida" and "gratis" are rare, so an idea holding "entrega" alone holds a third of the title.
    expect(await similar("entrega rápida y gratis")).toEqual([]);
    expect(await similar("café para todos")).toEqual(["Café gratis para clientes fieles"]);
  });

  it("never suggests a hidden idea", async () => {
    const [staff, reporter] = [await makePerson("staff"), await makePerson()];
    const idea = await makeIdea(authorId, "Bizum en la caja");
    expect(await similar("bizum")).toEqual(["Bizum en la caja"]);
    const report = accepted(await reportContent({ reporterId: reporter.id, ideaId: idea.id, commentId: null, reason: "Spam" }));
    accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Spam" }));
    expect(await similar("bizum")).toEqual([]);
  });
});
