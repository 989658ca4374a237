import { beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/tables";
import { setBlocked } from "~/domain/moderation.server";
import { listPeople, personForStaff, PEOPLE_PAGE_SIZE } from "~/domain/people-directory.server";
import { setVote } from "~/domain/votes.server";
import { transaction } from "~/lib/db.server";
import { eq } from "drizzle-orm";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("the people directory", () => {
  it("finds people by part of their name, email or company, in any case, wildcards taken literally", async () => {
    const ana = await makePerson("customer", { displayName: "Ana Directory", email: "ana.dir@acme.test" });
    await transaction(async (tx) => {
      await tx.update(users).set({ company: "Acme 100% Foods" }).where(eq(users.id, ana.id));
    });
    for (const q of ["directory", "ANA.DIR@", "100% foods"]) expect((await listPeople({ q })).people.map((person) => person.id), q).toEqual([ana.id]);
    expect((await listPeople({ q: "_irectory" })).people).toEqual([]);
  });

  it("filters by role and by blocked, and counts what each person did", async () => {
    const admin = await makePerson("admin");
    const author = await makePerson("customer", { displayName: "Zed Counted" });
    const idea = await makeIdea(author.id, "Counted idea");
    accepted(await setVote(idea.id, author.id, true));
    accepted(await setBlocked({ personId: author.id, adminId: admin.id, reason: "spam spam" }));
    const blocked = await listPeople({ status: "blocked" });
    expect(blocked.people.map((person) => person.id)).toEqual([author.id]);
    expect(blocked.people[0]).toMatchObject({ ideaCount: 1, commentCount: 0, voteCount: 1 });
    expect((await listPeople({ role: "admin" })).people.every((person) => person.role === "admin")).toBe(true);
    expect((await personForStaff(author.id))?.latestIdeas.map((row) => row.title)).toEqual(["Counted idea"]);
    expect(await personForStaff("nobody")).toBeNull();
  });

  it("filters those who have not confirmed their email address", async () => {
    const waiting = await makePerson("customer", { displayName: "Una Unconfirmed", verified: false });
    const confirmed = await makePerson("customer", { displayName: "Una Confirmed" });
    const unverified = await listPeople({ q: "una ", status: "unverified" });
    expect(unverified.people.map((person) => person.id)).toEqual([waiting.id]);
    expect((await listPeople({ q: "una " })).people.map((person) => person.id).sort()).toEqual([confirmed.id, waiting.id].sort());
    expect((await personForStaff(waiting.id))?.person.emailVerifiedAt).toBeNull();
  });

  it("pages by name without losing or repeating anyone", async () => {
    for (let index = 0; index < PEOPLE_PAGE_SIZE + 5; index += 1) await makePerson("customer", { displayName: "Paged Person" });
    const first = await listPeople({ q: "paged person" });
    expect(first.people).toHaveLength(PEOPLE_PAGE_SIZE);
    const second = await listPeople({ q: "paged person", after: first.next! });
    expect(second.next).toBeNull();
    const ids = [...first.people, ...second.people].map((person) => person.id);
    expect(new Set(ids).size).toBe(PEOPLE_PAGE_SIZE + 5);
  });

});
