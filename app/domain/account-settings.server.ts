import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { accountTokens, sessions, site, users } from "#db/tables";
import { emailChangedEmail, emailChangeEmail } from "~/domain/account-emails.server";
import { consumeAccountToken, issueAccountToken } from "~/domain/account-tokens.server";
import { hashPassword, normalizeEmail, passwordMatches } from "~/domain/people.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { ok, refused } from "~/lib/result";

async function portalOf(tx: Tx) {
  const [portal] = await tx.select({ name: site.name, defaultLocale: site.defaultLocale }).from(site).limit(1);
  return portal!;
}

/** The person, when `password` is theirs: what proves it is them before their account changes. */
async function withPassword(personId: string, password: string) {
  const [person] = await db.select().from(users).where(eq(users.id, personId)).limit(1);
  if (!person) return refused("notFound");
  if (!(await passwordMatches(person.passwordHash, password))) return refused("wrongPassword");
  return ok(person);
}

/**
 * Changes a person's password; the current one must be given. Every other session of theirs
 * ends (whoever else was signed in with the old password is out); `keepSessionId` stays.
 */
export async function changePassword(input: { personId: string; currentPassword: string; newPassword: string; keepSessionId: string }) {
  const person = await withPassword(input.personId, input.currentPassword);
  if (!person.ok) return person;
  // Hashing is slow: done before the transaction, so the writer is not held while it runs.
  const passwordHash = await hashPassword(input.newPassword);
  return transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.personId));
    await tx.delete(sessions).where(and(eq(sessions.userId, input.personId), ne(sessions.id, input.keepSessionId)));
    return ok();
  });
}

/**
 * Asks to move the account to another address (the password proves it is them). Nothing
 * changes yet: the new address gets a link, and the change takes effect when it is followed.
 */
export async function requestEmailChange(input: { personId: string; newEmail: string; password: string }) {
  const email = normalizeEmail(input.newEmail);
  const person = await withPassword(input.personId, input.password);
  if (!person.ok) return person;
  if (person.value.email === email) return refused("sameEmail");
  return transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (taken) return refused("emailTaken");
    const portal = await portalOf(tx);
    const token = await issueAccountToken(tx, { userId: person.value.id, purpose: "email_change", email });
    const recipient = { id: person.value.id, email, locale: person.value.locale ?? portal.defaultLocale };
    await enqueueEmail(tx, emailChangeEmail(recipient, { site: portal.name, previous: person.value.email, token }));
    return ok({ email });
  });
}

/** The address a person asked to move to and has not confirmed yet, if any. */
export async function pendingEmailChange(personId: string, now = clockNow()) {
  const [pending] = await db
    .select({ email: accountTokens.email })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, personId), eq(accountTokens.purpose, "email_change"), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .limit(1);
  return pending?.email ?? null;
}

/**
 * Follows an email-change link: the new address becomes the account's, confirmed (the link
 * reached it), and the previous address is told, in case it was not its owner who asked.
 */
export async function confirmEmailChange(token: string) {
  return transaction(async (tx) => {
    const used = await consumeAccountToken(tx, token, "email_change");
    if (!used.ok) return used;
    const [person] = await tx.select().from(users).where(eq(users.id, used.value.userId)).limit(1);
    if (!person) return refused("unusable");
    // Someone may have taken the address since the link was sent.
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, used.value.email)).limit(1);
    if (taken) return refused("emailTaken");
    const [moved] = await tx.update(users).set({ email: used.value.email, emailVerifiedAt: clockNow() }).where(eq(users.id, person.id)).returning();
    const portal = await portalOf(tx);
    const recipient = { id: person.id, email: person.email, locale: person.locale ?? portal.defaultLocale };
    await enqueueEmail(tx, emailChangedEmail(recipient, { site: portal.name, next: used.value.email }));
    return ok(moved!);
  });
}
