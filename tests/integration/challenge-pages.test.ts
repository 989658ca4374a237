import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createChallenge, getChallenge, setChallengePublished } from "~/domain/challenges.server";
import { createIdea, listIdeas } from "~/domain/ideas.server";
import { setClock } from "~/lib/clock.server";
import { action as manageAction, loader as manageLoader } from "~/routes/admin.challenges.$id";
import { action as createAction } from "~/routes/admin.challenges.new";
import { loader as challengeLoader } from "~/routes/challenges.$slug";
import { loader as challengesLoader } from "~/routes/challenges._index";
import { action as newIdeaAction, loader as newIdeaLoader } from "~/routes/ideas.new";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { plainBody } from "#tests/support/ideas";

type Reply = { status: string; error: Record<string, string[] | null>; initialValue: Record<string, string> };
type DataResult<T> = { data: T; init: { status: number } | null };

const DAY = 24 * 3600_000;
const START = new Date("2032-05-04T08:00:00.000Z");
let staffCookie = "";
let staffId = "";
let counter = 0;

beforeAll(async () => {
  await ensureSite();
  const staff = await makePerson("staff");
  staffId = staff.id;
  staffCookie = await sessionCookieFor(staff.id);
});
afterEach(() => setClock(null));

/** A published challenge taking ideas for a week from START, then voting for a week with a budget. */
function publishedChallenge(voteBudget: number | null = 1) {
  counter += 1;
  const challenge = createChallenge({
    slug: `page-challenge-${counter}`,
    title: `Page challenge ${counter}`,
    brief: plainBody("How could we make check-out faster?"),
    submissionOpensAt: START,
    submissionClosesAt: new Date(START.getTime() + 7 * DAY),
    votingOpensAt: new Date(START.getTime() + 7 * DAY),
    votingClosesAt: new Date(START.getTime() + 14 * DAY),
    voteBudget,
    staffId,
  });
  setChallengePublished({ id: challenge.id, published: true, staffId });
  return challenge;
}

const challengeForm = {
  intent: "save",
  title: "How could returns be painless?",
  slug: "",
  brief: "Tell us how returns should work.",
  submissionOpensAt: "2032-07-01T09:00",
  submissionClosesAt: "2032-07-15T18:00",
  votingOpensAt: "2032-07-16T09:00",
  votingClosesAt: "2032-07-23T18:00",
  voteBudget: "3",
  timeZone: "Europe/Madrid",
};

describe("staff creating a challenge", () => {
  it("reads the windows in the form's time zone and makes the address from the question", async () => {
    const response = (await call(() => createAction(args(makeRequest("/admin/challenges/new", { cookie: staffCookie, form: challengeForm }))))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/admin\/challenges\/\d+\?created=1$/);
    const challenge = getChallenge("how-could-returns-be-painless", { includeDrafts: true })!;
    // 09:00 in Madrid in July is 07:00 UTC (summer time).
    expect(challenge.submissionOpensAt.toISOString()).toBe("2032-07-01T07:00:00.000Z");
    expect(challenge.votingClosesAt.toISOString()).toBe("2032-07-23T16:00:00.000Z");
    expect(challenge).toMatchObject({ voteBudget: 3, publishedAt: null, briefHtml: "<p>Tell us how returns should work.</p>" });
  });

  it("refuses windows in the wrong order with a field error each, keeping what was typed", async () => {
    const form = { ...challengeForm, title: "Windows out of order", submissionClosesAt: "2032-06-30T09:00", votingOpensAt: "2032-06-29T09:00", votingClosesAt: "2032-06-28T09:00" };
    const result = (await createAction(args(makeRequest("/admin/challenges/new", { cookie: staffCookie, form })))) as unknown as DataResult<Reply>;
    expect(result.init?.status).toBe(400);
    expect(result.data.error).toMatchObject({
      submissionClosesAt: ["errors.challenge.submissionClosesBeforeOpens"],
      votingOpensAt: ["errors.challenge.votingBeforeSubmissionCloses"],
      votingClosesAt: ["errors.challenge.votingClosesBeforeOpens"],
    });
    expect(result.data.initialValue).toMatchObject({ title: "Windows out of order", brief: "Tell us how returns should work.", voteBudget: "3" });
  });

  it("refuses a taken address, a bad budget and a missing time", async () => {
    const taken = (await createAction(
      args(makeRequest("/admin/challenges/new", { cookie: staffCookie, form: { ...challengeForm, slug: "how-could-returns-be-painless" } })),
    )) as unknown as DataResult<Reply>;
    expect(taken.data.error.slug).toEqual(["errors.challenge.slugTaken"]);
    const bad = (await createAction(
      args(makeRequest("/admin/challenges/new", { cookie: staffCookie, form: { ...challengeForm, voteBudget: "0", votingOpensAt: "soon", slug: "Not A Slug!" } })),
    )) as unknown as DataResult<Reply>;
    expect(bad.data.error).toMatchObject({ voteBudget: ["errors.field.atLeast:1"], votingOpensAt: ["errors.challenge.dateTime"], slug: ["errors.challenge.slug"] });
  });
});

describe("the public challenge pages", () => {
  it("show drafts to staff only", async () => {
    counter += 1;
    const draft = createChallenge({
      slug: `draft-${counter}`,
      title: "A draft",
      brief: plainBody("Not yet"),
      submissionOpensAt: START,
      submissionClosesAt: new Date(START.getTime() + DAY),
      votingOpensAt: new Date(START.getTime() + DAY),
      votingClosesAt: new Date(START.getTime() + 2 * DAY),
      voteBudget: null,
      staffId,
    });
    const customerCookie = await sessionCookieFor((await makePerson()).id);
    const asVisitor = (await call(() => challengeLoader(args(makeRequest(`/challenges/${draft.slug}`), { slug: draft.slug })))) as Response;
    expect(asVisitor.status).toBe(404);
    const asCustomer = (await call(() => challengeLoader(args(makeRequest(`/challenges/${draft.slug}`, { cookie: customerCookie }), { slug: draft.slug })))) as Response;
    expect(asCustomer.status).toBe(404);
    const asStaff = (await challengeLoader(args(makeRequest(`/challenges/${draft.slug}`, { cookie: staffCookie }), { slug: draft.slug }))) as unknown as DataResult<{ phase: string }>;
    expect(asStaff.data.phase).toBe("draft");
    const list = await challengesLoader(args(makeRequest("/challenges")));
    expect(list.groups.flatMap((group) => group.challenges).some((challenge) => challenge.slug === draft.slug)).toBe(false);
  });

  it("give a visitor a shuffle of their own, kept in a cookie", async () => {
    const challenge = publishedChallenge();
    setClock(new Date(START.getTime() + DAY));
    const first = (await challengeLoader(args(makeRequest(`/challenges/${challenge.slug}`), { slug: challenge.slug }))) as unknown as DataResult<{ order: string }> & {
      init: { headers?: Record<string, string> };
    };
    expect(first.data.order).toBe("shuffled");
    expect(first.init.headers?.["Set-Cookie"]).toMatch(/^tertulia_shuffle=\d+; Path=\/challenges;/);
    const again = (await challengeLoader(
      args(makeRequest(`/challenges/${challenge.slug}`, { headers: { Cookie: first.init.headers!["Set-Cookie"]!.split(";")[0]! } }), { slug: challenge.slug }),
    )) as unknown as { init: { headers?: Record<string, string> } };
    expect(again.init.headers).toBeUndefined();
  });
});

describe("submitting an idea to a challenge", () => {
  it("offers the challenge on the form only while it takes ideas", async () => {
    const challenge = publishedChallenge();
    const cookie = await sessionCookieFor((await makePerson()).id);
    const url = `/ideas/new?challenge=${challenge.slug}`;
    setClock(new Date(START.getTime() + DAY));
    expect(await newIdeaLoader(args(makeRequest(url, { cookie })))).toMatchObject({ challenge: { id: challenge.id }, challengeClosed: false });
    setClock(new Date(START.getTime() + 8 * DAY));
    expect(await newIdeaLoader(args(makeRequest(url, { cookie })))).toMatchObject({ challenge: null, challengeClosed: true });
  });

  it("refuses an idea once the window has closed, keeping every word typed", async () => {
    const challenge = publishedChallenge();
    const cookie = await sessionCookieFor((await makePerson()).id);
    setClock(new Date(START.getTime() + 7 * DAY));
    const form = { title: "Pay with one tap", body: "Save my card, please.", challengeId: String(challenge.id) };
    const result = (await newIdeaAction(args(makeRequest("/ideas/new", { cookie, form })))) as unknown as DataResult<Reply>;
    expect(result.init?.status).toBe(409);
    expect(result.data.error[""]).toEqual(["errors.challenge.notOpenForIdeas"]);
    expect(result.data.initialValue).toMatchObject(form);
  });

  it("files an idea under the challenge, and the main list tags it", async () => {
    const challenge = publishedChallenge();
    const author = await makePerson();
    const cookie = await sessionCookieFor(author.id);
    setClock(new Date(START.getTime() + DAY));
    const form = { title: "Express lane for small baskets", body: "Ten items or fewer.", challengeId: String(challenge.id) };
    const response = (await call(() => newIdeaAction(args(makeRequest("/ideas/new", { cookie, form }))))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/ideas\/\d+-express-lane-for-small-baskets$/);
    const listed = listIdeas({ sort: "new" }, author.id).ideas.find((idea) => idea.title === form.title)!;
    expect(listed).toMatchObject({ voteCount: 0, voted: false, challenge: { slug: challenge.slug, title: challenge.title, votingOpen: false } });
  });
});

describe("voting without JavaScript", () => {
  it("sends a refused vote to the challenge's page, which says why", async () => {
    const challenge = publishedChallenge(1);
    setClock(new Date(START.getTime() + DAY));
    const ideaIds: number[] = [];
    for (const title of ["First answer", "Second answer"]) {
      ideaIds.push(createIdea({ authorId: (await makePerson()).id, title, body: plainBody(title), categoryId: null, challengeId: challenge.id }).id);
    }
    setClock(new Date(START.getTime() + 8 * DAY));
    const voter = await makePerson();
    const cookie = await sessionCookieFor(voter.id);
    const vote = (ideaId: number) =>
      call(() => voteAction(args(makeRequest(`/ideas/${ideaId}/vote`, { cookie, form: { wanted: "true", redirectTo: `/challenges/${challenge.slug}` } }), { id: String(ideaId) })));
    expect(((await vote(ideaIds[0]!)) as Response).headers.get("Location")).toBe(`/challenges/${challenge.slug}`);
    expect(((await vote(ideaIds[1]!)) as Response).headers.get("Location")).toBe(`/challenges/${challenge.slug}?refused=budgetSpent`);
    const page = (await challengeLoader(
      args(makeRequest(`/challenges/${challenge.slug}?refused=budgetSpent`, { cookie }), { slug: challenge.slug }),
    )) as unknown as DataResult<{ refused: string; budget: { left: number; total: number } }>;
    expect(page.data).toMatchObject({ refused: "budgetSpent", budget: { left: 0, total: 1 } });
  });
});

describe("announcing the results", () => {
  it("is refused before voting closes, then signed, listed and shown on the page", async () => {
    const challenge = publishedChallenge(null);
    setClock(new Date(START.getTime() + DAY));
    const idea = createIdea({ authorId: (await makePerson()).id, title: "Winning answer", body: plainBody("It wins."), categoryId: null, challengeId: challenge.id });
    const form = { intent: "results", note: "Thank you all!", [`place-${idea.id}`]: "1" };
    const path = `/admin/challenges/${challenge.id}`;

    setClock(new Date(START.getTime() + 10 * DAY));
    const early = (await manageAction(args(makeRequest(path, { cookie: staffCookie, form }), { id: String(challenge.id) }))) as unknown as DataResult<{ error: string }>;
    expect(early.init?.status).toBe(400);
    expect(early.data.error).toBe("errors.challenge.resultsTooEarly");

    setClock(new Date(START.getTime() + 15 * DAY));
    const manage = await manageLoader(args(makeRequest(path, { cookie: staffCookie }), { id: String(challenge.id) }));
    expect(manage.candidates.map((candidate) => candidate.id)).toEqual([idea.id]);
    const done = (await call(() => manageAction(args(makeRequest(path, { cookie: staffCookie, form }), { id: String(challenge.id) })))) as Response;
    expect(done.headers.get("Location")).toBe(`/challenges/${challenge.slug}#results`);
    const page = (await challengeLoader(args(makeRequest(`/challenges/${challenge.slug}`), { slug: challenge.slug }))) as unknown as DataResult<{
      phase: string;
      results: { by: { id: string }; noteHtml: string; winners: Array<{ ideaId: number; rank: number | null }> };
    }>;
    expect(page.data.phase).toBe("finished");
    expect(page.data.results).toMatchObject({ by: { id: staffId }, noteHtml: "<p>Thank you all!</p>", winners: [{ ideaId: idea.id, rank: 1 }] });
  });
});
