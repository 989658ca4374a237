import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { categories, challenges, comments, ideas, users, votes } from "#db/tables";
import { resolvePeriod } from "~/domain/insights-period";
import { getInsights } from "~/domain/insights.server";
import { getListeningRecord } from "~/domain/listening.server";
import { engine, transaction } from "~/lib/db.server";
import { markSafeHtml } from "~/lib/safe-html";

// A small known history for the insights, and what each figure must be (tests/unit/insights.test.ts,
// on either engine). "Now" is 2026-03-31 12:00 UTC; the period is the last 7 days (25–31 March),
// compared with the 7 before (18–24 March); the reply promise is 3 days.
export const at = (iso: string) => new Date(`2026-03-${iso}:00Z`);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const now = at("31T12:00");
export const period = resolvePeriod("7d", now, "UTC");

export const ids = {
  marta: "",
  luis: "",
  ana: "",
  ben: "",
  cruz: "",
  dora: "",
};
export const idea: Record<string, number> = {};
export const refs = { payments: 0, challengeId: 0 };

/** Writes the history (people, a category, a challenge, ideas, votes, comments). */
export async function buildHistory() {
  await transaction(async (tx) => {
    const people: Array<[keyof typeof ids, string, "customer" | "staff" | "admin"]> = [
      ["marta", "Marta Ruiz", "staff"],
      ["luis", "Luis Gil", "admin"],
      ["ana", "Ana", "customer"],
      ["ben", "Ben", "customer"],
      ["cruz", "Cruz", "customer"],
      ["dora", "Dora", "customer"],
    ];
    for (const [key, displayName, role] of people) {
      ids[key] = `insights-${key}`;
      await tx.insert(users).values({
        id: ids[key],
        email: `${key}@insights.example`,
        displayName,
        passwordHash: "x",
        role,
      });
    }
    await tx.update(users).set({ company: "Acme", locale: "es" }).where(eq(users.id, ids.ana));
    await tx.update(users).set({ company: "Acme", locale: "en" }).where(eq(users.id, ids.ben));
    await tx.update(users).set({ company: "Globex" }).where(eq(users.id, ids.cruz));
    [{ id: refs.payments }] = (await tx.insert(categories).values({ name: "Payments", colour: "#112233" }).returning({ id: categories.id })) as [{ id: number }];
    [{ id: refs.challengeId }] = (await tx
      .insert(challenges)
      .values({
        slug: "faster",
        title: "Faster check-out",
        briefJson: "{}",
        briefHtml: markSafeHtml("<p></p>"),
        briefText: "",
        submissionOpensAt: at("20T00:00"),
        submissionClosesAt: at("27T00:00"),
        votingOpensAt: at("27T00:00"),
        votingClosesAt: new Date("2026-04-05T00:00:00Z"),
        voteBudget: 2,
        publishedAt: at("19T00:00"),
        createdById: ids.luis,
      })
      .returning({ id: challenges.id })) as [{ id: number }];

    const plan: Array<
      [
        string,
        Partial<typeof ideas.$inferInsert> & {
          authorId: string;
          createdAt: Date;
        }
      ]
    > = [
      [
        "i1",
        {
          authorId: ids.ana,
          createdAt: at("25T10:00"),
          categoryId: refs.payments,
          firstResponseAt: at("25T12:00"),
          firstResponderId: ids.marta,
          status: "adopted",
          adoptedAt: at("30T10:00"),
          adoptedById: ids.luis,
        },
      ],
      [
        "i2",
        {
          authorId: ids.ben,
          createdAt: at("26T10:00"),
          categoryId: refs.payments,
          firstResponseAt: at("30T10:00"),
          firstResponderId: ids.luis,
          status: "planned",
          challengeId: refs.challengeId,
        },
      ],
      [
        "i3",
        {
          authorId: ids.cruz,
          createdAt: at("27T10:00"),
          challengeId: refs.challengeId,
        },
      ],
      ["i4", { authorId: ids.ana, createdAt: at("31T06:00") }],
      [
        "i5",
        {
          authorId: ids.dora,
          createdAt: at("20T10:00"),
          categoryId: refs.payments,
          firstResponseAt: at("20T16:00"),
          firstResponderId: ids.marta,
          status: "declined",
        },
      ],
      [
        "i6",
        {
          authorId: ids.dora,
          createdAt: at("01T10:00"),
          firstResponseAt: at("26T10:00"),
          firstResponderId: ids.marta,
          status: "under_review",
        },
      ],
    ];
    for (const [name, fields] of plan) {
      const [row] = await tx
        .insert(ideas)
        .values({
          title: `Idea ${name}`,
          bodyJson: "{}",
          bodyHtml: markSafeHtml("<p></p>"),
          bodyText: "",
          lastActivityAt: fields.createdAt,
          ...fields,
        })
        .returning({ id: ideas.id });
      idea[name] = row!.id;
    }
    const voted: Array<[string, string, string]> = [
      ["ana", "i2", "26T09:00"],
      ["ben", "i1", "26T11:00"],
      ["cruz", "i1", "28T11:00"],
      ["dora", "i1", "29T11:00"],
      ["ben", "i2", "27T11:00"],
      ["ana", "i5", "20T11:00"],
    ];
    await tx.insert(votes).values(
      voted.map(([who, what, when]) => ({
        userId: ids[who as keyof typeof ids],
        ideaId: idea[what]!,
        createdAt: at(when),
      }))
    );
    const said: Array<[string, string, string, "public" | "internal"]> = [
      ["marta", "i1", "25T12:00", "public"],
      ["luis", "i2", "30T10:00", "public"],
      ["ana", "i1", "26T12:00", "public"],
      ["marta", "i3", "28T12:00", "internal"],
      ["dora", "i6", "02T12:00", "public"],
    ];
    await tx.insert(comments).values(
      said.map(([who, what, when, kind]) => ({
        authorId: ids[who as keyof typeof ids],
        ideaId: idea[what]!,
        kind,
        bodyJson: "{}",
        bodyHtml: markSafeHtml("<p>x</p>"),
        bodyText: "x",
        createdAt: at(when),
      }))
    );
  });
}

/** What every figure of that history must be. */
export function describeInsightsOfKnownHistory() {
  describe(`insights of a known history on ${engine}`, () => {
    const insights = () => getInsights({ period, filters: {}, replyPromiseDays: 3, now });

    it("counts activity, new and returning participants, per day and against the period before", async () => {
      const { activity } = await insights();
      expect(activity.current).toEqual({
        ideas: 4,
        votes: 5,
        comments: 3,
        participants: 6,
        newParticipants: 4,
        returningParticipants: 2,
      });
      expect(activity.previous).toEqual({
        ideas: 1,
        votes: 1,
        comments: 0,
        participants: 2,
        newParticipants: 1,
        returningParticipants: 1,
      });
      expect(activity.series.map((day) => [day.start.toISOString().slice(5, 10), day.ideas, day.votes, day.comments, day.participants])).toEqual([
        ["03-25", 1, 0, 1, 2],
        ["03-26", 1, 2, 1, 2],
        ["03-27", 1, 1, 0, 2],
        ["03-28", 0, 1, 0, 1],
        ["03-29", 0, 1, 0, 1],
        ["03-30", 0, 0, 1, 1],
        ["03-31", 1, 0, 0, 1],
      ]);
    });

    it("measures listening: median and 90th percentile to the first reply, the promise kept, waiting and overdue now", async () => {
      const { listening } = await insights();
      expect(listening.current).toEqual({
        posted: 4,
        answered: 2,
        medianMs: 2 * HOUR,
        p90Ms: 96 * HOUR,
        decided: 3,
        withinPromise: 1,
      });
      expect(listening.previous).toEqual({
        posted: 1,
        answered: 1,
        medianMs: 6 * HOUR,
        p90Ms: 6 * HOUR,
        decided: 1,
        withinPromise: 1,
      });
      expect([listening.waiting, listening.overdue]).toEqual([2, 1]);
    });

    it("gives each staff member's listening figures, and each category's", async () => {
      const { listening } = await insights();
      expect(listening.byStaff).toEqual([
        {
          personId: ids.marta,
          name: "Marta Ruiz",
          answeredFirst: 2,
          withinPromise: 1,
          medianMs: 2 * HOUR,
          replies: 1,
        },
        {
          personId: ids.luis,
          name: "Luis Gil",
          answeredFirst: 1,
          withinPromise: 0,
          medianMs: 96 * HOUR,
          replies: 1,
        },
      ]);
      expect(listening.byCategory).toEqual([
        {
          categoryId: refs.payments,
          name: "Payments",
          posted: 2,
          answered: 2,
          withinPromise: 1,
          medianMs: 2 * HOUR,
        },
        {
          categoryId: null,
          name: null,
          posted: 2,
          answered: 0,
          withinPromise: 0,
          medianMs: null,
        },
      ]);
    });

    it("follows outcomes: where the period's ideas are now, adoptions, time to adoption, who adopted", async () => {
      const { outcomes } = await insights();
      expect(outcomes.current).toEqual({
        posted: 4,
        byStatus: { adopted: 1, planned: 1, open: 2 },
        adoptedOfPosted: 1,
        adoptedInPeriod: 1,
        medianToAdoptionMs: 5 * DAY,
        byAdopter: [{ personId: ids.luis, name: "Luis Gil", adopted: 1 }],
      });
      expect(outcomes.previous).toMatchObject({
        posted: 1,
        byStatus: { declined: 1 },
        adoptedInPeriod: 0,
        medianToAdoptionMs: null,
        byAdopter: [],
      });
    });

    it("shows demand: the ideas that gained most votes in the period, by company and language, and how many companies back each", async () => {
      const { demand } = await insights();
      expect(demand.topIdeas.map((row) => [row.ideaId, row.gained, row.companies])).toEqual([
        [idea.i1, 3, 2],
        [idea.i2, 2, 1],
      ]);
      expect(demand.byCompany).toEqual([
        { company: "Acme", votes: 3, people: 2 },
        { company: "Globex", votes: 1, people: 1 },
      ]);
      expect(demand.byLanguage.sort((a, b) => b.votes - a.votes || String(a.locale).localeCompare(String(b.locale)))).toEqual([
        { locale: "en", votes: 2, people: 1 },
        { locale: null, votes: 2, people: 2 },
        { locale: "es", votes: 1, people: 1 },
      ]);
    });

    it("sums up challenges: ideas, participants, votes and the share of the vote budget used", async () => {
      const { challenges: rows } = await insights();
      expect(rows).toEqual([
        {
          id: refs.challengeId,
          slug: "faster",
          title: "Faster check-out",
          voteBudget: 2,
          ideas: 2,
          participants: 3,
          votes: 2,
          voters: 2,
          budgetUsed: 0.5,
        },
      ]);
    });

    it("narrows every figure to a category", async () => {
      const narrowed = await getInsights({
        period,
        filters: { categoryId: refs.payments },
        replyPromiseDays: 3,
        now,
      });
      expect(narrowed.activity.current).toEqual({
        ideas: 2,
        votes: 5,
        comments: 3,
        participants: 6,
        newParticipants: 4,
        returningParticipants: 2,
      });
      expect(narrowed.listening.current).toMatchObject({
        posted: 2,
        answered: 2,
        withinPromise: 1,
      });
      expect([narrowed.listening.waiting, narrowed.listening.overdue]).toEqual([0, 0]);
      expect(narrowed.demand.topIdeas.map((row) => row.ideaId)).toEqual([idea.i1, idea.i2]);
      const challenge = await getInsights({
        period,
        filters: { challengeId: refs.challengeId },
        replyPromiseDays: 3,
        now,
      });
      expect(challenge.activity.current).toMatchObject({ ideas: 2, votes: 2 });
    });
  });
}

/** What the public listening record (/listening) says of that history: the last 90 days up to "now" hold all of it. */
export function describeListeningRecordOfKnownHistory() {
  describe(`the listening record of a known history on ${engine}`, () => {
    it("gives the median time to the first reply, the promise kept, adoptions, and every staff member's answered count", async () => {
      const record = await getListeningRecord({ now, replyPromiseDays: 3 });
      expect(record.since).toEqual(new Date(now.getTime() - 90 * DAY));
      // Answered: i5 after 6 hours, i1 after 2, i2 after 96, i6 after 25 days; i3 is past its
      // deadline unanswered, i4 not yet.
      expect(record).toMatchObject({
        posted: 6,
        answered: 4,
        medianMs: 6 * HOUR,
        medianLate: false,
        decided: 5,
        withinPromise: 2,
        adopted: 1,
      });
      expect(record.staff.map((person) => [person.displayName, person.answered])).toEqual([
        ["Marta Ruiz", 3],
        ["Luis Gil", 1],
      ]);
    });

    it("counts ideas posted in the last 90 days, and staff by when they answered; nothing older", async () => {
      // 60 days later the window opens on 1 March at noon: i6 (posted that morning) is out, but
      // Marta's first reply to it (26 March) still counts for her.
      const record = await getListeningRecord({ now: new Date(now.getTime() + 60 * DAY), replyPromiseDays: 3 });
      expect(record).toMatchObject({ posted: 5, answered: 3, medianMs: 6 * HOUR, decided: 5, withinPromise: 2, adopted: 1 });
      expect(record.staff.map((person) => [person.displayName, person.answered])).toEqual([
        ["Marta Ruiz", 3],
        ["Luis Gil", 1],
      ]);
      const empty = await getListeningRecord({ now: new Date(now.getTime() + 120 * DAY), replyPromiseDays: 3 });
      expect(empty).toMatchObject({ posted: 0, answered: 0, medianMs: null, medianLate: false, decided: 0, withinPromise: 0, adopted: 0 });
      expect(empty.staff.map((person) => person.answered)).toEqual([0, 0]);
    });
  });
}
