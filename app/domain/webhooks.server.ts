import { desc, eq, isNull } from "drizzle-orm";
import { challenges, ideas, webhookDeliveries, webhooks, type WebhookEvent, type WebhookFormat } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { appUrl } from "~/lib/app-url.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { challengePath, ideaPath } from "~/lib/paths";
import { ok, refused } from "~/lib/result";
import { checkWebhookUrl } from "~/lib/webhooks/address.server";
import { generateWebhookSecret } from "~/lib/webhooks/signature.server";

/** How many of its latest deliveries the admin page shows per webhook. */
const DELIVERIES_SHOWN = 10;
/** A comment's text in an event is cut here: receivers get the gist and the link. */
const TEXT_IN_EVENT = 1000;

/**
 * Registers a webhook. Its address must be public (checked now, without connecting, and again
 * at each delivery); its secret is returned once, to show the admin, and signs every delivery.
 */
export async function createWebhook(input: { url: string; events: WebhookEvent[]; format: WebhookFormat; adminId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  if (input.events.length === 0) return refused("noEvents");
  const checked = await checkWebhookUrl(input.url);
  if (!checked.ok) return refused(checked.reason);
  const secret = generateWebhookSecret();
  return transaction(async (tx) => {
    const [hook] = await tx
      .insert(webhooks)
      .values({ url: checked.url, events: JSON.stringify(input.events), format: input.format, secret, createdById: input.adminId, createdAt: now })
      .returning({ id: webhooks.id, url: webhooks.url });
    await audit(tx, { actorId: input.adminId, action: "webhook.create", targetType: "webhook", targetId: hook!.id, details: { url: hook!.url, events: input.events }, now });
    return ok({ ...hook!, secret });
  });
}

export async function deleteWebhook(input: { id: number; adminId: string }) {
  return transaction(async (tx) => {
    const deleted = await tx.delete(webhooks).where(eq(webhooks.id, input.id)).returning({ url: webhooks.url });
    if (deleted.length === 0) return refused("notFound");
    await audit(tx, { actorId: input.adminId, action: "webhook.delete", targetType: "webhook", targetId: input.id, details: { url: deleted[0]!.url } });
    return ok();
  });
}

/** Turns a disabled webhook back on, with a clean slate of failures. */
export async function enableWebhook(id: number) {
  return transaction(async (tx) => {
    const enabled = await tx.update(webhooks).set({ disabledAt: null, failureCount: 0 }).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
    return enabled.length === 0 ? refused("notFound") : ok();
  });
}

function payload(event: WebhookEvent | "ping", data: Record<string, unknown>, now: Date) {
  return JSON.stringify({ event, occurredAt: now.toISOString(), data });
}

/** Queues a "ping" for one webhook: the admin page's "send test event". */
export async function sendTestEvent(id: number, now = clockNow()) {
  return transaction(async (tx) => {
    const [hook] = await tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id)).limit(1);
    if (!hook) return refused("notFound");
    await tx.insert(webhookDeliveries).values({ webhookId: id, event: "ping", payload: payload("ping", { webhookId: id }, now), nextAttemptAt: now, createdAt: now });
    return ok();
  });
}

/** The webhooks with their latest deliveries (status codes and errors): the admin page. */
export async function listWebhooks() {
  const hooks = await db.select().from(webhooks).orderBy(desc(webhooks.createdAt), desc(webhooks.id));
  const deliveries = await Promise.all(
    hooks.map((hook) =>
      db
        .select({
          id: webhookDeliveries.id,
          event: webhookDeliveries.event,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          lastStatusCode: webhookDeliveries.lastStatusCode,
          lastError: webhookDeliveries.lastError,
          createdAt: webhookDeliveries.createdAt,
        })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.webhookId, hook.id))
        .orderBy(desc(webhookDeliveries.id))
        .limit(DELIVERIES_SHOWN),
    ),
  );
  return hooks.map(({ secret: _secret, events, ...hook }, index) => ({ ...hook, events: JSON.parse(events) as WebhookEvent[], deliveries: deliveries[index]! }));
}

/**
 * Queues `event` for every enabled webhook that wants it, inside the caller's transaction:
 * the deliveries exist if and only if the event does. `data` is built only when someone listens.
 */
export async function emitWebhookEvent(tx: Tx, event: WebhookEvent, data: () => Promise<Record<string, unknown>>, now = clockNow()) {
  const listening = (await tx.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(isNull(webhooks.disabledAt))).filter((hook) =>
    (JSON.parse(hook.events) as string[]).includes(event),
  );
  if (listening.length === 0) return;
  const body = payload(event, await data(), now);
  await tx.insert(webhookDeliveries).values(listening.map((hook) => ({ webhookId: hook.id, event, payload: body, nextAttemptAt: now, createdAt: now })));
}

/** An idea as events name it: id, title, page. */
export async function ideaInEvent(tx: Tx, ideaId: number) {
  const [idea] = await tx.select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount }).from(ideas).where(eq(ideas.id, ideaId)).limit(1);
  return idea ? { ...idea, url: appUrl(ideaPath(idea)) } : null;
}

/** A challenge as events name it. */
export async function challengeInEvent(tx: Tx, challengeId: number) {
  const [challenge] = await tx.select({ id: challenges.id, slug: challenges.slug, title: challenges.title }).from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  return challenge ? { ...challenge, url: appUrl(challengePath(challenge)) } : null;
}

/** A comment's text as events carry it. */
export function textInEvent(text: string) {
  return text.length > TEXT_IN_EVENT ? `${text.slice(0, TEXT_IN_EVENT)}…` : text;
}
