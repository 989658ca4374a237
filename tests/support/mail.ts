import { asc, eq } from "drizzle-orm";
import { emailOutbox } from "#db/tables";
import { sendNotificationEmails } from "~/domain/notifications.server";
import { db } from "~/lib/db.server";

/** The emails queued for an address, oldest first. */
export async function emailsTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(asc(emailOutbox.id));
}

/** Far enough ahead that every waiting notification email is due, digests included. */
const LATER = new Date("2100-01-01T00:00:00Z");

/** Runs the notification-email job as if all waiting were over (or at `at`), then reads what was queued for an address. */
export async function notificationEmailsTo(address: string, at: Date = LATER) {
  await sendNotificationEmails(at);
  return emailsTo(address);
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
