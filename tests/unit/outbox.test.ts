import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "#db/tables";
import { COALESCE_MS, sendNotificationEmails } from "~/domain/notifications.server";
import { db, transaction } from "~/lib/db.server";
import { claimDueEmails, deliverDueEmails, enqueueEmail, LEASE_MS, retryDelayMs } from "~/lib/mail/outbox.server";
import { markSafeHtml } from "~/lib/safe-html";
import { comment } from "#tests/support/comments";
import { exec } from "#tests/support/db";
import { ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import { decodeQuotedPrintable as decoded } from "#tests/support/mime";

type Received = { to: string[]; raw: string };

/** A real SMTP server on a free local port, recording what it receives. */
async function startSmtp(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as { port: number };
  return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  await ensureSite();
  smtp = await startSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

describe("delivering the outbox", () => {
  it("sends a staff reply's email over SMTP, in the recipient's language, with an unsubscribe link", async () => {
    const author = await makePerson("customer", { email: "lucia@example.com" });
    await exec(sql`update users set locale = 'es' where id = ${author.id}`);
    const staff = await makePerson("staff", { displayName: "Daniel Okafor" });
    const idea = await makeIdea(author.id, "Entrega los sábados");
    await comment(idea.id, staff, "Lo estamos mirando con el equipo de logística.");
    // Two minutes later (what else happens on the idea meanwhile joins it), the email is queued.
    await sendNotificationEmails(new Date(Date.now() + COALESCE_MS));

    expect(await deliverDueEmails(new Date(Date.now() + COALESCE_MS))).toEqual({ sent: 1, failed: 0 });
    const [email] = smtp.received;
    expect(email!.to).toEqual(["lucia@example.com"]);
    const text = decoded(email!.raw);
    expect(text).toMatch(/^Subject: =\?UTF-8\?/m);
    // Sent in the site's name, from MAIL_FROM's address; HTML beside the plain text.
    expect(text).toMatch(/^From: Test portal <no-reply@tertulia\.localhost>$/m);
    expect(text).toContain("Content-Type: text/plain");
    expect(text).toContain("Content-Type: text/html");
    expect(text).toContain("Content-Language: es");
    expect(text).toContain("Daniel Okafor te respondió en «Entrega los sábados»");
    expect(text).toContain("Lo estamos mirando con el equipo de logística.");
    const unsubscribe = /List-Unsubscribe:\s*<(http:\/\/tertulia\.test\/unsubscribe\?token=[\w.-]+)>/.exec(text)?.[1];
    expect(unsubscribe).toBeTruthy();
    expect(text).toContain(`Darme de baja de estos correos: ${unsubscribe}`);
    expect(text).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("keeps the email while the SMTP server is down and delivers it once it is back", async () => {
    const author = await makePerson("customer", { email: "patient@example.com" });
    const staff = await makePerson("staff");
    const idea = await makeIdea(author.id, "Weekend deliveries");
    const port = smtp.port;
    await smtp.close();
    await comment(idea.id, staff, "We hear you.");

    const now = new Date(Date.now() + COALESCE_MS);
    await sendNotificationEmails(now);
    expect(await deliverDueEmails(now)).toEqual({ sent: 0, failed: 1 });
    const stored = () =>
      db
        .select({ status: emailOutbox.status, attempts: emailOutbox.attempts, nextAt: emailOutbox.nextAttemptAt, error: emailOutbox.lastError })
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, "patient@example.com"));
    const [pending] = await stored();
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending!.nextAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(pending!.error).toBeTruthy();
    expect(await deliverDueEmails(now)).toEqual({ sent: 0, failed: 0 });

    smtp = await startSmtp(port);
    expect(await deliverDueEmails(new Date(now.getTime() + retryDelayMs(1)))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((email) => email.to)).toEqual([["patient@example.com"]]);
    expect(await stored()).toEqual([expect.objectContaining({ status: "sent", attempts: 2 })]);
  });

  it("sends each email exactly once with three senders at work at the same moment (three servers)", async () => {
    const now = new Date();
    const addresses = Array.from({ length: 20 }, (_, index) => `crowd${index + 1}@example.com`);
    await transaction(async (tx) => {
      for (const to of addresses) await enqueueEmail(tx, { recipientId: null, to, subject: "Hello", text: "Hello", html: markSafeHtml("<p>Hello</p>") }, now);
    });
    // Each sender claims three at a time until it finds nothing due, as a server's job would.
    const sender = async () => {
      let total = 0;
      for (let result = await deliverDueEmails(now, 3); result.sent > 0; result = await deliverDueEmails(now, 3)) total += result.sent;
      return total;
    };
    const sentBySender = await Promise.all([sender(), sender(), sender()]);

    expect(sentBySender.reduce((sum, sent) => sum + sent, 0)).toBe(20);
    const delivered = smtp.received.flatMap((email) => email.to).filter((to) => to.startsWith("crowd"));
    expect(delivered.toSorted()).toEqual(addresses.toSorted());
    const statuses = await db.select({ status: emailOutbox.status, attempts: emailOutbox.attempts }).from(emailOutbox).where(eq(emailOutbox.subject, "Hello"));
    expect(statuses).toEqual(addresses.map(() => ({ status: "sent", attempts: 1 })));
  });

  it("leaves a claimed email to its sender until the lease runs out, then another sends it", async () => {
    const now = new Date();
    await transaction((tx) => enqueueEmail(tx, { recipientId: null, to: "lost@example.com", subject: "Lost", text: "Lost", html: markSafeHtml("<p>Lost</p>") }, now));
    // A sender claims it and dies before sending.
    expect((await claimDueEmails(now, 20)).map((email) => email.toAddress)).toEqual(["lost@example.com"]);

    expect(await deliverDueEmails(new Date(now.getTime() + LEASE_MS - 1))).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueEmails(new Date(now.getTime() + LEASE_MS))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.flatMap((email) => email.to).filter((to) => to === "lost@example.com")).toHaveLength(1);
    // Both claims counted: an email that kills every sender that takes it stops being retried.
    const [stored] = await db.select({ attempts: emailOutbox.attempts }).from(emailOutbox).where(eq(emailOutbox.subject, "Lost"));
    expect(stored!.attempts).toBe(2);
  });

  it("backs off exponentially, up to six hours", () => {
    expect([1, 2, 3, 10, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 6 * 3600_000, 6 * 3600_000]);
  });
});
