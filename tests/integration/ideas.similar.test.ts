import { beforeAll, describe, expect, it } from "vitest";
import { consume } from "~/domain/rate-limits.server";
import { loader as similarLoader } from "~/routes/ideas.similar";
import { RATE_LIMITS } from "~/web/throttle.server";
import { answerOf, args, call, ensureSite, makeRequest } from "#tests/support/fixtures";
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

  it("answers 429 past the limit for a client address, and counts only real lookups", async () => {
    const ask = (title: string) => call(() => similarLoader(args(makeRequest(`/ideas/similar?title=${title}`), {}, { clientAddress: "2001:db8:5:6:1::9" })));
    for (let i = 1; i < RATE_LIMITS.similar.limit; i++) await consume("similar:2001:db8:5:6::/64", RATE_LIMITS.similar);
    expect(answerOf(await ask("ta")).status).toBe(200);
    expect(answerOf(await ask("tarjeta")).status).toBe(200);
    expect(answerOf(await ask("tarjeta")).status).toBe(429);
  });
});
