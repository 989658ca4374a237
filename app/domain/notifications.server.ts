import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { challenges, emailPreferences, ideas, notifications, NOTIFICATION_KINDS, site, users, type IdeaStatus, type NotificationKind } from "#db/tables";
import { canSeeIdea } from "~/domain/idea-visibility";
import { composeNotificationEmail, type MergeMove } from "~/domain/notification-emails.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { enqueueEmail } from "~/lib/mail/outbox.server";
import { anchorFor, challengePath, ideaPath } from "~/lib/paths";

export const NOTIFICATIONS_PAGE_SIZE = 30;

/**
 * Records that a person did something others should hear about: one in-app notification per
 * recipient (never the actor), and an email to those who want this kind by email, in their
 * language, queued in the same transaction.
 */
export async function notify(
  tx: Tx,
  input: {
    kind: NotificationKind;
    actorId: string;
    commentId: number | null;
    recipientIds: string[];
    status?: IdeaStatus;
    excerpt?: string;
    /** For "merged" (about the idea it moved to): the duplicate it came from, and what moved. */
    merge?: { from: { id: number; title: string }; moved: MergeMove };
    now?: Date;
  } & ({ ideaId: number; challengeId?: undefined } | { challengeId: number; ideaId?: undefined }),
) {
  const recipientIds = [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
  if (recipientIds.length === 0) return;
  const now = input.now ?? clockNow();
  const [actor] = await tx.select({ name: users.displayName, title: users.jobTitle }).from(users).where(eq(users.id, input.actorId)).limit(1);
  const [siteRow] = await tx.select({ name: site.name, locale: site.defaultLocale }).from(site).limit(1);
  const subject = await notificationSubject(tx, input);
  if (!actor || !siteRow || !subject) return;
  const optedOutRows = await tx
    .select({ userId: emailPreferences.userId })
    .from(emailPreferences)
    .where(and(inArray(emailPreferences.userId, recipientIds), eq(emailPreferences.kind, input.kind), eq(emailPreferences.enabled, false)));
  const optedOut = new Set(optedOutRows.map((row) => row.userId));
  const everyone = await tx.select({ id: users.id, role: users.role, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, recipientIds));
  // News of a hidden idea reaches only those who may still see it.
  const recipients = subject.hidden ? everyone.filter((person) => canSeeIdea(person, subject.hidden!)) : everyone;
  for (const recipient of recipients) {
    await tx.insert(notifications).values({
      recipientId: recipient.id,
      kind: input.kind,
      actorId: input.actorId,
      ideaId: input.ideaId ?? null,
      challengeId: input.challengeId ?? null,
      commentId: input.commentId,
      status: input.status,
      createdAt: now,
    });
    if (optedOut.has(recipient.id)) continue;
    await enqueueEmail(
      tx,
      composeNotificationEmail({
        kind: input.kind,
        recipient: { id: recipient.id, email: recipient.email, locale: recipient.locale ?? siteRow.locale },
        actor,
        subject: { title: subject.title, path: subject.path + anchorFor(input.kind, input.commentId) },
        status: input.status,
        excerpt: input.excerpt ?? "",
        merge: input.merge,
        siteName: siteRow.name,
      }),
      now,
    );
  }
}

/** The idea or challenge a notification is about: its title and page. */
async function notificationSubject(tx: Tx, input: { ideaId?: number; challengeId?: number }) {
  if (input.ideaId !== undefined) {
    const [idea] = await tx.select({ id: ideas.id, title: ideas.title, authorId: ideas.authorId, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    return idea ? { title: idea.title, path: ideaPath(idea), hidden: idea.hiddenAt ? { authorId: idea.authorId, hidden: true } : null } : null;
  }
  const [challenge] = await tx.select({ slug: challenges.slug, title: challenges.title }).from(challenges).where(eq(challenges.id, input.challengeId!)).limit(1);
  return challenge ? { title: challenge.title, path: challengePath(challenge), hidden: null } : null;
}

const actor = alias(users, "actor");

export async function listNotifications(recipientId: string, before?: number) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      ideaId: notifications.ideaId,
      ideaTitle: ideas.title,
      ideaAuthorId: ideas.authorId,
      ideaHiddenAt: ideas.hiddenAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      commentId: notifications.commentId,
      status: notifications.status,
      actorId: actor.id,
      actorName: actor.displayName,
      actorTitle: actor.jobTitle,
      actorRole: actor.role,
    })
    .from(notifications)
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(challenges, eq(challenges.id, notifications.challengeId))
    .innerJoin(actor, eq(actor.id, notifications.actorId))
    .where(and(eq(notifications.recipientId, recipientId), before ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1);
  const [recipient] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, recipientId)).limit(1);
  // An idea hidden since is named by its number only, unless the reader may still see it.
  const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE).map(({ ideaAuthorId, ideaHiddenAt, ...row }) => ({
    ...row,
    ideaTitle: ideaAuthorId !== null && canSeeIdea(recipient, { authorId: ideaAuthorId, hidden: ideaHiddenAt !== null }) ? row.ideaTitle : null,
  }));
  return { notifications: page, nextBefore: rows.length > NOTIFICATIONS_PAGE_SIZE ? page[page.length - 1]!.id : null };
}

export async function unreadCount(recipientId: string) {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(recipientId: string, notificationId: number) {
  await transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: clockNow() })
      .where(and(eq(notifications.id, notificationId), eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  });
}

export async function markAllRead(recipientId: string) {
  await transaction(async (tx) => {
    await tx.update(notifications).set({ readAt: clockNow() }).where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  });
}

/** Which kinds the person wants by email (every kind unless they said no). */
export async function getEmailPreferences(userId: string) {
  const saved = await db.select().from(emailPreferences).where(eq(emailPreferences.userId, userId));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, saved.find((row) => row.kind === kind)?.enabled ?? true]),
  ) as Record<NotificationKind, boolean>;
}

/** Saves email choices for some kinds (the settings form sends every kind; an unsubscribe link one). */
export async function setEmailPreferences(userId: string, choices: Partial<Record<NotificationKind, boolean>>) {
  await transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const enabled = choices[kind];
      if (enabled === undefined) continue;
      await tx
        .insert(emailPreferences)
        .values({ userId, kind, enabled })
        .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { enabled } });
    }
  });
}
