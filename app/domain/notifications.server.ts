import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { emailPreferences, ideas, notifications, NOTIFICATION_KINDS, site, users, type IdeaStatus, type NotificationKind } from "#db/schema";
import { composeNotificationEmail } from "~/domain/notification-emails.server";
import { enqueueEmail } from "~/domain/outbox.server";
import { db, type Tx } from "~/lib/db.server";

export const NOTIFICATIONS_PAGE_SIZE = 30;

/**
 * Records that a person did something others should hear about: one in-app notification per
 * recipient (never the actor), and an email to those who want this kind by email, in their
 * language, queued in the same transaction.
 */
export function notify(
  tx: Tx,
  input: {
    kind: NotificationKind;
    actorId: string;
    ideaId: number;
    commentId: number | null;
    recipientIds: string[];
    status?: IdeaStatus;
    excerpt?: string;
    now?: Date;
  },
) {
  const recipientIds = [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
  if (recipientIds.length === 0) return;
  const now = input.now ?? new Date();
  const context = tx
    .select({ actorName: users.displayName, actorTitle: users.jobTitle, ideaTitle: ideas.title, siteName: site.name, siteLocale: site.defaultLocale })
    .from(ideas)
    .innerJoin(users, eq(users.id, input.actorId))
    .innerJoin(site, eq(site.id, 1))
    .where(eq(ideas.id, input.ideaId))
    .get();
  if (!context) return;
  const optedOut = new Set(
    tx
      .select({ userId: emailPreferences.userId })
      .from(emailPreferences)
      .where(and(inArray(emailPreferences.userId, recipientIds), eq(emailPreferences.kind, input.kind), eq(emailPreferences.enabled, false)))
      .all()
      .map((row) => row.userId),
  );
  const recipients = tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, recipientIds)).all();
  for (const recipient of recipients) {
    tx.insert(notifications)
      .values({ recipientId: recipient.id, kind: input.kind, actorId: input.actorId, ideaId: input.ideaId, commentId: input.commentId, status: input.status, createdAt: now })
      .run();
    if (optedOut.has(recipient.id)) continue;
    enqueueEmail(
      tx,
      composeNotificationEmail({
        kind: input.kind,
        recipient: { id: recipient.id, email: recipient.email, locale: recipient.locale ?? context.siteLocale },
        actor: { name: context.actorName, title: context.actorTitle },
        idea: { id: input.ideaId, title: context.ideaTitle },
        commentId: input.commentId,
        status: input.status,
        excerpt: input.excerpt ?? "",
        siteName: context.siteName,
      }),
      now,
    );
  }
}

const actor = alias(users, "actor");

export function listNotifications(recipientId: string, before?: number) {
  const rows = db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      ideaId: notifications.ideaId,
      ideaTitle: ideas.title,
      commentId: notifications.commentId,
      status: notifications.status,
      actorId: actor.id,
      actorName: actor.displayName,
      actorTitle: actor.jobTitle,
      actorRole: actor.role,
    })
    .from(notifications)
    .innerJoin(ideas, eq(ideas.id, notifications.ideaId))
    .innerJoin(actor, eq(actor.id, notifications.actorId))
    .where(and(eq(notifications.recipientId, recipientId), before ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1)
    .all();
  const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  return { notifications: page, nextBefore: rows.length > NOTIFICATIONS_PAGE_SIZE ? page[page.length - 1]!.id : null };
}

export function unreadCount(recipientId: string) {
  return db.select({ n: count() }).from(notifications).where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt))).get()?.n ?? 0;
}

export function markRead(recipientId: string, notificationId: number) {
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, notificationId), eq(notifications.recipientId, recipientId), isNull(notifications.readAt)))
    .run();
}

export function markAllRead(recipientId: string) {
  db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt))).run();
}

/** Which kinds the person wants by email (every kind unless they said no). */
export function getEmailPreferences(userId: string) {
  const saved = db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId)).all();
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, saved.find((row) => row.kind === kind)?.enabled ?? true]),
  ) as Record<NotificationKind, boolean>;
}

export function setEmailPreference(userId: string, kind: NotificationKind, enabled: boolean) {
  db.insert(emailPreferences)
    .values({ userId, kind, enabled })
    .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { enabled } })
    .run();
}
