import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  challenges,
  comments,
  emailPreferences,
  emailSchedules,
  ideas,
  notifications,
  NOTIFICATION_KINDS,
  site,
  users,
  type EmailCadence,
  type IdeaStatus,
  type NotificationKind,
} from "#db/tables";
import { canSeeIdea } from "~/domain/idea-visibility";
import { composeNotificationEmail, type MergeMove } from "~/domain/notification-emails.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { enqueueEmail, type OutgoingEmail } from "~/lib/mail/outbox.server";
import { ok, refused } from "~/lib/result";

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** Events on the same idea for the same person within this window become one email. */
export const COALESCE_MS = 2 * 60_000;
/** Digests go out at this hour (UTC): daily ones every day, weekly ones on Mondays. */
const DIGEST_HOUR_UTC = 7;

/**
 * Kinds about the person themselves (a reply to them, a mention of them, an idea they were asked
 * to look after, a challenge they took part in, a vote the team recorded for them): emailed on
 * their "own ideas" schedule, like news of ideas they proposed. The rest is news of ideas they follow.
 */
const PERSONAL_KINDS: ReadonlySet<NotificationKind> = new Set(["reply", "mention", "assigned", "challenge_voting", "challenge_results", "vote_recorded"]);

/** When an email on this schedule goes out for an event at `now`. */
export function emailDueAt(cadence: EmailCadence, now: Date) {
  if (cadence === "immediate") return new Date(now.getTime() + COALESCE_MS);
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (due <= now) due.setUTCDate(due.getUTCDate() + 1);
  if (cadence === "weekly") due.setUTCDate(due.getUTCDate() + ((8 - due.getUTCDay()) % 7));
  return due;
}

/**
 * Records that a person did something others should hear about: one in-app notification per
 * recipient (never the actor), in the same transaction. Its email, for those who want this
 * kind by email, is sent later by `sendNotificationEmails`: within minutes together with
 * whatever else happens on the idea meanwhile, or in the person's daily or weekly digest.
 */
export async function notify(
  tx: Tx,
  input: {
    kind: NotificationKind;
    actorId: string;
    commentId: number | null;
    recipientIds: string[];
    status?: IdeaStatus;
    /** What the email quotes when there is no comment to quote (a status change's note). */
    excerpt?: string;
    /** For "merged" (about the idea it moved to): the duplicate it came from, and what moved. */
    merge?: { from: { id: number; title: string }; moved: MergeMove };
    now?: Date;
  } & ({ ideaId: number; challengeId?: undefined } | { challengeId: number; ideaId?: undefined }),
) {
  const recipientIds = [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
  if (recipientIds.length === 0) return;
  const now = input.now ?? clockNow();
  const optedOutRows = await tx
    .select({ userId: emailPreferences.userId })
    .from(emailPreferences)
    .where(and(inArray(emailPreferences.userId, recipientIds), eq(emailPreferences.kind, input.kind), eq(emailPreferences.enabled, false)));
  const optedOut = new Set(optedOutRows.map((row) => row.userId));
  const schedules = new Map(
    (await tx.select().from(emailSchedules).where(inArray(emailSchedules.userId, recipientIds))).map((row) => [row.userId, row]),
  );
  const [idea] =
    input.ideaId !== undefined ? await tx.select({ authorId: ideas.authorId, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1) : [];
  const everyone = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, recipientIds));
  // News of a hidden idea reaches only those who may still see it.
  const recipients = idea?.hiddenAt ? everyone.filter((person) => canSeeIdea(person, { authorId: idea.authorId, hidden: true })) : everyone;
  for (const { id: recipientId } of recipients) {
    const schedule = schedules.get(recipientId) ?? DEFAULT_SCHEDULE;
    const own = PERSONAL_KINDS.has(input.kind) || idea?.authorId === recipientId;
    const cadence = optedOut.has(recipientId) ? null : own ? schedule.own : schedule.followed;
    await tx.insert(notifications).values({
      recipientId,
      kind: input.kind,
      actorId: input.actorId,
      ideaId: input.ideaId ?? null,
      challengeId: input.challengeId ?? null,
      commentId: input.commentId,
      status: input.status,
      excerpt: input.excerpt || null,
      relatedIdeaId: input.merge?.from.id ?? null,
      detail: input.merge?.moved ?? null,
      emailCadence: cadence,
      emailDueAt: cadence ? emailDueAt(cadence, now) : null,
      createdAt: now,
    });
  }
}

const RECIPIENTS_PER_RUN = 50;
const emailActor = alias(users, "email_actor");
const relatedIdea = alias(ideas, "related_idea");

/**
 * The background job that turns due notifications into emails, one recipient at a time: the
 * events on one idea that were not in a digest become one email (those that happened while the
 * first waited its two minutes join it), and a digest gathers everything due on its schedule.
 * A notification is emailed once: its due time is cleared in the transaction that queues its email.
 */
export async function sendNotificationEmails(now = clockNow()) {
  const due = await db
    .selectDistinct({ recipientId: notifications.recipientId })
    .from(notifications)
    // "Not null" lets SQLite walk the due-time index: with `<=` alone, its statistics (nearly
    // every due time null: emailed, or never to be) made it scan every notification for the
    // DISTINCT instead (0.5 s of CPU on the event loop every 5 s at 300,000 notifications).
    .where(and(isNotNull(notifications.emailDueAt), lte(notifications.emailDueAt, now)))
    .limit(RECIPIENTS_PER_RUN);
  let emails = 0;
  for (const { recipientId } of due) emails += await sendEmailsTo(recipientId, now);
  return { emails };
}

async function sendEmailsTo(recipientId: string, now: Date) {
  const [recipient] = await db.select({ id: users.id, role: users.role, email: users.email, locale: users.locale }).from(users).where(eq(users.id, recipientId)).limit(1);
  const [siteRow] = await db.select({ name: site.name, senderName: site.senderName, locale: site.defaultLocale }).from(site).limit(1);
  if (!recipient || !siteRow) return 0;
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      emailCadence: notifications.emailCadence,
      emailDueAt: notifications.emailDueAt,
      actorId: emailActor.id,
      actorName: emailActor.displayName,
      actorTitle: emailActor.jobTitle,
      actorPhotoId: emailActor.photoId,
      ideaId: ideas.id,
      ideaTitle: ideas.title,
      ideaAuthorId: ideas.authorId,
      ideaHiddenAt: ideas.hiddenAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      commentId: comments.id,
      commentText: comments.bodyText,
      status: notifications.status,
      excerpt: notifications.excerpt,
      relatedIdeaId: relatedIdea.id,
      relatedIdeaTitle: relatedIdea.title,
      relatedIdeaAuthorId: relatedIdea.authorId,
      relatedIdeaHiddenAt: relatedIdea.hiddenAt,
      detail: notifications.detail,
    })
    .from(notifications)
    .innerJoin(emailActor, eq(emailActor.id, notifications.actorId))
    .leftJoin(ideas, eq(ideas.id, notifications.ideaId))
    .leftJoin(challenges, eq(challenges.id, notifications.challengeId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .leftJoin(relatedIdea, eq(relatedIdea.id, notifications.relatedIdeaId))
    .where(and(eq(notifications.recipientId, recipientId), isNotNull(notifications.emailDueAt)))
    .orderBy(asc(notifications.id));
  // An idea hidden since the event: its news is not emailed to those who may no longer see it,
  // and a duplicate hidden since is named by its number only.
  const mayRead = (idea: { authorId: string | null; hiddenAt: Date | null }) =>
    idea.authorId === null || canSeeIdea(recipient, { authorId: idea.authorId, hidden: idea.hiddenAt !== null });
  const dropped = rows.filter((row) => !mayRead({ authorId: row.ideaAuthorId, hiddenAt: row.ideaHiddenAt })).map((row) => row.id);
  const pending = rows
    .filter((row) => !dropped.includes(row.id))
    .map(({ ideaAuthorId: _author, ideaHiddenAt: _hidden, relatedIdeaId, relatedIdeaAuthorId, relatedIdeaHiddenAt, ...row }) => ({
      ...row,
      relatedIdeaTitle: mayRead({ authorId: relatedIdeaAuthorId, hiddenAt: relatedIdeaHiddenAt }) ? row.relatedIdeaTitle : relatedIdeaId ? `#${relatedIdeaId}` : null,
    }));

  // What goes now: each idea's group whose first event is due, and the digest items that are due.
  const groups = new Map<string, typeof pending>();
  for (const item of pending) {
    const key = item.emailCadence === "immediate" ? `${item.ideaId ?? ""}:${item.challengeSlug ?? ""}` : "digest";
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const batches: Array<{ items: typeof pending; digest: "daily" | "weekly" | null }> = [];
  for (const [key, items] of groups) {
    if (key !== "digest") {
      if (items.some((item) => item.emailDueAt! <= now)) batches.push({ items, digest: null });
      continue;
    }
    const dueItems = items.filter((item) => item.emailDueAt! <= now);
    if (dueItems.length) batches.push({ items: dueItems, digest: dueItems.some((item) => item.emailCadence === "weekly") ? "weekly" : "daily" });
  }
  if (batches.length === 0 && dropped.length === 0) return 0;

  const commentIds = batches.flatMap((batch) => batch.items.map((item) => item.commentId)).filter((id): id is number => id !== null);
  const quotedBefore = commentIds.length
    ? await db
        .select({ commentId: notifications.commentId })
        .from(notifications)
        .where(and(eq(notifications.recipientId, recipientId), inArray(notifications.commentId, commentIds), isNotNull(notifications.emailedAt)))
    : [];
  const quoted = new Set(quotedBefore.map((row) => row.commentId!));
  // Rendered before the transaction, so the write lock is not held while HTML is made.
  const emails: Array<{ email: OutgoingEmail; ids: number[] }> = [];
  for (const batch of batches) {
    const email = await composeNotificationEmail({
      recipient: { id: recipient.id, email: recipient.email, locale: recipient.locale ?? siteRow.locale },
      items: batch.items,
      quotedBefore: quoted,
      digest: batch.digest,
      siteName: siteRow.name,
      senderName: siteRow.senderName ?? siteRow.name,
    });
    for (const item of batch.items) if (item.commentId) quoted.add(item.commentId);
    emails.push({ email, ids: batch.items.map((item) => item.id) });
  }
  const sent = await transaction(async (tx) => {
    if (dropped.length) await tx.update(notifications).set({ emailDueAt: null }).where(inArray(notifications.id, dropped));
    for (const { email, ids } of emails) {
      // Claimed only if still waiting: an email is never queued twice for the same events.
      const claimed = await tx
        .update(notifications)
        .set({ emailDueAt: null, emailedAt: now })
        .where(and(inArray(notifications.id, ids), isNotNull(notifications.emailDueAt)))
        .returning({ id: notifications.id });
      if (claimed.length !== ids.length) return refused("alreadySent");
      await enqueueEmail(tx, email, now);
    }
    return ok(emails.length);
  });
  return sent.ok ? sent.value : 0;
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
      actorPhotoId: actor.photoId,
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

/** How often a person gets email: about their own ideas, and about ideas they follow. */
export type EmailSchedule = { own: EmailCadence; followed: EmailCadence };
const DEFAULT_SCHEDULE: EmailSchedule = { own: "immediate", followed: "daily" };

export async function getEmailSchedule(userId: string): Promise<EmailSchedule> {
  const [row] = await db.select({ own: emailSchedules.own, followed: emailSchedules.followed }).from(emailSchedules).where(eq(emailSchedules.userId, userId)).limit(1);
  return row ?? DEFAULT_SCHEDULE;
}

/** Saves how often; what is already waiting keeps the time it was given. */
export async function setEmailSchedule(userId: string, schedule: EmailSchedule) {
  await transaction(async (tx) => {
    await tx.insert(emailSchedules).values({ userId, ...schedule }).onConflictDoUpdate({ target: emailSchedules.userId, set: schedule });
  });
}
