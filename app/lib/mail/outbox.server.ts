import { and, asc, eq, lte } from "drizzle-orm";
import { emailOutbox } from "#db/schema";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { openMailTransport } from "~/lib/mail/transport.server";
import type { SafeHtml } from "~/lib/safe-html";

/**
 * Every email goes through the outbox table (docs/decisions/0004-email-outbox.md): queued in
 * the transaction of the event that causes it, delivered later by a background job
 * (app/jobs), retried with back-off, so a down SMTP server delays mail but loses none.
 */
export const MAX_ATTEMPTS = 10;
const BATCH_SIZE = 20;

export type OutgoingEmail = {
  recipientId: string | null;
  to: string;
  subject: string;
  text: string;
  html: SafeHtml;
  headers?: Record<string, string>;
};

/** Queues an email inside the caller's transaction: it exists if and only if the event does. */
export async function enqueueEmail(tx: Tx, email: OutgoingEmail, now = clockNow()) {
  await tx.insert(emailOutbox).values({
    recipientId: email.recipientId,
    toAddress: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: JSON.stringify(email.headers ?? {}),
    nextAttemptAt: now,
    createdAt: now,
  });
}

/** Wait before the next try: 1 min, 2, 4… capped at 6 hours. */
export function retryDelayMs(attempts: number) {
  return Math.min(60_000 * 2 ** (attempts - 1), 6 * 60 * 60 * 1000);
}

/** Sends what is due; failures are retried later with back-off. Returns what happened. */
export async function deliverDueEmails(now = clockNow()) {
  const due = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(BATCH_SIZE);
  if (due.length === 0) return { sent: 0, failed: 0 };
  const transport = await openMailTransport();
  let sent = 0;
  let failed = 0;
  try {
    for (const email of due) {
      const attempts = email.attempts + 1;
      try {
        await transport.send(
          { to: email.toAddress, subject: email.subject, text: email.text, html: email.html, headers: JSON.parse(email.headers) as Record<string, string> },
          `${now.getTime()}-${email.id}`,
        );
      } catch (error) {
        await transaction(async (tx) => {
          await tx
            .update(emailOutbox)
            .set({
              attempts,
              status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
              lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
            })
            .where(eq(emailOutbox.id, email.id));
        });
        failed += 1;
        continue;
      }
      await transaction(async (tx) => {
        await tx.update(emailOutbox).set({ status: "sent", sentAt: clockNow(), attempts, lastError: null }).where(eq(emailOutbox.id, email.id));
      });
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
