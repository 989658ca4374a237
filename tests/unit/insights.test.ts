import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insightsFigures, votes } from "#db/tables";
import { customRangeError, resolvePeriod } from "~/domain/insights-period";
import { countAskedInsights, keptInsights, type InsightsAsk } from "~/domain/insights.server";
import { setClock } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
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
  const ask: InsightsAsk = { choice: "7d", timeZone: "UTC", filters: {} };
  const castVote = (ideaId: number, at: Date) => transaction((tx) => tx.insert(votes).values({ ideaId, userId: ids.luis, createdAt: at }).then(() => undefined));
  const later = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
  const kept = async () => (await db.select({ ask: insightsFigures.ask, countedAt: insightsFigures.countedAt }).from(insightsFigures)).map((row) => [JSON.parse(row.ask)[0], row.countedAt]);
  afterAll(() => setClock(null));

  it("are shown for 5 minutes, then while they are counted again, and counted before they are shown after an hour", async () => {
    setClock(now);
    const first = await keptInsights(ask, 3);
    expect(first.countedAt).toEqual(now);
    expect(first.period).toEqual(period);
    expect(first.insights.activity.current.votes).toBe(5);
    await castVote(idea.i3!, at("31T08:00"));

    // Four minutes on: the same figures, counted at the same time (kept as JSON: dates come back as dates).
    setClock(later(4));
    expect(await keptInsights(ask, 3)).toEqual(first);
    // Six minutes on: still those (the page answers at once), while they are counted again…
    setClock(later(6));
    expect((await keptInsights(ask, 3)).countedAt).toEqual(now);
    // …and the next request has the new count.
    await vi.waitFor(async () => expect((await keptInsights(ask, 3)).insights.activity.current.votes).toBe(6));
    expect((await keptInsights(ask, 3)).countedAt).toEqual(later(6));

    await castVote(idea.i4!, at("31T09:00"));
    setClock(later(70));
    const late = await keptInsights(ask, 3);
    expect(late.countedAt).toEqual(later(70));
    expect(late.insights.activity.current.votes).toBe(7);
    // Another filter, or another reply promise, is counted for itself.
    expect((await keptInsights({ ...ask, filters: { categoryId: refs.payments } }, 3)).insights.activity.current.votes).toBe(5);
    expect((await keptInsights(ask, 2)).countedAt).toEqual(later(70));
  });

  it("are kept counted by the background job: what was asked, the usual periods of its time zone, a new day's period; unasked for a week, forgotten", async () => {
    await transaction((tx) => tx.delete(insightsFigures).then(() => undefined));
    setClock(now);
    await keptInsights({ ...ask, filters: { categoryId: refs.payments } }, 3);
    // The look noted the usual periods of its time zone, not counted yet; the job counts three a run.
    expect(await kept()).toEqual(expect.arrayContaining([["7d", now], ["7d", null], ["30d", null], ["90d", null], ["quarter", null]]));
    setClock(later(1));
    expect(await countAskedInsights(3)).toBe(3);
    expect(await countAskedInsights(3)).toBe(1);
    expect(await countAskedInsights(3)).toBe(0);

    // A first look at 90 days is answered from the job's count (a vote cast since is not in it yet).
    const before = (await keptInsights({ ...ask, choice: "90d" }, 3)).insights.activity.current.votes;
    await castVote(idea.i5!, at("31T10:00"));
    setClock(later(2));
    const ninety = await keptInsights({ ...ask, choice: "90d" }, 3);
    expect(ninety.countedAt).toEqual(later(1));
    expect(ninety.insights.activity.current.votes).toBe(before);

    // Counted again after 45 minutes, and for the next day's period as soon as it starts.
    setClock(later(40));
    expect(await countAskedInsights(3)).toBe(0);
    setClock(later(50));
    expect(await countAskedInsights(3)).toBe(3);
    expect(await countAskedInsights(3)).toBe(2);
    setClock(new Date(now.getTime() + DAY));
    expect(await countAskedInsights(3)).toBe(3);
    expect((await keptInsights({ ...ask, choice: "90d" }, 3)).insights.activity.current.votes).toBe(before + 1);

    // A week without anyone asking: nothing is counted and the rows go.
    setClock(new Date(now.getTime() + 9 * DAY));
    expect(await countAskedInsights(3)).toBe(0);
    expect(await kept()).toEqual([]);
  });
});
