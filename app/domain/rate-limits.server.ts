import { and, eq, gt, lte, sql } from "drizzle-orm";
import { rateLimits } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
import { ok, refused, type Ok, type Refused } from "~/lib/result";

/** At most `limit` hits per window of `windowMs` milliseconds. */
export type RateRule = { limit: number; windowMs: number };

/** A hit the rule refuses, and how long until the key's window ends and it may try again. */
export type RateLimited = Refused<"rateLimited"> & { retryAfterMs: number };
export type RateAllowed = Ok<{ remaining: number; resetAt: Date }>;

function rateLimited(resetAt: Date, now: Date): RateLimited {
  return { ...refused("rateLimited"), retryAfterMs: Math.max(1, resetAt.getTime() - now.getTime()) };
}

/**
 * Counts one hit of `key` (a bucket and who: "search:203.0.113.7", "signin:ana@example.com")
 * and says whether it is within `rule`. Fixed windows: the first hit opens a window of
 * `windowMs`, which allows `limit` hits; the next hit after it ends opens a new one (so across
 * a window's end at most twice the limit can pass in a short time).
 *
 * One statement, an upsert, counts and reads: two processes or servers hitting the same key at
 * once are counted one after the other by the database. A refused hit is rolled back (the
 * refusal ends the transaction): it does not count, and the window does not move.
 */
export async function consume(key: string, rule: RateRule, now = clockNow()): Promise<RateAllowed | RateLimited> {
  const resetAt = new Date(now.getTime() + rule.windowMs);
  return transaction(async (tx) => {
    const windowOver = lte(rateLimits.resetAt, now);
    const [counted] = await tx
      .insert(rateLimits)
      .values({ key, hits: 1, resetAt })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`case when ${windowOver} then 1 else ${rateLimits.hits} + 1 end`,
          resetAt: sql`case when ${windowOver} then excluded.reset_at else ${rateLimits.resetAt} end`,
        },
      })
      .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt });
    if (counted!.hits > rule.limit) return rateLimited(counted!.resetAt, now);
    return ok({ remaining: rule.limit - counted!.hits, resetAt: counted!.resetAt });
  });
}

/**
 * Whether one more hit of `key` would be allowed, without counting it: for limits that count
 * only failures (a wrong password) and must refuse before trying.
 */
export async function check(key: string, rule: RateRule, now = clockNow()): Promise<RateAllowed | RateLimited> {
  const [current] = await db
    .select({ hits: rateLimits.hits, resetAt: rateLimits.resetAt })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, now)))
    .limit(1);
  if (!current) return ok({ remaining: rule.limit, resetAt: new Date(now.getTime() + rule.windowMs) });
  if (current.hits >= rule.limit) return rateLimited(current.resetAt, now);
  return ok({ remaining: rule.limit - current.hits, resetAt: current.resetAt });
}

/** Forgets a key's hits (a successful sign-in clears its failures). */
export async function forget(key: string) {
  await transaction(async (tx) => {
    await tx.delete(rateLimits).where(eq(rateLimits.key, key));
  });
}

/** Deletes the windows that have ended: run by the background jobs, so the table stays small. */
export async function deleteEndedRateLimits(now = clockNow()) {
  await transaction(async (tx) => {
    await tx.delete(rateLimits).where(lte(rateLimits.resetAt, now));
  });
}
