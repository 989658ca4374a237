import { beforeAll, describe, expect, it } from "vitest";
import { customRangeError, resolvePeriod } from "~/domain/insights-period";
import { at, buildHistory, describeInsightsOfKnownHistory, now, period } from "#tests/support/insights-history";

const DAY = 24 * 3600_000;

beforeAll(() => buildHistory());

describe("the period", () => {
  it("is the last N days of the reader's calendar, compared with as many days before", () => {
    expect(period.start).toEqual(at("25T00:00"));
    expect(period.end).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(period.previousStart).toEqual(at("18T00:00"));
    expect(period.bucketMs).toBe(DAY);
    const madrid = resolvePeriod("30d", now, "Europe/Madrid");
    expect([madrid.firstDay, madrid.lastDay, madrid.start.toISOString()]).toEqual(["2026-03-02", "2026-03-31", "2026-03-01T23:00:00.000Z"]);
    expect(resolvePeriod("90d", now, "UTC").bucketMs).toBe(7 * DAY);
    const quarter = resolvePeriod("quarter", now, "UTC");
    expect([quarter.firstDay, quarter.lastDay, quarter.previousStart.toISOString()]).toEqual(["2026-01-01", "2026-03-31", "2025-10-03T00:00:00.000Z"]);
    expect(customRangeError("2026-03-01", "2026-02-01")).toBe("insights.errors.toBeforeFrom");
    expect(customRangeError("2026-02-30", "2026-03-01")).toBe("insights.errors.badDate");
    expect(customRangeError("2024-01-01", "2026-01-01")).toBe("insights.errors.tooLong");
    expect(customRangeError("2026-01-01", "2026-03-31")).toBeNull();
  });
});

describeInsightsOfKnownHistory();
