import { beforeAll, describe, expect, it } from "vitest";
import { getIdea } from "~/domain/ideas.server";
import { action as triageAction, loader as triageLoader } from "~/routes/admin.triage";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

let staffId = "";
let cookie = "";
beforeAll(async () => {
  await ensureSite();
  staffId = (await makePerson("staff")).id;
  cookie = await sessionCookieFor(staffId);
});

const bulk = async (form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  const request = new Request("http://tertulia.test/admin/triage", { method: "POST", headers: { Cookie: cookie, Origin: "http://tertulia.test" }, body });
  return answerOf(await call(() => triageAction(args(request))));
};

describe("the triage inbox", () => {
  it("lists the ideas waiting for a first answer, and assigns and moves many at once", async () => {
    const author = await makePerson();
    const ideas = [await makeIdea(author.id, "Waiting one"), await makeIdea(author.id, "Waiting two")];
    const page = await triageLoader(args(makeRequest("/admin/triage", { cookie })));
    expect(page.ideas.map((idea) => idea.id)).toEqual(expect.arrayContaining(ideas.map((idea) => idea.id)));
    expect(await bulk({ ids: ideas.map((idea) => String(idea.id)), assigneeId: staffId, status: "under_review" })).toEqual({ status: 200, body: { done: 2 } });
    for (const idea of ideas) expect(await getIdea(idea.id, null)).toMatchObject({ status: "under_review", assigneeId: staffId });
  });

  it("asks for a signed note before Adopted or Declined, and for a selection", async () => {
    const idea = await makeIdea((await makePerson()).id, "Not like this");
    expect(await bulk({ ids: [String(idea.id)], status: "declined" })).toEqual({ status: 400, body: { error: "errors.triage.noteNeeded" } });
    expect(await bulk({ status: "planned" })).toEqual({ status: 400, body: { error: "errors.triage.noneSelected" } });
    expect(await bulk({ ids: [String(idea.id)], categoryId: "999999" })).toEqual({ status: 400, body: { error: "errors.idea.categoryUnavailable" } });
    expect((await bulk({ ids: ["999999"], status: "planned" })).status).toBe(404);
    expect((await getIdea(idea.id, null))?.status).toBe("open");
  });
});
