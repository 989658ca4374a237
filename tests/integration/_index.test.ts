import { beforeAll, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/_index";
import { args, ensureSite, makeRequest } from "#tests/support/fixtures";
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
