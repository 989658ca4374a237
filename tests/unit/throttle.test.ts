import { describe, expect, it } from "vitest";
import { clientAddress, limitRate, RATE_LIMITS, rateLimitMessage } from "~/web/throttle.server";
import { answerOf, call } from "#tests/support/fixtures";

describe("clientAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"],
    ["2001:0db8:00aa:00bb::1", "2001:db8:aa:bb::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["", "unknown"],
    ["not an address", "unknown"],
    [undefined, "unknown"],
  ])("counts %s as %s", (given, counted) => {
    expect(clientAddress({ clientAddress: given })).toBe(counted);
  });
});

describe("rateLimitMessage", () => {
  it("says seconds for a short wait and minutes, rounded up, for a long one", () => {
    const limited = (retryAfterMs: number) => ({ ok: false as const, reason: "rateLimited" as const, retryAfterMs });
    expect(rateLimitMessage(limited(1))).toBe("errors.rateLimited.seconds:1");
    expect(rateLimitMessage(limited(59_001))).toBe("errors.rateLimited.seconds:60");
    expect(rateLimitMessage(limited(120_000))).toBe("errors.rateLimited.minutes:2");
    expect(rateLimitMessage(limited(14 * 60_000 + 1))).toBe("errors.rateLimited.minutes:15");
  });
});

describe("limitRate", () => {
  it("lets the limit through, then throws 429 with Retry-After and the message", async () => {
    const context = { clientAddress: "192.0.2.77" };
    const answers = [];
    const { limit } = RATE_LIMITS.search;
    for (let i = 0; i <= limit; i++) answers.push(await call(() => limitRate({ context }, "search")));
    expect(answers.slice(0, limit).every((answer) => (answer as { ok?: boolean }).ok === true)).toBe(true);
    const refused = answers[limit] as unknown as { init: { status: number; headers: Record<string, string> } };
    expect(answerOf(refused)).toMatchObject({ status: 429, body: { rateLimited: expect.stringMatching(/^errors\.rateLimited\.seconds:\d+$/) } });
    expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThan(0);
  });
});
