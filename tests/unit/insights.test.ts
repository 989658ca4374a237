import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { votes } from "#db/tables";
import { customRangeError, resolvePeriod } from "~/domain/insights-period";
import { forgetKeptInsights, keptInsights } from "~/domain/insights.server";
import { setClock } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import { at, buildHistory, describeInsightsOfKnownHistory, idea, ids, now, period, refs } from "#tests/support/insights-history";

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

describe("kept figures", () => {
  const MINUTE = 60_000;
  const input = { period, filters: {}, replyPromiseDays: 3 };
  const castVote = (ideaId: number, at: Date) => transaction((tx) => tx.insert(votes).values({ ideaId, userId: ids.luis, createdAt: at }).then(() => undefined));
  afterAll(() => {
    setClock(null);
    forgetKeptInsights();
  });

  it("are shown for 5 minutes, then while they are counted again, and counted before they are shown after an hour", async () => {
    forgetKeptInsights();
    setClock(now);
    const first = await keptInsights(input);
    expect(first.countedAt).toEqual(now);
    expect(first.insights.activity.current.votes).toBe(5);
    await castVote(idea.i3!, at("31T08:00"));

    // Four minutes on: the same figures, counted at the same time.
    setClock(new Date(now.getTime() + 4 * MINUTE));
    expect(await keptInsights(input)).toEqual(first);
    // Six minutes on: still those (the page answers at once), while they are counted again…
    setClock(new Date(now.getTime() + 6 * MINUTE));
    expect((await keptInsights(input)).countedAt).toEqual(now);
    // …and the next request has the new count.
    await vi.waitFor(async () => expect((await keptInsights(input)).insights.activity.current.votes).toBe(6));
    expect((await keptInsights(input)).countedAt).toEqual(new Date(now.getTime() + 6 * MINUTE));

    await castVote(idea.i4!, at("31T09:00"));
    setClock(new Date(now.getTime() + 70 * MINUTE));
    const late = await keptInsights(input);
    expect(late.countedAt).toEqual(new Date(now.getTime() + 70 * MINUTE));
    expect(late.insights.activity.current.votes).toBe(7);
    // Another period is counted for itself.
    expect((await keptInsights({ ...input, filters: { categoryId: refs.payments } })).insights.activity.current.votes).toBe(5);
  });
});
