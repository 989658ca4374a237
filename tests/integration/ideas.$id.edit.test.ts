import { beforeAll, describe, expect, it } from "vitest";
import { getIdea } from "~/domain/ideas.server";
import { action as editAction, loader as editLoader } from "~/routes/ideas.$id.edit";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("editing an idea", () => {
  it("lets only the author edit, and marks the edit", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Original title");
    const other = await sessionCookieFor((await makePerson()).id);
    const form = { title: "Better title", body: "Better body" };
    const request = (cookie: string, withForm: boolean) => makeRequest(`/ideas/${idea.id}/edit`, { cookie, form: withForm ? form : undefined });
    expect(((await call(() => editLoader(args(request(other, false), { id: String(idea.id) })))) as Response).status).toBe(403);
    expect(((await call(() => editAction(args(request(other, true), { id: String(idea.id) })))) as Response).status).toBe(403);
    expect((await getIdea(idea.id, null))?.title).toBe("Original title");

    const mine = await sessionCookieFor(author.id);
    const response = (await call(() => editAction(args(request(mine, true), { id: String(idea.id) })))) as Response;
    expect(response.headers.get("Location")).toBe(`/ideas/${idea.id}-better-title`);
    expect(await getIdea(idea.id, null)).toMatchObject({ title: "Better title", bodyHtml: "<p>Better body</p>" });
    expect((await getIdea(idea.id, null))?.editedAt).toBeInstanceOf(Date);
  });

  it("answers 404 for an idea that is not there", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    expect(((await call(() => editLoader(args(makeRequest("/ideas/999999/edit", { cookie }), { id: "999999" })))) as Response).status).toBe(404);
  });
});
