import { beforeAll, describe, expect, it } from "vitest";
import { categories, ideas, users, votes } from "#db/tables";
import { exportComments, exportIdeas, exportVotes } from "~/domain/exports.server";
import { transaction } from "~/lib/db.server";
import { markSafeHtml } from "~/lib/safe-html";

// The exports read a batch at a time after the last row of the batch before: rows that share a
// timestamp across a batch's edge must each come out once, in order, with their names.
const at = new Date("2026-03-10T10:00:00Z");
const range = { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-04-01T00:00:00Z") };
const PEOPLE = 50;
const IDEAS = 45; // 2,250 votes, more than a batch, all cast in the same millisecond
const IN_CATEGORY = 41; // the first 41 ideas: 2,050 votes, still more than a batch
let categoryId = 0;

beforeAll(() =>
  transaction(async (tx) => {
    for (let person = 0; person < PEOPLE; person++) {
      await tx.insert(users).values({ id: `voter-${String(person).padStart(2, "0")}`, email: `voter${person}@exports.example`, displayName: `Voter ${person}`, passwordHash: "x", company: person % 2 ? "Acme" : null });
    }
    [{ id: categoryId }] = (await tx.insert(categories).values({ name: "Payments", colour: "#112233" }).returning({ id: categories.id })) as [{ id: number }];
    for (let idea = 0; idea < IDEAS; idea++) {
      await tx.insert(ideas).values({ id: idea + 1, categoryId: idea < IN_CATEGORY ? categoryId : null, title: `Idea ${idea + 1}`, bodyJson: "{}", bodyHtml: markSafeHtml("<p></p>"), bodyText: "", authorId: "voter-00", createdAt: at, lastActivityAt: at });
    }
    const rows = [];
    for (let idea = 1; idea <= IDEAS; idea++) for (let person = 0; person < PEOPLE; person++) rows.push({ ideaId: idea, userId: `voter-${String(person).padStart(2, "0")}`, createdAt: at });
    for (let start = 0; start < rows.length; start += 500) await tx.insert(votes).values(rows.slice(start, start + 500));
  }),
);

async function all<T>(batches: AsyncIterable<T[]>) {
  const rows: T[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

describe("exports", () => {
  it("give every vote once across batches, in (time, idea, person) order, with the idea's title and the person's name and company", async () => {
    const rows = await all(exportVotes(range, {}));
    expect(rows).toHaveLength(IDEAS * PEOPLE);
    const keys = rows.map((row) => `${String(row.ideaId).padStart(3, "0")}|${row.userId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());
    expect(rows[PEOPLE + 1]).toEqual({ ideaId: 2, idea: "Idea 2", userId: "voter-01", person: "Voter 1", company: "Acme", createdAt: at });
  });

  it("give every idea once, with its author", async () => {
    const rows = await all(exportIdeas(range, {}));
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: IDEAS }, (_, index) => index + 1));
    expect(rows[0]).toMatchObject({ title: "Idea 1", author: "Voter 0", company: null, category: "Payments", challenge: null, firstResponder: null });
  });

  it("keep to the ideas of the filters, across batches too", async () => {
    const inCategory = await all(exportVotes(range, { categoryId }));
    expect(inCategory).toHaveLength(IN_CATEGORY * PEOPLE);
    expect(new Set(inCategory.map((row) => `${row.ideaId}|${row.userId}`)).size).toBe(IN_CATEGORY * PEOPLE);
    expect(Math.max(...inCategory.map((row) => row.ideaId))).toBe(IN_CATEGORY);
    expect((await all(exportIdeas(range, { categoryId }))).map((row) => row.category)).toEqual(Array.from({ length: IN_CATEGORY }, () => "Payments"));
    expect(await all(exportVotes(range, { categoryId, challengeId: 999 }))).toEqual([]);
    expect(await all(exportComments(range, { challengeId: 999 }))).toEqual([]);
  });
});
