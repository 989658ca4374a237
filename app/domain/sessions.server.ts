import { and, desc, eq, ne } from "drizzle-orm";
import { sessions, users } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";

/** A session's last use is written at most this often: reading a page should rarely write. */
export const LAST_SEEN_GRANULARITY_MS = 5 * 60 * 1000;

/** A person's live sessions, most recently used first (for /settings/account). */
export async function listSessions(userId: string, now = clockNow()) {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((row) => expiresAtMs(row.expiresAt) > now.getTime()).map(({ expiresAt: _expiresAt, ...row }) => row);
}

/** expires_at is lucia's: seconds on SQLite, a timestamp on PostgreSQL (db/tables.ts types it as SQLite's). */
function expiresAtMs(expiresAt: number | Date) {
  return expiresAt instanceof Date ? expiresAt.getTime() : expiresAt * 1000;
}

/** Whether a session last seen at `lastSeenAt` should be marked as seen now. */
export function isSeenLongAgo(lastSeenAt: Date | null, now = clockNow()) {
  return !lastSeenAt || now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS;
}

/** Marks a session, and its person (the people directory's "last seen"), as used now. */
export async function markSessionSeen(session: { id: string; userId: string }, now = clockNow()) {
  await transaction(async (tx) => {
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
    await tx.update(users).set({ lastSeenAt: now }).where(eq(users.id, session.userId));
  });
}

/** Ends every session of a person but one (the one asking): "sign out everywhere else". Returns how many ended. */
export async function endOtherSessions(userId: string, keepSessionId: string) {
  return transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
      .returning({ id: sessions.id });
    return ended.length;
  });
}
