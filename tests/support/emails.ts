import { asc, eq } from "drizzle-orm";
import { emailOutbox } from "#db/schema";
import { sendNotificationEmails } from "~/domain/notifications.server";
import { db } from "~/lib/db.server";

/** Far enough ahead that every waiting email is due, digests included. */
const LATER = new Date("2100-01-01T00:00:00Z");

/** Runs the notification-email job as if all its waiting were over, then reads what was queued for an address. */
export async function emailsTo(address: string, at: Date = LATER) {
  await sendNotificationEmails(at);
  return db
    .select({ subject: emailOutbox.subject, text: emailOutbox.text, html: emailOutbox.html, headers: emailOutbox.headers, fromName: emailOutbox.fromName })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(asc(emailOutbox.id));
}
