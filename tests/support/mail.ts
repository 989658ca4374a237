import { asc, eq } from "drizzle-orm";
import { emailOutbox } from "#db/tables";
import { db } from "~/lib/db.server";

/** The emails queued for an address, oldest first. */
export async function emailsTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(asc(emailOutbox.id));
}

/** The newest email queued for an address (fails the test when there is none). */
export async function lastEmailTo(address: string) {
  const emails = await emailsTo(address);
  const last = emails.at(-1);
  if (!last) throw new Error(`No email to ${address}`);
  return last;
}

/** The token in the email's link to `/prefix/TOKEN` (e.g. "reset-password"), or null. */
export function tokenIn(email: { text: string }, prefix: string) {
  return new RegExp(`/${prefix}/([A-Za-z0-9_-]+)`).exec(email.text)?.[1] ?? null;
}
