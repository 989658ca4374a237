import { beforeAll, describe, expect, it } from "vitest";
import { loader as similarLoader } from "~/routes/ideas.similar";
import { args, ensureSite, makeRequest } from "#tests/support/fixtures";
import { seedIdeaList } from "#tests/support/idea-list";

beforeAll(async () => {
  await ensureSite();
  await seedIdeaList();
});

describe("GET /ideas/similar", () => {
  it("answers the ideas like the title being typed, as JSON", async () => {
    const response = await similarLoader(args(makeRequest("/ideas/similar?title=tarjeta%20pagos")));
    const body = (await response.json()) as { ideas: Array<{ title: string; voteCount: number; status: string }> };
    expect(body.ideas[0]).toMatchObject({ title: "Adopción de pagos con tarjeta", voteCount: 1, status: "open" });
  });

  it("waits for three letters", async () => {
    const response = await similarLoader(args(makeRequest("/ideas/similar?title=ta")));
    expect(await response.json()).toEqual({ ideas: [] });
  });
});
