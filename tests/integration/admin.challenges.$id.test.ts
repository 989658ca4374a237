import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIdea } from "~/domain/ideas.server";
import { setClock } from "~/lib/clock.server";
import { action as manageAction, loader as manageLoader } from "~/routes/admin.challenges.$id";
import { loader as challengeLoader } from "~/routes/challenges.$slug";
import { DAY, makeChallenge } from "#tests/support/challenges";
import { accepted, args, call, ensureSite, makePerson, makeRequest, signedIn, type DataResult } from "#tests/support/fixtures";
import { plainBody } from "#tests/support/ideas";

const START = new Date("2032-05-04T08:00:00.000Z");
let staff: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  await ensureSite();
  staff = await signedIn("staff");
});
afterEach(() => setClock(null));

describe("announcing the results", () => {
  it("is refused before voting closes, then signed, listed and shown on the page", async () => {
    const challenge = await makeChallenge(staff.person.id, START, { voteBudget: null });
    setClock(new Date(START.getTime() + DAY));
    const idea = accepted(await createIdea({ authorId: (await makePerson()).id, title: "Winning answer", body: plainBody("It wins."), categoryId: null, challengeId: challenge.id }));
    const form = { intent: "results", note: "Thank you all!", [`place-${idea.id}`]: "1" };
    const path = `/admin/challenges/${challenge.id}`;
    const post = () => manageAction(args(makeRequest(path, { cookie: staff.cookie, form }), { id: String(challenge.id) }));

    setClock(new Date(START.getTime() + 10 * DAY));
    const early = (await post()) as unknown as DataResult<{ error: string }>;
    expect(early.init?.status).toBe(400);
    expect(early.data.error).toBe("errors.challenge.resultsTooEarly");

    setClock(new Date(START.getTime() + 15 * DAY));
    const manage = await manageLoader(args(makeRequest(path, { cookie: staff.cookie }), { id: String(challenge.id) }));
    expect(manage.candidates.map((candidate) => candidate.id)).toEqual([idea.id]);
    const done = (await call(post)) as Response;
    expect(done.headers.get("Location")).toBe(`/challenges/${challenge.slug}#results`);
    const page = (await challengeLoader(args(makeRequest(`/challenges/${challenge.slug}`), { slug: challenge.slug }))) as unknown as DataResult<{
      phase: string;
      results: { by: { id: string }; noteHtml: string; winners: Array<{ ideaId: number; rank: number | null }> };
    }>;
    expect(page.data.phase).toBe("finished");
    expect(page.data.results).toMatchObject({ by: { id: staff.person.id }, noteHtml: "<p>Thank you all!</p>", winners: [{ ideaId: idea.id, rank: 1 }] });
  });

  it("answers 404 for a challenge that does not exist or an id that is not one", async () => {
    for (const id of ["999999", "abc", "-1"]) {
      expect(((await call(() => manageLoader(args(makeRequest(`/admin/challenges/${id}`, { cookie: staff.cookie }), { id })))) as Response).status).toBe(404);
    }
  });
});
