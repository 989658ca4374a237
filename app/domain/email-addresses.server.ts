import { eq } from "drizzle-orm";
import { site, users, type User } from "#db/tables";
import { confirmAddressEmail } from "~/domain/account-emails.server";
import { consumeAccountToken, issueAccountToken } from "~/domain/account-tokens.server";
import { now as clockNow } from "~/lib/clock.server";
import { transaction, type Tx } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { ok, refused } from "~/lib/result";

/**
 * Queues the link that confirms a person's address, inside the caller's transaction. Until they
 * follow it they can read but not post, vote or comment (`participationRefusal`, app/web).
 */
export async function queueAddressConfirmation(tx: Tx, person: Pick<User, "id" | "email" | "displayName" | "locale">, redirectTo?: string | null) {
  const [portal] = await tx.select().from(site).where(eq(site.id, 1)).limit(1);
  const token = await issueAccountToken(tx, { userId: person.id, purpose: "email_verification", email: person.email });
  await enqueueEmail(
    tx,
    confirmAddressEmail({ id: person.id, email: person.email, locale: person.locale ?? portal!.defaultLocale }, { site: portal!.name, name: person.displayName, token, redirectTo }),
  );
}

/** Sends the confirmation link again (the previous one stops working); nothing to do once confirmed. */
export async function resendAddressConfirmation(personId: string) {
  return transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.id, personId)).limit(1);
    if (!person) return refused("notFound");
    if (person.emailVerifiedAt) return refused("alreadyConfirmed");
    await queueAddressConfirmation(tx, person);
    return ok({ email: person.email });
  });
}

/**
 * Follows a confirmation link: the address it was sent to is confirmed. The link is used up,
 * and works only while it is still the person's address.
 */
export async function confirmAddress(token: string) {
  return transaction(async (tx) => {
    const used = await consumeAccountToken(tx, token, "email_verification");
    if (!used.ok) return used;
    const [person] = await tx.select().from(users).where(eq(users.id, used.value.userId)).limit(1);
    if (!person || person.email !== used.value.email) return refused("unusable");
    if (person.emailVerifiedAt) return ok(person);
    const [confirmed] = await tx.update(users).set({ emailVerifiedAt: clockNow() }).where(eq(users.id, person.id)).returning();
    return ok(confirmed!);
  });
}
