import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getChallengeById } from "~/domain/challenges.server";
import { createIdea } from "~/domain/ideas.server";
import { setVote } from "~/domain/votes.server";
import { setClock } from "~/lib/clock.server";
import { loader as challengeLoader } from "~/routes/challenges.$slug";
import { loader as challengesLoader } from "~/routes/challenges._index";
import { DAY, makeChallenge } from "#tests/support/challenges";
import { accepted, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor, signedIn, type DataResult } from "#tests/support/fixtures";
import { plainBody } from "#tests/support/ideas";

const START = new Date("2032-05-04T08:00:00.000Z");
let staff: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  await ensureSite();
  staff = await signedIn("staff");
});
afterEach(() => setClock(null));

const load = (slug: string, options: { cookie?: string; search?: string; headers?: Record<string, string> } = {}) =>
  challengeLoader(args(makeRequest(`/challenges/${slug}${options.search ?? ""}`, { cookie: options.cookie, headers: options.headers }), { slug }));

describe("the public challenge pages", () => {
  it("show drafts to staff only", async () => {
    const draft = await makeChallenge(staff.person.id, START, { draft: true, voteBudget: null });
    const customerCookie = await sessionCookieFor((await makePerson()).id);
    expect(((await call(() => load(draft.slug))) as Response).status).toBe(404);
    expect(((await call(() => load(draft.slug, { cookie: customerCookie }))) as Response).status).toBe(404);
    const asStaff = (await load(draft.slug, { cookie: staff.cookie })) as unknown as DataResult<{ phase: string }>;
    expect(asStaff.data.phase).toBe("draft");
    const list = await challengesLoader(args(makeRequest("/challenges")));
    expect(list.groups.flatMap((group) => group.challenges).some((challenge) => challenge.slug === draft.slug)).toBe(false);
  });

  it("give a visitor a shuffle of their own, kept in a cookie", async () => {
    const challenge = await makeChallenge(staff.person.id, START);
    setClock(new Date(START.getTime() + DAY));
    const first = (await load(challenge.slug)) as unknown as DataResult<{ order: string }>;
    expect(first.data.order).toBe("shuffled");
    expect(first.init?.headers?.["Set-Cookie"]).toMatch(/^tertulia_shuffle=\d+; Path=\/challenges;/);
    const again = (await load(challenge.slug, { headers: { Cookie: first.init!.headers!["Set-Cookie"]!.split(";")[0]! } })) as unknown as DataResult<unknown>;
    expect(again.init?.headers).toBeUndefined();
  });

  it("say why a vote was refused, with the budget left", async () => {
    const challenge = await makeChallenge(staff.person.id, START, { voteBudget: 1 });
    const idea = accepted(await createIdea({ authorId: (await makePerson()).id, title: "An answer", body: plainBody("Yes."), categoryId: null, challengeId: challenge.id, now: new Date(START.getTime() + DAY) }));
    const voter = await makePerson();
    setClock(new Date(START.getTime() + 8 * DAY));
    accepted(await setVote(idea.id, voter.id, true));
    const page = (await load(challenge.slug, { cookie: await sessionCookieFor(voter.id), search: "?refused=budgetSpent" })) as unknown as DataResult<{
      refused: string;
      budget: { left: number; total: number };
    }>;
    expect(page.data).toMatchObject({ refused: "budgetSpent", budget: { left: 0, total: 1 } });
  });

  it("change nothing when read: the voting announcement is the background job's", async () => {
    const challenge = await makeChallenge(staff.person.id, START);
    setClock(new Date(START.getTime() + 8 * DAY));
    await load(challenge.slug);
    await challengesLoader(args(makeRequest("/challenges")));
    expect((await getChallengeById(challenge.id))?.votingAnnouncedAt).toBeNull();
  });
});
