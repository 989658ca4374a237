import { eq } from "drizzle-orm";
import { site, users, type Locale } from "#db/tables";
import { signUpAttemptEmail } from "~/domain/account-emails.server";
import { issueAccountToken } from "~/domain/account-tokens.server";
import { queueAddressConfirmation } from "~/domain/email-addresses.server";
import { insertPerson, preparePerson } from "~/domain/people.server";
import { transaction } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { ok } from "~/lib/result";

/**
 * A sign-up, answered the same way whether or not the address has an account, so the form
 * tells nobody who is registered: "check your email". A newcomer's account is created with
 * the address unconfirmed, and the address gets the confirmation link; the owner of an address
 * that already has an account is told someone tried, with a link to choose a new password in
 * case it was them. Both cost the same: the password is hashed either way.
 */
export async function signUp(input: { email: string; displayName: string; password: string; locale: Locale | null; redirectTo?: string | null }) {
  const values = await preparePerson({ email: input.email, displayName: input.displayName, password: input.password, locale: input.locale });
  await transaction(async (tx) => {
    const [owner] = await tx.select().from(users).where(eq(users.email, values.email)).limit(1);
    if (owner) {
      const [portal] = await tx.select().from(site).where(eq(site.id, 1)).limit(1);
      const token = await issueAccountToken(tx, { userId: owner.id, purpose: "password_reset", email: owner.email });
      await enqueueEmail(tx, signUpAttemptEmail({ id: owner.id, email: owner.email, locale: owner.locale ?? portal!.defaultLocale }, { site: portal!.name, token }));
      return ok();
    }
    // Within this transaction the address is free: the check above holds the write lock.
    const person = await insertPerson(tx, values);
    if (person.ok) await queueAddressConfirmation(tx, person.value, input.redirectTo);
    return person;
  });
}
