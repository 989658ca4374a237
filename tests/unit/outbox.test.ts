import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "#db/schema";
import { db } from "~/lib/db.server";
import { deliverDueEmails, retryDelayMs } from "~/lib/mail/outbox.server";
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

    expect(await deliverDueEmails()).toEqual({ sent: 1, failed: 0 });
    const [email] = smtp.received;
    expect(email!.to).toEqual(["lucia@example.com"]);
    const text = decoded(email!.raw);
    expect(text).toMatch(/^Subject: =\?UTF-8\?/m);
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

    const now = new Date();
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

  it("backs off exponentially, up to six hours", () => {
    expect([1, 2, 3, 10, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 6 * 3600_000, 6 * 3600_000]);
  });
});
