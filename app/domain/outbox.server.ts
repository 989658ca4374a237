import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, lte } from "drizzle-orm";
import nodemailer from "nodemailer";
import { emailOutbox } from "#db/schema";
import { db, type Tx } from "~/lib/db.server";
import type { SafeHtml } from "~/lib/safe-html";

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
export function enqueueEmail(tx: Tx, email: OutgoingEmail, now = new Date()) {
  tx.insert(emailOutbox)
    .values({
      recipientId: email.recipientId,
      toAddress: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: JSON.stringify(email.headers ?? {}),
      nextAttemptAt: now,
      createdAt: now,
    })
    .run();
}

/** Wait before the next try: 1 min, 2, 4… capped at 6 hours. */
export function retryDelayMs(attempts: number) {
  return Math.min(60_000 * 2 ** (attempts - 1), 6 * 60 * 60 * 1000);
}

function mailDirectory() {
  return path.resolve(process.env.MAIL_DIRECTORY ?? "data/mail");
}

/** SMTP_URL sends for real; without it each email becomes a .eml file under data/mail. */
function createTransport() {
  if (process.env.SMTP_URL) return nodemailer.createTransport(process.env.SMTP_URL);
  return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
}

function sender() {
  return process.env.MAIL_FROM ?? "Tertulia <no-reply@tertulia.localhost>";
}

/** Sends what is due; failures are retried later with back-off. Returns what happened. */
export async function deliverDueEmails(now = new Date()) {
  const due = db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(BATCH_SIZE)
    .all();
  if (due.length === 0) return { sent: 0, failed: 0 };
  const transport = createTransport();
  let sent = 0;
  let failed = 0;
  for (const email of due) {
    try {
      const info = await transport.sendMail({
        from: sender(),
        to: email.toAddress,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: JSON.parse(email.headers) as Record<string, string>,
      });
      if (!process.env.SMTP_URL && "message" in info && Buffer.isBuffer(info.message)) {
        fs.mkdirSync(mailDirectory(), { recursive: true });
        const file = path.join(mailDirectory(), `${now.getTime()}-${email.id}.eml`);
        fs.writeFileSync(file, info.message);
        console.log(`Email to ${email.toAddress} written to ${file}`);
      }
      db.update(emailOutbox).set({ status: "sent", sentAt: new Date(), attempts: email.attempts + 1, lastError: null }).where(eq(emailOutbox.id, email.id)).run();
      sent += 1;
    } catch (error) {
      const attempts = email.attempts + 1;
      db.update(emailOutbox)
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        })
        .where(eq(emailOutbox.id, email.id))
        .run();
      failed += 1;
    }
  }
  transport.close();
  return { sent, failed };
}

/** Delivers the outbox every few seconds in the server process. */
export function startOutboxWorker(intervalMs = 5_000) {
  const state = globalThis as { __tertuliaOutbox?: NodeJS.Timeout };
  if (state.__tertuliaOutbox) return;
  let running = false;
  state.__tertuliaOutbox = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEmails()
      .catch((error: unknown) => console.error("Email delivery failed:", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  state.__tertuliaOutbox.unref();
}
