import { and, eq, isNull } from "drizzle-orm";
import { ideas } from "#db/tables";
import { getSite } from "~/domain/site.server";
import { now as clockNow } from "~/lib/clock.server";
import type { Tx } from "~/lib/db.server";

/**
 * Inside the caller's transaction: records the team's first public word on an idea, and who
 * said it. What counts: a staff member's public reply, an official response, a status change
 * with a signed note, and a challenge's signed results for its winners. Later words change
 * nothing: the promise is about the first.
 */
export async function recordFirstResponse(tx: Tx, ideaId: number, staffId: string, now: Date) {
  await tx
    .update(ideas)
    .set({ firstResponseAt: now, firstResponderId: staffId })
    .where(and(eq(ideas.id, ideaId), isNull(ideas.firstResponseAt)));
}

/** What a page needs to show the promise: the days the site gives itself, and the time now. */
export async function replyPromiseContext() {
  const site = await getSite();
  return { days: site?.replyPromiseDays ?? 3, now: clockNow().getTime() };
}

/** The first response as pages show it, from the columns a list query selects (the responder joined by `firstResponderId`). */
export function firstResponseFrom(row: { firstResponseAt: Date | null; responderId: string | null; responderName: string | null }) {
  return row.firstResponseAt && row.responderId ? { at: row.firstResponseAt, by: { id: row.responderId, displayName: row.responderName! } } : null;
}
