import { beforeAll, describe, expect, it } from "vitest";
import { action as newAction, loader as newLoader } from "~/routes/ideas.new";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$id._index";
import { action as editAction, loader as editLoader } from "~/routes/ideas.$id.edit";
import { getIdea } from "~/domain/ideas.server";
import { db } from "~/lib/db.server";
import { ideas } from "#db/schema";
import { eq } from "drizzle-orm";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

type Reply = { status: string; error: Record<string, string[]>; initialValue: Record<string, string> };

describe("posting an idea", () => {
  it("is for signed-in people: a visitor is sent to log in and back", async () => {
    const response = (await call(() => newLoader(args(makeRequest("/ideas/new"))))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fideas%2Fnew");
    const post = (await call(() => newAction(args(makeRequest("/ideas/new", { form: { title: "Sneaky idea", body: "x" } }))))) as Response;
    expect(post.headers.get("Location")).toMatch(/^\/login/);
  });

  it("stores safe HTML and redirects to the idea's canonical URL", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    const body = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Bold", marks: [{ type: "bold" }] }, { type: "text", text: "<img src=x onerror=alert(1)>" }] }],
    });
    const response = (await call(() => newAction(args(makeRequest("/ideas/new", { cookie, form: { title: "  Pago más rápido  ", body } }))))) as Response;
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/ideas\/\d+-pago-mas-rapido$/);
    const idea = getIdea(Number(location.split("/")[2]!.split("-")[0]), null)!;
    expect(idea.title).toBe("Pago más rápido");
    expect(idea.bodyHtml).toBe("<p><strong>Bold</strong>&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("returns translated-key errors for every bad field and keeps what was typed", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    const tooShort = (await newAction(args(makeRequest("/ideas/new", { cookie, form: { title: "Hi", body: "Keep me" } })))) as unknown as { data: Reply };
    expect(tooShort.data.error.title).toEqual(["errors.field.tooShort:4"]);
    expect(tooShort.data.initialValue).toMatchObject({ title: "Hi", body: "Keep me" });

    const tooLong = (await newAction(
      args(makeRequest("/ideas/new", { cookie, form: { title: "x".repeat(121), body: "y".repeat(20_001), categoryId: "999" } })),
    )) as unknown as { data: Reply };
    expect(tooLong.data.error.title).toEqual(["errors.field.tooLong:120"]);

    const badBody = (await newAction(
      args(makeRequest("/ideas/new", { cookie, form: { title: "A fine title", body: "y".repeat(20_001), categoryId: "999" } })),
    )) as unknown as { data: Reply };
    expect(badBody.data.error.body).toEqual(["errors.richText.tooLong"]);
    expect(badBody.data.error.categoryId).toEqual(["errors.idea.categoryUnavailable"]);
    expect(badBody.data.initialValue.title).toBe("A fine title");
  });
});

describe("the idea page", () => {
  it("redirects a wrong or missing slug to the canonical URL, and 404s a missing idea", async () => {
    const idea = makeIdea((await makePerson()).id, "Entrega en sábado");
    for (const path of [`/ideas/${idea.id}`, `/ideas/${idea.id}-old-title`]) {
      const response = (await call(() => ideaLoader(args(makeRequest(`${path}?from=mail`), { id: path.split("/")[2]! })))) as Response;
      expect(response.status).toBe(301);
      expect(response.headers.get("Location")).toBe(`/ideas/${idea.id}-entrega-en-sabado?from=mail`);
    }
    const ok = await ideaLoader(args(makeRequest(`/ideas/${idea.id}-entrega-en-sabado`), { id: `${idea.id}-entrega-en-sabado` }));
    expect(ok).toMatchObject({ idea: { title: "Entrega en sábado" }, canEdit: false, canDelete: false });
    expect((ok as { idea: Record<string, unknown> }).idea.bodyJson).toBeUndefined();
    for (const id of ["999999-nothing", "abc"]) {
      expect(((await call(() => ideaLoader(args(makeRequest(`/ideas/${id}`), { id })))) as Response).status).toBe(404);
    }
  });

  it("lets only the author edit, and marks the edit", async () => {
    const author = await makePerson();
    const idea = makeIdea(author.id, "Original title");
    const other = await sessionCookieFor((await makePerson()).id);
    const form = { title: "Better title", body: "Better body" };
    expect(((await call(() => editLoader(args(makeRequest(`/ideas/${idea.id}/edit`, { cookie: other }), { id: String(idea.id) })))) as Response).status).toBe(403);
    expect(((await call(() => editAction(args(makeRequest(`/ideas/${idea.id}/edit`, { cookie: other, form }), { id: String(idea.id) })))) as Response).status).toBe(403);
    expect(getIdea(idea.id, null)?.title).toBe("Original title");

    const mine = await sessionCookieFor(author.id);
    const response = (await call(() => editAction(args(makeRequest(`/ideas/${idea.id}/edit`, { cookie: mine, form }), { id: String(idea.id) })))) as Response;
    expect(response.headers.get("Location")).toBe(`/ideas/${idea.id}-better-title`);
    expect(getIdea(idea.id, null)).toMatchObject({ title: "Better title", bodyHtml: "<p>Better body</p>" });
    expect(getIdea(idea.id, null)?.editedAt).toBeInstanceOf(Date);
  });

  it("lets the author delete until the team has answered, and nobody else", async () => {
    const author = await makePerson();
    const mine = await sessionCookieFor(author.id);
    const other = await sessionCookieFor((await makePerson("staff")).id);
    const idea = makeIdea(author.id, "Withdraw me");
    const del = (cookie: string, id: number) => call(() => ideaAction(args(makeRequest(`/ideas/${id}`, { cookie, form: { intent: "delete" } }), { id: String(id) })));

    expect(((await del(other, idea.id)) as Response).status).toBe(403);
    expect(((await del(mine, idea.id)) as Response).headers.get("Location")).toBe("/?deleted=1");
    expect(getIdea(idea.id, null)).toBeNull();

    const answered = makeIdea(author.id, "Already answered");
    db.update(ideas).set({ firstResponseAt: new Date() }).where(eq(ideas.id, answered.id)).run();
    expect(await del(mine, answered.id)).toMatchObject({ error: "errors.idea.answeredCannotDelete" });
    expect(getIdea(answered.id, null)).not.toBeNull();
  });
});
