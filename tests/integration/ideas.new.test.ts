import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getIdea, listIdeas } from "~/domain/ideas.server";
import { setClock } from "~/lib/clock.server";
import { action as newAction, loader as newLoader } from "~/routes/ideas.new";
import { makeChallenge } from "#tests/support/challenges";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

type Reply = { status: string; error: Record<string, string[]>; initialValue: Record<string, string> };
type DataResult<T> = { data: T; init: { status: number } | null };

const DAY = 24 * 3600_000;
const START = new Date("2032-05-04T08:00:00.000Z");
let staffId = "";

beforeAll(async () => {
  await ensureSite();
  staffId = (await makePerson("staff")).id;
});
afterEach(() => setClock(null));

const post = (cookie: string | undefined, form: Record<string, string>) => newAction(args(makeRequest("/ideas/new", { cookie, form })));

describe("posting an idea", () => {
  it("is for signed-in people: a visitor is sent to log in and back", async () => {
    const response = (await call(() => newLoader(args(makeRequest("/ideas/new"))))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fideas%2Fnew");
    const posted = (await call(() => post(undefined, { title: "Sneaky idea", body: "x" }))) as Response;
    expect(posted.headers.get("Location")).toMatch(/^\/login/);
  });

  it("stores safe HTML and redirects to the idea's canonical URL", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    const body = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Bold", marks: [{ type: "bold" }] }, { type: "text", text: "<img src=x onerror=alert(1)>" }] }],
    });
    const response = (await call(() => post(cookie, { title: "  Pago más rápido  ", body }))) as Response;
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/ideas\/\d+-pago-mas-rapido$/);
    const idea = (await getIdea(Number(location.split("/")[2]!.split("-")[0]), null))!;
    expect(idea.title).toBe("Pago más rápido");
    expect(idea.bodyHtml).toBe("<p><strong>Bold</strong>&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("returns translated-key errors for every bad field and keeps what was typed", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    const tooShort = (await post(cookie, { title: "Hi", body: "Keep me" })) as unknown as { data: Reply };
    expect(tooShort.data.error.title).toEqual(["errors.field.tooShort:4"]);
    expect(tooShort.data.initialValue).toMatchObject({ title: "Hi", body: "Keep me" });

    const tooLong = (await post(cookie, { title: "x".repeat(121), body: "y".repeat(20_001), categoryId: "999" })) as unknown as { data: Reply };
    expect(tooLong.data.error.title).toEqual(["errors.field.tooLong:120"]);

    const badBody = (await post(cookie, { title: "A fine title", body: "y".repeat(20_001), categoryId: "999" })) as unknown as { data: Reply };
    expect(badBody.data.error.body).toEqual(["errors.richText.tooLong"]);
    expect(badBody.data.error.categoryId).toEqual(["errors.idea.categoryUnavailable"]);
    expect(badBody.data.initialValue.title).toBe("A fine title");
  });
});

describe("submitting an idea to a challenge", () => {
  it("offers the challenge on the form only while it takes ideas", async () => {
    const challenge = await makeChallenge(staffId, START);
    const cookie = await sessionCookieFor((await makePerson()).id);
    const url = `/ideas/new?challenge=${challenge.slug}`;
    setClock(new Date(START.getTime() + DAY));
    expect(await newLoader(args(makeRequest(url, { cookie })))).toMatchObject({ challenge: { id: challenge.id }, challengeClosed: false });
    setClock(new Date(START.getTime() + 8 * DAY));
    expect(await newLoader(args(makeRequest(url, { cookie })))).toMatchObject({ challenge: null, challengeClosed: true });
  });

  it("refuses an idea once the window has closed, keeping every word typed", async () => {
    const challenge = await makeChallenge(staffId, START);
    const cookie = await sessionCookieFor((await makePerson()).id);
    setClock(new Date(START.getTime() + 7 * DAY));
    const form = { title: "Pay with one tap", body: "Save my card, please.", challengeId: String(challenge.id) };
    const result = (await post(cookie, form)) as unknown as DataResult<Reply>;
    expect(result.init?.status).toBe(409);
    expect(result.data.error[""]).toEqual(["errors.challenge.notOpenForIdeas"]);
    expect(result.data.initialValue).toMatchObject(form);
  });

  it("files an idea under the challenge, and the main list tags it", async () => {
    const challenge = await makeChallenge(staffId, START);
    const author = await makePerson();
    const cookie = await sessionCookieFor(author.id);
    setClock(new Date(START.getTime() + DAY));
    const form = { title: "Express lane for small baskets", body: "Ten items or fewer.", challengeId: String(challenge.id) };
    const response = (await call(() => post(cookie, form))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/ideas\/\d+-express-lane-for-small-baskets$/);
    const listed = (await listIdeas({ sort: "new" }, author.id)).ideas.find((idea) => idea.title === form.title)!;
    expect(listed).toMatchObject({ voteCount: 0, voted: false, challenge: { slug: challenge.slug, title: challenge.title, votingOpen: false } });
  });
});
