import { describe, expect, it } from "vitest";
import { TRENDING_TIMESCALE_SECONDS, trendingScore } from "~/domain/trending";

describe("trendingScore", () => {
  const monday = new Date("2026-11-02T09:00:00Z");
  const later = (days: number) => new Date(monday.getTime() + days * 24 * 3600 * 1000);

  it("grows with votes, by the logarithm", () => {
    expect(trendingScore(10, monday) - trendingScore(1, monday)).toBeCloseTo(1);
    expect(trendingScore(100, monday) - trendingScore(10, monday)).toBeCloseTo(1);
    expect(trendingScore(2, monday)).toBeGreaterThan(trendingScore(1, monday));
  });

  it("treats zero votes like one (no negative infinity)", () => {
    expect(trendingScore(0, monday)).toBe(trendingScore(1, monday));
  });

  it("makes four days of recency worth ten times the votes", () => {
    expect(TRENDING_TIMESCALE_SECONDS).toBe(345_600);
    expect(trendingScore(1, later(4))).toBeCloseTo(trendingScore(10, monday));
    expect(trendingScore(5, later(4))).toBeGreaterThan(trendingScore(40, monday));
    expect(trendingScore(5, later(4))).toBeLessThan(trendingScore(60, monday));
  });
});
