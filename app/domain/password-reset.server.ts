import { and, eq } from "drizzle-orm";
import { sessions, site, users } from "#db/tables";
import { passwordResetEmail } from "~/domain/account-emails.server";
import { consumeAccountToken, issueAccountToken } from "~/domain/account-tokens.server";
import { hashPassword, normalizeEmail } from "~/domain/people.server";
import { now as clockNow } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { ok, refused } from "~/lib/result";

/**
 * "Forgot my password": emails a single-use link that works for an hour to the account with this
 * address. The answer is the same whether or not there is one, so the page that asks reveals
 * nothing about who has an account.
 */
export async function requestPasswordReset(email: string) {
  const address = normalizeEmail(email);
  await transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.email, address)).limit(1);
    if (!person) return;
    const [portal] = await tx.select().from(site).where(eq(site.id, 1)).limit(1);
    const token = await issueAccountToken(tx, { userId: person.id, purpose: "password_reset", email: person.email });
    await enqueueEmail(tx, passwordResetEmail({ id: person.id, email: person.email, locale: person.locale ?? portal!.defaultLocale }, { site: portal!.name, token }));
  });
}

/**
 * Sets a new password with a reset link: the link is used up, every session of the person ends
 * (whoever else was signed in is out), and their address counts as confirmed, since the link
 * reached it. The caller starts the new session.
 */
export async function resetPassword(token: string, password: string) {
  // Hashing is slow: done before the transaction, so the writer is not held while it runs.
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const used = await consumeAccountToken(tx, token, "password_reset");
    if (!used.ok) return used;
    // A link sent before the address changed does not work for the new one.
    const [person] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, used.value.userId), eq(users.email, used.value.email)))
      .limit(1);
    if (!person) return refused("unusable");
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: person.emailVerifiedAt ?? clockNow() })
      .where(eq(users.id, person.id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, person.id));
    return ok(updated!);
  });
}
