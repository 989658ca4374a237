import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createChallenge, setChallengePublished } from "~/domain/challenges.server";
import { createIdea } from "~/domain/ideas.server";
import { setClock } from "~/lib/clock.server";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { row } from "#tests/support/db";
import { accepted, answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);
afterEach(() => setClock(null));

async function counts(ideaId: number) {
  return (await row<{ inRow: number; rows: number }>(
    sql`select vote_count as "inRow", (select count(*) from votes where idea_id = ${ideaId}) as rows from ideas where id = ${ideaId}`,
  ))!;
}

function vote(ideaId: number, cookie: string | undefined, form: Record<string, string>, headers?: Record<string, string>) {
  return call(() => voteAction(args(makeRequest(`/ideas/${ideaId}/vote`, { cookie, form, headers }), { id: String(ideaId) })));
}

const DAY = 24 * 3600_000;

/** A challenge taking ideas from `start` for a week, then voting for a week, with its ideas. */
async function challengeWithIdeas(start: Date, titles: string[], voteBudget: number | null) {
  const staff = await makePerson("staff");
  const challenge = accepted(
    await createChallenge({
      slug: `vote-route-${start.getTime()}`,
      title: "Vote route",
      brief: plainBody("Vote."),
      submissionOpensAt: start,
      submissionClosesAt: new Date(start.getTime() + 7 * DAY),
      votingOpensAt: new Date(start.getTime() + 7 * DAY),
      votingClosesAt: new Date(start.getTime() + 14 * DAY),
      voteBudget,
      staffId: staff.id,
    }),
  );
  accepted(await setChallengePublished({ id: challenge.id, published: true, staffId: staff.id }));
  const ideaIds: number[] = [];
  for (const title of titles) {
    const idea = await createIdea({ authorId: (await makePerson()).id, title, body: plainBody(title), categoryId: null, challengeId: challenge.id, now: new Date(start.getTime() + DAY) });
    ideaIds.push(accepted(idea).id);
  }
  return { challenge, ideaIds };
}

describe("POST /ideas/:id/vote", () => {
  it("answers the new count to the page's script, and counts a double submit once", async () => {
    const idea = await makeIdea((await makePerson()).id, "Weekend delivery slots");
    const cookie = await sessionCookieFor((await makePerson()).id);
    const answers = await Promise.all([1, 2, 3].map(() => vote(idea.id, cookie, { wanted: "true", enhanced: "1" })));
    expect(answers).toEqual([1, 2, 3].map(() => ({ voted: true, voteCount: 2 })));
    expect(await counts(idea.id)).toEqual({ inRow: 2, rows: 2 });
  });

  it("sends a visitor to log in, back to the page they voted from", async () => {
    const idea = await makeIdea((await makePerson()).id, "Loyalty points");
    const response = (await vote(idea.id, undefined, { wanted: "true" }, { Referer: `http://tertulia.test/ideas/${idea.id}-loyalty-points` })) as Response;
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/ideas/${idea.id}-loyalty-points`)}`);
    expect(await counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
  });

  it("without JavaScript, redirects back to where the vote was cast", async () => {
    const idea = await makeIdea((await makePerson()).id, "Recurring orders");
    const cookie = await sessionCookieFor((await makePerson()).id);
    const response = (await vote(idea.id, cookie, { wanted: "true", redirectTo: "/?sort=top" })) as Response;
    expect(response.headers.get("Location")).toBe("/?sort=top");
    expect((await counts(idea.id)).inRow).toBe(2);
  });

  it("answers 404 for a missing idea and 400 for nonsense", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    expect(((await vote(999_999, cookie, { wanted: "true" })) as Response).status).toBe(404);
    const nonsense = (await call(() => voteAction(args(makeRequest("/ideas/1/vote", { cookie, form: { wanted: "maybe" } }), { id: "1" })))) as Response;
    expect(nonsense.status).toBe(400);
  });

  it("answers 409 with the reason while the clock is before a challenge's voting opens", async () => {
    const start = new Date("2041-03-01T09:00:00.000Z");
    const { ideaIds } = await challengeWithIdeas(start, ["Too early to vote"], null);
    const cookie = await sessionCookieFor((await makePerson()).id);
    setClock(new Date(start.getTime() + 7 * DAY - 1));
    expect(answerOf(await vote(ideaIds[0]!, cookie, { wanted: "true", enhanced: "1" }))).toEqual({ status: 409, body: { refused: "votingNotOpen" } });
    expect(await counts(ideaIds[0]!)).toEqual({ inRow: 0, rows: 0 });
  });

  it("without JavaScript, sends a refused vote to the challenge's page, which says why", async () => {
    const start = new Date("2041-05-01T09:00:00.000Z");
    const { challenge, ideaIds } = await challengeWithIdeas(start, ["First answer", "Second answer"], 1);
    setClock(new Date(start.getTime() + 8 * DAY));
    const cookie = await sessionCookieFor((await makePerson()).id);
    const form = { wanted: "true", redirectTo: `/challenges/${challenge.slug}` };
    expect(((await vote(ideaIds[0]!, cookie, form)) as Response).headers.get("Location")).toBe(`/challenges/${challenge.slug}`);
    expect(((await vote(ideaIds[1]!, cookie, form)) as Response).headers.get("Location")).toBe(`/challenges/${challenge.slug}?refused=budgetSpent`);
  });
});
