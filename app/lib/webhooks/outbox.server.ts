import http from "node:http";
import https from "node:https";
import { and, asc, eq, inArray, is, isNull, lte, or, sql } from "drizzle-orm";
import { PgTable, type PgSelect } from "drizzle-orm/pg-core";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { site, users, webhookDeliveries, webhooks } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
import { escapeHtml } from "~/lib/html";
import { translatorFor } from "~/lib/i18n";
import { enqueueEmail, retryDelayMs } from "~/lib/mail/outbox.server";
import { privateAddressesAllowed } from "~/lib/webhooks/address.server";
import { SIGNATURE_HEADER, signPayload } from "~/lib/webhooks/signature.server";
import { slackText } from "~/lib/webhooks/slack";

/**
 * The webhooks' outbox, like the email outbox (decision 0004): deliveries are rows written in
 * the transaction of their event and sent by the background jobs, so a receiver that is down,
 * or a server restarted mid-retry, delays a delivery but loses none. A sender claims a batch
 * for CLAIM_MS (an UPDATE of the due rows not claimed by anyone else), so two processes never
 * send one row at once, and a claim left by a crashed process runs out by itself.
 */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** Failed attempts in a row, across deliveries, after which a webhook is disabled and its maker told. */
export const WEBHOOK_DISABLE_AFTER = 20;
export const WEBHOOK_TIMEOUT_MS = 10_000;
const CLAIM_MS = 60_000;
const BATCH_SIZE = 20;

const agents = new Map<string, http.Agent>();
/** The filtering agent refuses, at connection time, an address in a private range (unless allowed). */
function agentFor(protocol: string) {
  const allowPrivateIPAddress = privateAddressesAllowed();
  const key = `${protocol}|${allowPrivateIPAddress}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = protocol === "https:" ? new RequestFilteringHttpsAgent({ allowPrivateIPAddress }) : new RequestFilteringHttpAgent({ allowPrivateIPAddress });
    agents.set(key, agent);
  }
  return agent;
}

/** POSTs a body; answers the status code, or throws (refused address, timeout, connection error). */
function post(url: string, body: string, headers: Record<string, string>) {
  const target = new URL(url);
  const send = target.protocol === "https:" ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const request = send(target, { method: "POST", agent: agentFor(target.protocol), headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (response) => {
      // The answer's body is not needed: read and dropped, so the socket is freed.
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.setTimeout(WEBHOOK_TIMEOUT_MS, () => request.destroy(new Error(`No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

// Decided by the table the query names, so that the SQL always matches the query's dialect.
const onPostgres = is(webhookDeliveries, PgTable);

/**
 * Takes the due deliveries nobody else holds, for CLAIM_MS, in one statement. On PostgreSQL the
 * due rows are locked `FOR UPDATE SKIP LOCKED`, so senders on several servers claiming at once
 * skip each other's rows rather than wait for them (as the email outbox does); on SQLite the
 * statement runs under the write lock, one sender after the other.
 */
async function claimDue(now: Date) {
  return transaction(async (tx) => {
    const due = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, now)),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(BATCH_SIZE);
    return tx
      .update(webhookDeliveries)
      .set({ claimedUntil: new Date(now.getTime() + CLAIM_MS) })
      .where(inArray(webhookDeliveries.id, onPostgres ? (due as unknown as PgSelect).for("update", { skipLocked: true }) : due))
      .returning();
  });
}

/** Sends what is due, signed; records each answer; retries failures with back-off. */
export async function deliverDueWebhooks(now = clockNow()) {
  const claimed = await claimDue(now);
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const hooks = await db
    .select()
    .from(webhooks)
    .where(inArray(webhooks.id, [...new Set(claimed.map((delivery) => delivery.webhookId))]));
  const byId = new Map(hooks.map((hook) => [hook.id, hook]));
  let sent = 0;
  let failed = 0;
  for (const delivery of claimed) {
    const hook = byId.get(delivery.webhookId)!;
    const attempts = delivery.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    if (hook.disabledAt) {
      error = "The webhook is disabled";
    } else {
      const body = hook.format === "slack" ? JSON.stringify({ text: slackText(JSON.parse(delivery.payload) as never) }) : delivery.payload;
      try {
        statusCode = await post(hook.url, body, {
          "Content-Type": "application/json",
          "User-Agent": "Tertulia-Webhooks/1",
          "Tertulia-Event": delivery.event,
          "Tertulia-Delivery": String(delivery.id),
          [SIGNATURE_HEADER]: signPayload(hook.secret, body, Math.floor(clockNow().getTime() / 1000)),
        });
        if (statusCode < 200 || statusCode >= 300) error = `Answered ${statusCode}`;
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message.slice(0, 300) : String(thrown);
      }
    }
    if (error === null) sent += 1;
    else failed += 1;
    await record(delivery.id, hook, { attempts, statusCode, error, now });
  }
  return { sent, failed };
}

async function record(deliveryId: number, hook: typeof webhooks.$inferSelect, result: { attempts: number; statusCode: number | null; error: string | null; now: Date }) {
  const { attempts, statusCode, error, now } = result;
  await transaction(async (tx) => {
    if (error === null) {
      await tx
        .update(webhookDeliveries)
        .set({ status: "sent", attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: clockNow(), claimedUntil: null })
        .where(eq(webhookDeliveries.id, deliveryId));
      await tx.update(webhooks).set({ failureCount: 0 }).where(eq(webhooks.id, hook.id));
      return;
    }
    const givenUp = attempts >= WEBHOOK_MAX_ATTEMPTS || hook.disabledAt !== null;
    await tx
      .update(webhookDeliveries)
      .set({
        status: givenUp ? "failed" : "pending",
        attempts,
        lastStatusCode: statusCode,
        lastError: error,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        claimedUntil: null,
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    if (hook.disabledAt) return;
    const [counted] = await tx
      .update(webhooks)
      .set({ failureCount: sql`${webhooks.failureCount} + 1` })
      .where(eq(webhooks.id, hook.id))
      .returning({ failureCount: webhooks.failureCount });
    if (counted!.failureCount >= WEBHOOK_DISABLE_AFTER) {
      await tx.update(webhooks).set({ disabledAt: now }).where(and(eq(webhooks.id, hook.id), isNull(webhooks.disabledAt)));
      await tellMakerOfDisabling(tx, hook, error, now);
    }
  });
}

/** The admin who made the webhook hears that it was disabled, and why, in their language. */
async function tellMakerOfDisabling(tx: Parameters<Parameters<typeof transaction>[0]>[0], hook: typeof webhooks.$inferSelect, error: string, now: Date) {
  const [maker] = await tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, hook.createdById)).limit(1);
  const [siteRow] = await tx.select({ name: site.name, locale: site.defaultLocale }).from(site).limit(1);
  if (!maker || !siteRow) return;
  const t = translatorFor(maker.locale ?? siteRow.locale);
  const values = { url: hook.url, count: WEBHOOK_DISABLE_AFTER, error, site: siteRow.name };
  const text = [t("email.webhookDisabled.lead", values), "", t("email.webhookDisabled.action", values)].join("\n");
  await enqueueEmail(tx, { recipientId: maker.id, to: maker.email, subject: t("email.webhookDisabled.subject", values), text, html: escapeHtml(text) }, now);
}
