import { beforeAll, describe, expect, it } from "vitest";
import { action as voteAction } from "~/routes/ideas.$id.vote";
import { setVote } from "~/domain/votes.server";
import { getIdea } from "~/domain/ideas.server";
import { trendingScore } from "~/domain/trending";
import { sqlite } from "~/lib/db.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

function counts(ideaId: number) {
  const row = sqlite.prepare("select vote_count as inRow, (select count(*) from votes where idea_id = ?) as rows from ideas where id = ?").get(ideaId, ideaId);
  return row as { inRow: number; rows: number };
}

describe("voting", () => {
  it("starts an idea with its author's vote", async () => {
    const author = await makePerson();
    const idea = makeIdea(author.id, "Dark mode for the app");
    expect(counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
    expect(getIdea(idea.id, author.id)?.voted).toBe(true);
  });

  it("holds one vote when the same person votes twice", async () => {
    const idea = makeIdea((await makePerson()).id, "Export invoices as CSV");
    const voter = await makePerson();
    expect(setVote(idea.id, voter.id, true)).toEqual({ voted: true, voteCount: 2 });
    expect(setVote(idea.id, voter.id, true)).toEqual({ voted: true, voteCount: 2 });
    expect(counts(idea.id)).toEqual({ inRow: 2, rows: 2 });
    expect(() => sqlite.prepare("insert into votes (idea_id, user_id) values (?, ?)").run(idea.id, voter.id)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it("takes a vote back, and taking it back twice changes nothing", async () => {
    const idea = makeIdea((await makePerson()).id, "Pay by bank transfer");
    const voter = await makePerson();
    setVote(idea.id, voter.id, true);
    expect(setVote(idea.id, voter.id, false)).toEqual({ voted: false, voteCount: 1 });
    expect(setVote(idea.id, voter.id, false)).toEqual({ voted: false, voteCount: 1 });
    expect(counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
  });

  it("counts exactly 50 when 50 people vote at once, through the action", async () => {
    const idea = makeIdea((await makePerson()).id, "Weekend delivery slots");
    const voters = await Promise.all(Array.from({ length: 50 }, () => makePerson()));
    const cookies = await Promise.all(voters.map((voter) => sessionCookieFor(voter.id)));
    const results = await Promise.all(
      cookies.map((cookie) =>
        call(() => voteAction(args(makeRequest(`/ideas/${idea.id}/vote`, { cookie, form: { wanted: "true", enhanced: "1" } }), { id: String(idea.id) }))),
      ),
    );
    expect(results.every((result) => !(result instanceof Response))).toBe(true);
    expect(counts(idea.id)).toEqual({ inRow: 51, rows: 51 });
  });

  it("keeps the trending score in step with the count", async () => {
    const idea = makeIdea((await makePerson()).id, "Gift cards");
    setVote(idea.id, (await makePerson()).id, true);
    const row = sqlite.prepare("select trending_score as score, created_at as createdAt from ideas where id = ?").get(idea.id) as { score: number; createdAt: number };
    expect(row.score).toBeCloseTo(trendingScore(2, new Date(row.createdAt)), 10);
  });

  it("sends a visitor to log in, back to the page they voted from", async () => {
    const idea = makeIdea((await makePerson()).id, "Loyalty points");
    const request = makeRequest(`/ideas/${idea.id}/vote`, { form: { wanted: "true" }, headers: { Referer: `http://tertulia.test/ideas/${idea.id}-loyalty-points` } });
    const response = (await call(() => voteAction(args(request, { id: String(idea.id) })))) as Response;
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/ideas/${idea.id}-loyalty-points`)}`);
    expect(counts(idea.id)).toEqual({ inRow: 1, rows: 1 });
  });

  it("without JavaScript, redirects back to where the vote was cast", async () => {
    const idea = makeIdea((await makePerson()).id, "Recurring orders");
    const cookie = await sessionCookieFor((await makePerson()).id);
    const response = (await call(() =>
      voteAction(args(makeRequest(`/ideas/${idea.id}/vote`, { cookie, form: { wanted: "true", redirectTo: "/?sort=top" } }), { id: String(idea.id) })),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/?sort=top");
    expect(counts(idea.id).inRow).toBe(2);
  });

  it("answers 404 for a missing idea and 400 for nonsense", async () => {
    const cookie = await sessionCookieFor((await makePerson()).id);
    const missing = (await call(() => voteAction(args(makeRequest("/ideas/999999/vote", { cookie, form: { wanted: "true" } }), { id: "999999" })))) as Response;
    expect(missing.status).toBe(404);
    const nonsense = (await call(() => voteAction(args(makeRequest("/ideas/1/vote", { cookie, form: { wanted: "maybe" } }), { id: "1" })))) as Response;
    expect(nonsense.status).toBe(400);
  });
});
