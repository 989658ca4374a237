import { beforeAll, describe, expect, it } from "vitest";
import { hideReported, reportContent, setBlocked } from "~/domain/moderation.server";
import { loader } from "~/routes/ideas.$id.mentions";
import { comment } from "#tests/support/comments";
import { accepted, answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

let ideaId = 0;
let hiddenId = 0;
let author: Awaited<ReturnType<typeof makePerson>>;
let staff: Awaited<ReturnType<typeof makePerson>>;

beforeAll(async () => {
  await ensureSite();
  author = await makePerson("customer", { email: "marta.author@example.com", displayName: "Marta Author" });
  staff = await makePerson("staff", { email: "sergio.staff@example.com", displayName: "Sergio Staff" });
  ideaId = (await makeIdea(author.id, "Mention someone")).id;
  await comment(ideaId, staff, "Hello");
  hiddenId = (await makeIdea(author.id, "Hidden from mentions")).id;
  const report = accepted(await reportContent({ reporterId: staff.id, ideaId: hiddenId, commentId: null, reason: "Spam" }));
  accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Spam" }));
});

async function ask(id: number | string, cookie?: string, q = "") {
  return call(() => loader(args(makeRequest(`/ideas/${id}/mentions?q=${encodeURIComponent(q)}`, { cookie }), { id: String(id) })));
}

describe("GET /ideas/:id/mentions", () => {
  it("offers the team first, then those taking part: names and titles, no addresses, not cached for others", async () => {
    const customer = await makePerson();
    const response = (await ask(ideaId, await sessionCookieFor(customer.id))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await response.json()) as { people: Array<{ id: string; displayName: string; team: boolean }> };
    // The site's first admin (ensureSite) is on the team too.
    expect(body.people.map((person) => [person.displayName, person.team])).toEqual([
      ["First Admin", true],
      ["Sergio Staff", true],
      ["Marta Author", false],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/@example\.com|email/);
    const typed = (await ((await ask(ideaId, await sessionCookieFor(customer.id), "MAR")) as Response).json()) as typeof body;
    expect(typed.people.map((person) => person.displayName)).toEqual(["Marta Author"]);
  });

  it("sends a visitor to log in, and refuses a blocked or unconfirmed person", async () => {
    const visitor = answerOf(await ask(ideaId));
    expect(visitor.status).toBe(302);
    expect(((await ask(ideaId)) as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const blocked = await makePerson();
    accepted(await setBlocked({ personId: blocked.id, adminId: staff.id, reason: "Spam" }));
    expect(answerOf(await ask(ideaId, await sessionCookieFor(blocked.id))).status).toBe(403);
    const unconfirmed = await makePerson("customer", { verified: false });
    expect(answerOf(await ask(ideaId, await sessionCookieFor(unconfirmed.id))).status).toBe(403);
  });

  it("answers 404 for an idea that is not there, not an id, or hidden (but to staff)", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    expect(answerOf(await ask(999_999, cookie)).status).toBe(404);
    expect(answerOf(await ask("not-an-id", cookie)).status).toBe(404);
    expect(answerOf(await ask(hiddenId, cookie)).status).toBe(404);
    expect(answerOf(await ask(hiddenId, await sessionCookieFor(author.id))).status).toBe(404);
    expect(answerOf(await ask(hiddenId, await sessionCookieFor(staff.id))).status).toBe(200);
  });
});
