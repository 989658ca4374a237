import { describe, expect, it } from "vitest";
import { trendingScore } from "~/domain/trending";

// Expected values worked out by hand from docs/trending.md (log10 of the votes plus the
// creation time in 4-day timescales of 345,600 s), not with the function under test.
describe("trendingScore", () => {
  const monday = new Date("2026-11-02T09:00:00Z"); // 1,793,610,000 s = 5,189.84375 timescales
  const later = (days: number) => new Date(monday.getTime() + days * 24 * 3600 * 1000);

  it("is log10 of the votes plus the creation time in four-day timescales", () => {
    expect(trendingScore(1, new Date(0))).toBe(0);
    expect(trendingScore(10, new Date(0))).toBeCloseTo(1, 12);
    expect(trendingScore(1, new Date("1970-01-05T00:00:00Z"))).toBeCloseTo(1, 12);
    expect(trendingScore(1, monday)).toBeCloseTo(5189.84375, 9);
    expect(trendingScore(2, monday)).toBeCloseTo(5190.144779996, 9);
    expect(trendingScore(100, monday)).toBeCloseTo(5191.84375, 9);
  });

  it("treats zero votes like one (no negative infinity)", () => {
    expect(trendingScore(0, monday)).toBeCloseTo(5189.84375, 9);
  });

  it("makes four days of recency worth ten times the votes", () => {
    expect(trendingScore(1, later(4))).toBeCloseTo(5190.84375, 9);
    expect(trendingScore(10, monday)).toBeCloseTo(5190.84375, 9);
    // 5 votes four days later (log10 5 + 1 = 1.699) sit between 40 (1.602) and 60 (1.778) votes on Monday.
    expect(trendingScore(5, later(4))).toBeGreaterThan(trendingScore(40, monday));
    expect(trendingScore(5, later(4))).toBeLessThan(trendingScore(60, monday));
  });
});
