import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { webhookDeliveries } from "#db/tables";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWebhook, enableWebhook, listWebhooks, sendTestEvent } from "~/domain/webhooks.server";
import { changeStatus } from "~/domain/workflow.server";
import { setClock } from "~/lib/clock.server";
import { transaction } from "~/lib/db.server";
import { retryDelayMs } from "~/lib/mail/outbox.server";
import { deliverDueWebhooks, WEBHOOK_DISABLE_AFTER } from "~/lib/webhooks/outbox.server";
import { SIGNATURE_HEADER, verifySignature } from "~/lib/webhooks/signature.server";
import { exec, rows } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea, plainBody } from "#tests/support/ideas";

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A local receiver: answers with the statuses it is given, in turn (then 200), and keeps what arrived. */
let received: Received[] = [];
let connections = 0;
let answers: number[] = [];
const receiver = http.createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    received.push({ headers: request.headers, body });
    response.statusCode = answers.shift() ?? 200;
    response.end("ok");
  });
});
receiver.on("connection", () => (connections += 1));
let receiverUrl = "";
let adminId = "";

beforeAll(async () => {
  await ensureSite();
  adminId = (await makePerson("admin")).id;
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

afterEach(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
  setClock(null);
  received = [];
  answers = [];
  await exec(sql`delete from webhooks`);
});

/** The local receiver is on 127.0.0.1: only the explicit setting lets a webhook reach it. */
function allowLocalReceiver() {
  process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = "1";
}

describe("saving a webhook", () => {
  it("refuses loopback, private and link-local addresses without connecting, and addresses that are not http(s)", async () => {
    const at = (url: string) => createWebhook({ url, events: ["idea.posted"], format: "json", adminId });
    for (const url of [receiverUrl, "http://10.0.0.1/hook", "http://169.254.169.254/latest", "http://[::1]:8080/", "http://192.168.1.20/"]) {
      expect(await at(url), url).toEqual({ ok: false, reason: "privateAddress" });
    }
    expect(await at("ftp://example.com/hook")).toEqual({ ok: false, reason: "invalidUrl" });
    expect(await at("https://user:secret@example.com/hook")).toEqual({ ok: false, reason: "invalidUrl" });
    expect(await createWebhook({ url: "https://example.com/hook", events: [], format: "json", adminId })).toEqual({ ok: false, reason: "noEvents" });
    expect(connections).toBe(0);
  });
});

describe("delivering", () => {
  it("sends an event signed with the webhook's secret and a timestamp, which the receiver can verify", async () => {
    allowLocalReceiver();
    const hook = accepted(await createWebhook({ url: receiverUrl, events: ["idea.posted", "idea.status_changed"], format: "json", adminId }));
    const idea = await makeIdea((await makePerson()).id, "Signed deliveries");
    expect(await deliverDueWebhooks()).toEqual({ sent: 1, failed: 0 });
    const [delivery] = received;
    expect(delivery!.headers["tertulia-event"]).toBe("idea.posted");
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: "idea.posted", data: { idea: { id: idea.id, title: "Signed deliveries" } } });
    const signature = String(delivery!.headers[SIGNATURE_HEADER.toLowerCase()]);
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(hook.secret, delivery!.body, signature, now)).toBe(true);
    expect(verifySignature(hook.secret, delivery!.body.replace("Signed", "Forged"), signature, now)).toBe(false);
    expect(verifySignature("whsec_wrong", delivery!.body, signature, now)).toBe(false);
    // Replayed ten minutes later: refused by the timestamp.
    expect(verifySignature(hook.secret, delivery!.body, signature, now + 600)).toBe(false);
  });

  it("retries after a 500, with back-off, and keeps the status codes in the delivery log", async () => {
    allowLocalReceiver();
    const hook = accepted(await createWebhook({ url: receiverUrl, events: ["idea.status_changed"], format: "json", adminId }));
    const staff = await makePerson("staff");
    const idea = await makeIdea((await makePerson()).id, "Retry me");
    accepted(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "planned", note: plainBody("Soon.") }));
    answers = [500];
    const start = new Date();
    expect(await deliverDueWebhooks(start)).toEqual({ sent: 0, failed: 1 });
    // Not yet due again.
    expect(await deliverDueWebhooks(new Date(start.getTime() + retryDelayMs(1) - 1000))).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueWebhooks(new Date(start.getTime() + retryDelayMs(1)))).toEqual({ sent: 1, failed: 0 });
    expect(received.map((delivery) => JSON.parse(delivery.body).data.to)).toEqual(["planned", "planned"]);
    const [logged] = (await listWebhooks()).filter((listed) => listed.id === hook.id);
    expect(logged!.deliveries[0]).toMatchObject({ event: "idea.status_changed", status: "sent", attempts: 2, lastStatusCode: 200 });
  });

  it("loses no delivery when a sender dies holding it: its claim runs out and another sends it", async () => {
    allowLocalReceiver();
    const hook = accepted(await createWebhook({ url: receiverUrl, events: ["idea.posted"], format: "json", adminId }));
    await makeIdea((await makePerson()).id, "Survives a restart");
    const start = new Date();
    // A process claimed it and was killed before sending (as a restart mid-delivery leaves it).
    await transaction((tx) => tx.update(webhookDeliveries).set({ claimedUntil: new Date(start.getTime() + 60_000) }).where(eq(webhookDeliveries.webhookId, hook.id)));
    expect(await deliverDueWebhooks(start)).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueWebhooks(new Date(start.getTime() + 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("refuses, at send time too, an address in a private range when it is not allowed", async () => {
    allowLocalReceiver();
    const hook = accepted(await createWebhook({ url: receiverUrl, events: ["idea.posted"], format: "json", adminId }));
    delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
    await makeIdea((await makePerson()).id, "Not to loopback");
    expect(await deliverDueWebhooks()).toEqual({ sent: 0, failed: 1 });
    expect(received).toHaveLength(0);
    const [logged] = (await listWebhooks()).filter((listed) => listed.id === hook.id);
    expect(logged!.deliveries[0]!.lastError).toMatch(/not allowed/);
  });

  it("disables a webhook after repeated failures and emails the admin who made it; enabling starts afresh", async () => {
    allowLocalReceiver();
    const hook = accepted(await createWebhook({ url: receiverUrl, events: ["idea.posted"], format: "json", adminId }));
    await exec(sql`update webhooks set failure_count = ${WEBHOOK_DISABLE_AFTER - 1} where id = ${hook.id}`);
    answers = [503];
    accepted(await sendTestEvent(hook.id));
    expect(await deliverDueWebhooks()).toEqual({ sent: 0, failed: 1 });
    const [disabled] = (await listWebhooks()).filter((listed) => listed.id === hook.id);
    expect(disabled!.disabledAt).not.toBeNull();
    const mail = await rows<{ subject: string }>(sql`select subject from email_outbox where subject like '%webhook%' order by id desc limit 1`);
    expect(mail[0]?.subject).toMatch(/disabled/i);
    // Events are not queued for a disabled webhook.
    await makeIdea((await makePerson()).id, "Nobody listening");
    expect(await rows(sql`select id from webhook_deliveries where webhook_id = ${hook.id} and event = 'idea.posted'`)).toHaveLength(0);
    accepted(await enableWebhook(hook.id));
    const [enabled] = (await listWebhooks()).filter((listed) => listed.id === hook.id);
    expect([enabled!.disabledAt, enabled!.failureCount]).toEqual([null, 0]);
  });

  it("sends a Slack-compatible one-liner to a webhook in the slack format", async () => {
    allowLocalReceiver();
    accepted(await createWebhook({ url: receiverUrl, events: ["idea.posted"], format: "slack", adminId }));
    const idea = await makeIdea((await makePerson()).id, "Faster <checkout> & more");
    await deliverDueWebhooks();
    expect(JSON.parse(received[0]!.body)).toEqual({ text: expect.stringMatching(new RegExp(`^New idea: <http[^|]+/ideas/${idea.id}-[^|]+\\|Faster &lt;checkout&gt; &amp; more>$`)) });
  });
});
