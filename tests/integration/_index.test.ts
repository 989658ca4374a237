import { beforeAll, describe, expect, it } from "vitest";
import { consume } from "~/domain/rate-limits.server";
import { loader as listLoader } from "~/routes/_index";
import { RATE_LIMITS } from "~/web/throttle.server";
import { answerOf, args, call, ensureSite, makeRequest } from "#tests/support/fixtures";
import { seedIdeaList } from "#tests/support/idea-list";

beforeAll(async () => {
  await ensureSite();
  await seedIdeaList();
});

describe("the ideas list page", () => {
  it("treats a mangled cursor or unknown parameters as the first page", async () => {
    const data = await listLoader(args(makeRequest("/?sort=banana&status=nope&after=%%%&category=x")));
    expect(data.query.sort).toBe("trending");
    expect(data.ideas.length).toBeGreaterThan(0);
  });

  it("searches, filters and says so", async () => {
    const data = await listLoader(args(makeRequest("/?q=parcel&sort=new")));
    expect(data.ideas.map((idea) => idea.title)).toEqual(["Track my parcel"]);
    expect(data.filtered).toBe(true);
  });
});

describe("searching, per client address", () => {
  it("answers 429 with Retry-After past the limit; listing without a search and other addresses go on", async () => {
    const from = (address: string, path: string) => call(() => listLoader(args(makeRequest(path), {}, { clientAddress: address })));
    for (let i = 1; i < RATE_LIMITS.search.limit; i++) await consume("search:203.0.113.10", RATE_LIMITS.search);
    expect(answerOf(await from("203.0.113.10", "/?q=parcel")).status).toBe(200);

    const refused = await from("203.0.113.10", "/?q=parcel");
    expect(answerOf(refused)).toMatchObject({ status: 429, body: { rateLimited: expect.stringMatching(/^errors\.rateLimited\.seconds:\d+$/) } });
    expect((refused as unknown as { init: { headers: Record<string, string> } }).init.headers["Retry-After"]).toMatch(/^\d+$/);
    expect(answerOf(await from("203.0.113.10", "/?sort=new")).status).toBe(200);
    expect(answerOf(await from("203.0.113.11", "/?q=parcel")).status).toBe(200);
  });
});
