import { and, asc, eq, inArray, is, lte, sql } from "drizzle-orm";
import { PgTable, type PgSelect } from "drizzle-orm/pg-core";
import { emailOutbox, site } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { openMailTransport } from "~/lib/mail/transport.server";
import type { SafeHtml } from "~/lib/safe-html";

/**
 * Every email goes through the outbox table (docs/decisions/0004-email-outbox.md): queued in
 * the transaction of the event that causes it, delivered later by a background job
 * (app/jobs), retried with back-off, so a down SMTP server delays mail but loses none. Each
 * sender claims what it sends for a while (a lease), so several servers send each email once.
 */
export const MAX_ATTEMPTS = 10;
const BATCH_SIZE = 20;

export type OutgoingEmail = {
  recipientId: string | null;
  to: string;
  /** The sender's name (the site's); the address is MAIL_FROM's. */
  fromName?: string;
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
    fromName: email.fromName ?? null,
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

/**
 * How long a sender holds the emails it claimed before others may take them: longer than
 * sending a batch takes (nodemailer gives up on a silent server after a few minutes), short
 * enough that mail claimed by a server that died goes out soon after.
 */
export const LEASE_MS = 15 * 60 * 1000;

/**
 * Claims up to a batch of due emails for this sender, in one statement: it moves their next
 * attempt past the lease (so no other sender finds them due meanwhile) and counts the attempt
 * (so an email that kills its sender is not retried forever). However many servers send, each
 * email is claimed by one; if that sender dies, the lease runs out and another sends it.
 *
 * On PostgreSQL the due rows are locked `FOR UPDATE SKIP LOCKED`: senders claiming at the same
 * moment skip each other's rows instead of waiting for them and failing to serialize. On
 * SQLite the statement runs under the write lock, one sender after the other. The first half of
 * deliverDueEmails (exported for its tests).
 */
export async function claimDueEmails(now: Date, batchSize: number) {
  return transaction(async (tx) => {
    const due = tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(batchSize);
    return tx
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${emailOutbox.attempts} + 1` })
      .where(inArray(emailOutbox.id, onPostgres ? (due as unknown as PgSelect).for("update", { skipLocked: true }) : due))
      .returning();
  });
}

// Decided by the table the query names, so that the SQL always matches the query's dialect.
const onPostgres = is(emailOutbox, PgTable);

/** The name emails come from: the site's sender name, else the site's name (read at each delivery, so a change applies at once). */
export async function senderName() {
  const [row] = await db.select({ name: site.name, senderName: site.senderName }).from(site).limit(1);
  return row?.senderName ?? row?.name ?? "Tertulia";
}

/** Sends what is due, a batch at most; failures are retried later with back-off. Returns what happened. */
export async function deliverDueEmails(now = clockNow(), batchSize = BATCH_SIZE) {
  const claimed = await claimDueEmails(now, batchSize);
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const transport = await openMailTransport({ senderName: await senderName() });
  let sent = 0;
  let failed = 0;
  try {
    for (const email of claimed) {
      try {
        await transport.send(
          { to: email.toAddress, fromName: email.fromName, subject: email.subject, text: email.text, html: email.html, headers: JSON.parse(email.headers) as Record<string, string> },
          `${now.getTime()}-${email.id}`,
        );
      } catch (error) {
        await transaction(async (tx) => {
          await tx
            .update(emailOutbox)
            .set({
              status: email.attempts >= MAX_ATTEMPTS ? "failed" : "pending",
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(email.attempts)),
              lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
            })
            .where(eq(emailOutbox.id, email.id));
        });
        failed += 1;
        continue;
      }
      await transaction(async (tx) => {
        await tx.update(emailOutbox).set({ status: "sent", sentAt: clockNow(), lastError: null }).where(eq(emailOutbox.id, email.id));
      });
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
