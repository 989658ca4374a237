import { and, count, eq, inArray } from "drizzle-orm";
import { ideas, users } from "#db/tables";
import { db } from "~/lib/db.server";
import { DAY_MS } from "~/domain/insights-period";
import { awaitsReply, listeningTotals, within } from "~/domain/insights.server";

// The public listening record (/listening, issue 14): how fast and how often the company
// answered in the last 90 days, and who answered. The figures are the insights page's own
// (listeningTotals), for a window that ends now, so staff and the public read the same numbers.

export const LISTENING_RECORD_DAYS = 90;

/** The last 90 days up to `now`: time to the first reply, the promise kept, adoptions, and each staff member's answered count. */
export async function getListeningRecord(input: { now: Date; replyPromiseDays: number }) {
  const { now } = input;
  const range = { start: new Date(now.getTime() - LISTENING_RECORD_DAYS * DAY_MS), end: now };
  const answeredFirst = count();
  const [listening, [adopted], staff, answered] = await Promise.all([
    listeningTotals(range, {}, input.replyPromiseDays * DAY_MS, now),
    db
      .select({ n: count() })
      .from(ideas)
      .where(and(eq(ideas.status, "adopted"), within(ideas.adoptedAt, range))),
    db
      .select({ id: users.id, displayName: users.displayName, jobTitle: users.jobTitle })
      .from(users)
      .where(inArray(users.role, ["staff", "admin"])),
    db
      .select({ personId: ideas.firstResponderId, answered: answeredFirst })
      .from(ideas)
      .where(and(within(ideas.firstResponseAt, range), awaitsReply()))
      .groupBy(ideas.firstResponderId),
  ]);
  const answeredBy = new Map(answered.map((row) => [row.personId, row.answered]));
  return {
    since: range.start,
    until: range.end,
    replyPromiseDays: input.replyPromiseDays,
    posted: listening.posted,
    answered: listening.answered,
    medianMs: listening.medianMs,
    /** The median reply came later than the promise: shown as late, never hidden. */
    medianLate: listening.medianMs !== null && listening.medianMs > input.replyPromiseDays * DAY_MS,
    /** Ideas whose promise is decided (answered, or unanswered past the deadline), and those answered within it. */
    decided: listening.decided,
    withinPromise: listening.withinPromise,
    adopted: adopted?.n ?? 0,
    /** Every staff member, with the ideas they were first to answer; none left out for answering none. */
    staff: staff
      .map((person) => ({ ...person, answered: answeredBy.get(person.id) ?? 0 }))
      .sort((a, b) => b.answered - a.answered || a.displayName.localeCompare(b.displayName)),
  };
}
export type ListeningRecord = Awaited<ReturnType<typeof getListeningRecord>>;
