import { and, eq, gt, isNull } from "drizzle-orm";
import { accountTokens, type AccountTokenPurpose } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken, hashToken } from "~/lib/crypto.server";
import { db, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** How long each kind of emailed link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  email_verification: 48 * 60 * 60 * 1000,
  email_change: 48 * 60 * 60 * 1000,
};

/**
 * A new link of this purpose for a person, inside the caller's transaction (with the email that
 * carries it). Returns the token for the link; the database keeps only its hash. The person's
 * earlier unused links of the same purpose stop working: only the newest email counts.
 */
export async function issueAccountToken(tx: Tx, input: { userId: string; purpose: AccountTokenPurpose; email: string; now?: Date }) {
  const now = input.now ?? clockNow();
  const token = generateToken();
  await tx
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, input.userId), eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)));
  await tx.insert(accountTokens).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    createdAt: now,
  });
  return token;
}

/** The link's row while it can still be used (not used, not expired), for pages that show a form first. */
export async function findUsableAccountToken(token: string, purpose: AccountTokenPurpose, now = clockNow()) {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/**
 * Uses a link, inside the caller's transaction: single use, because the update matches only a
 * row not used yet, so of two requests racing with one link only the first gets it.
 */
export async function consumeAccountToken(tx: Tx, token: string, purpose: AccountTokenPurpose, now = clockNow()) {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning();
  return row ? ok(row) : refused("unusable");
}
