import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { comments, ideaEvents, ideas, users, type CommentKind, type Role } from "#db/tables";
import { addFollower, followerIds } from "~/domain/follows.server";
import { canActOnIdea, canSeeIdea } from "~/domain/idea-visibility";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import { mentionNames, notifyMentioned } from "~/domain/mentions.server";
import { notify } from "~/domain/notifications.server";
import { isStaff } from "~/domain/roles";
import { recordFirstResponse } from "~/domain/reply-promise.server";
import { emitWebhookEvent, ideaInEvent, textInEvent } from "~/domain/webhooks.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";
import { EMPTY_RICH_BODY, renameMentions, type RichBody } from "~/lib/rich-body.server";

/** Replies deeper than this sit at this depth, marked "in reply to NAME". */
export const MAX_SHOWN_DEPTH = 4;

type Author = { id: string; role: Role };

/**
 * A comment on an idea, or a reply to one: public, or (staff only) an internal note. It tells the
 * people it mentions who may read it. A public comment counts in the idea's row, makes its author
 * follow the idea, and tells the person replied to; a staff member's also counts as the team's
 * first response and tells followers (each person is told once: a mention says the most).
 */
export async function postComment(input: { ideaId: number; author: Author; parentId: number | null; kind: CommentKind; body: RichBody; now?: Date }) {
  const now = input.now ?? clockNow();
  const staff = isStaff(input.author);
  if (input.kind === "internal" && !staff) return refused("forbidden");
  return transaction(async (tx) => {
    const [idea] = await tx.select({ id: ideas.id, authorId: ideas.authorId, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    if (!idea || !canActOnIdea(input.author, { hidden: idea.hiddenAt !== null })) return refused("notFound");
    const [parent] = input.parentId
      ? await tx
          .select()
          .from(comments)
          .where(and(eq(comments.id, input.parentId), eq(comments.ideaId, input.ideaId)))
          .limit(1)
      : [];
    // Internal notes answer internal notes; public comments answer public ones.
    if (input.parentId && (!parent || parent.deletedAt || parent.kind !== input.kind)) return refused("badParent");

    const [comment] = await tx
      .insert(comments)
      .values({
        ideaId: input.ideaId,
        authorId: input.author.id,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        kind: input.kind,
        bodyJson: input.body.json,
        bodyHtml: input.body.html,
        bodyText: input.body.text,
        createdAt: now,
      })
      .returning();
    const mentioned = await notifyMentioned(tx, {
      ideaId: input.ideaId,
      commentId: comment!.id,
      kind: input.kind,
      authorId: input.author.id,
      bodyJson: input.body.json,
      excerpt: input.body.text,
      now,
    });
    if (input.kind === "internal") return ok(comment!);

    await tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} + 1`, lastActivityAt: now }).where(eq(ideas.id, input.ideaId));
    await addFollower(tx, input.ideaId, input.author.id);
    if (staff) await recordFirstResponse(tx, input.ideaId, input.author.id, now);

    await emitWebhookEvent(
      tx,
      "comment.posted",
      async () => ({ idea: await ideaInEvent(tx, input.ideaId), comment: { id: comment!.id, parentId: comment!.parentId, authorId: input.author.id, text: textInEvent(input.body.text) } }),
      now,
    );
    const repliedTo = parent ? parent.authorId : idea.authorId;
    const base = { actorId: input.author.id, ideaId: input.ideaId, commentId: comment!.id, excerpt: input.body.text, now };
    const toldAlready = new Set(mentioned);
    await notify(tx, { ...base, kind: "reply", recipientIds: toldAlready.has(repliedTo) ? [] : [repliedTo] });
    if (staff) {
      const followers = await followerIds(tx, input.ideaId);
      await notify(tx, { ...base, kind: "staff_reply", recipientIds: followers.filter((id) => id !== repliedTo && !toldAlready.has(id)) });
    }
    return ok(comment!);
  });
}

/** Only its author changes a comment, only while it is there, and not under a hidden idea (but staff). */
async function ownComment(tx: Tx, commentId: number, userId: string) {
  const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId)).limit(1);
  if (!comment || comment.deletedAt) return refused("notFound");
  if (comment.authorId !== userId) return refused("forbidden");
  const [idea] = await tx.select({ hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, comment.ideaId)).limit(1);
  const mayAct = await checkMayActOn(tx, idea!, userId);
  if (!mayAct.ok) return mayAct;
  return ok(comment);
}

/** An edit that mentions someone new tells them (those mentioned before were told already). */
export async function editComment(commentId: number, userId: string, body: RichBody) {
  return transaction(async (tx) => {
    const own = await ownComment(tx, commentId, userId);
    if (!own.ok) return own;
    const now = clockNow();
    const [comment] = await tx
      .update(comments)
      .set({ bodyJson: body.json, bodyHtml: body.html, bodyText: body.text, editedAt: now })
      .where(eq(comments.id, commentId))
      .returning();
    await notifyMentioned(tx, {
      ideaId: own.value.ideaId,
      commentId,
      kind: own.value.kind,
      authorId: userId,
      bodyJson: body.json,
      mentionedBefore: own.value.bodyJson,
      excerpt: body.text,
      now,
    });
    return ok(comment!);
  });
}

/** Soft delete: the text goes, the place in the thread stays while it has replies. */
export async function deleteComment(commentId: number, userId: string) {
  return transaction(async (tx) => {
    const own = await ownComment(tx, commentId, userId);
    if (!own.ok) return own;
    const comment = own.value;
    await tx
      .update(comments)
      .set({ deletedAt: clockNow(), bodyJson: EMPTY_RICH_BODY.json, bodyHtml: EMPTY_RICH_BODY.html, bodyText: EMPTY_RICH_BODY.text })
      .where(eq(comments.id, commentId));
    if (comment.kind === "public") {
      await tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} - 1` }).where(eq(ideas.id, comment.ideaId));
      await tx.update(ideas).set({ officialCommentId: null }).where(and(eq(ideas.id, comment.ideaId), eq(ideas.officialCommentId, commentId)));
    }
    return ok(comment);
  });
}

/** Staff pin a public staff comment as the official response; the timeline keeps each choice. */
export async function setOfficialResponse(input: { ideaId: number; commentId: number; staffId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [comment] = await tx
      .select({ id: comments.id, kind: comments.kind, deletedAt: comments.deletedAt, authorRole: users.role, text: comments.bodyText })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.id, input.commentId), eq(comments.ideaId, input.ideaId)))
      .limit(1);
    if (!comment || comment.deletedAt || comment.kind !== "public") return refused("notFound");
    if (!isStaff({ role: comment.authorRole })) return refused("notStaffComment");
    await tx.update(ideas).set({ officialCommentId: comment.id, lastActivityAt: now }).where(eq(ideas.id, input.ideaId));
    await tx.insert(ideaEvents).values({ ideaId: input.ideaId, actorId: input.staffId, kind: "official_response", commentId: comment.id, createdAt: now });
    await recordFirstResponse(tx, input.ideaId, input.staffId, now);
    await notify(tx, {
      kind: "official_response",
      actorId: input.staffId,
      ideaId: input.ideaId,
      commentId: comment.id,
      excerpt: comment.text,
      recipientIds: await followerIds(tx, input.ideaId),
      now,
    });
    await emitWebhookEvent(tx, "comment.official_response", async () => ({ idea: await ideaInEvent(tx, input.ideaId), comment: { id: comment.id, byId: input.staffId, text: textInEvent(comment.text) } }), now);
    return ok();
  });
}

/** A staff member's public comment pinned at once as the team's official response: both or neither. */
export async function postOfficialResponse(input: { ideaId: number; author: Author; body: RichBody; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async () => {
    const posted = await postComment({ ideaId: input.ideaId, author: input.author, parentId: null, kind: "public", body: input.body, now });
    if (!posted.ok) return posted;
    const pinned = await setOfficialResponse({ ideaId: input.ideaId, commentId: posted.value.id, staffId: input.author.id, now });
    if (!pinned.ok) return pinned;
    return posted;
  });
}

/** The comment its author is editing, or null when it is not theirs or no longer there. */
export async function getCommentForEdit(commentId: number, userId: string) {
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId)).limit(1);
  return comment && comment.authorId === userId && !comment.deletedAt ? comment : null;
}

type Viewer = { id: string; role: Role } | null;

/**
 * The discussion as the viewer may see it, in thread order: two indexed queries (comments,
 * timeline events) however long the thread. Internal notes are left out in SQL for anyone
 * who is not staff, so they never reach a customer's page or data.
 */
export async function getThread(ideaId: number, viewer: Viewer) {
  const staff = isStaff(viewer);
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      depth: comments.depth,
      kind: comments.kind,
      html: comments.bodyHtml,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      hiddenReason: comments.hiddenReason,
      createdAt: comments.createdAt,
      authorId: users.id,
      authorName: users.displayName,
      authorRole: users.role,
      authorTitle: users.jobTitle,
      authorPhotoId: users.photoId,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.ideaId, ideaId), staff ? undefined : eq(comments.kind, "public")))
    .orderBy(asc(comments.createdAt), asc(comments.id));

  const related = alias(ideas, "related");
  const relatedUser = alias(users, "related_user");
  const eventRows = await db
    .select({
      id: ideaEvents.id,
      kind: ideaEvents.kind,
      commentId: ideaEvents.commentId,
      fromStatus: ideaEvents.fromStatus,
      toStatus: ideaEvents.toStatus,
      noteHtml: ideaEvents.noteHtml,
      relatedIdeaId: related.id,
      relatedIdeaTitle: related.title,
      relatedIdeaAuthorId: related.authorId,
      relatedIdeaHiddenAt: related.hiddenAt,
      relatedUserId: relatedUser.id,
      relatedUserName: relatedUser.displayName,
      createdAt: ideaEvents.createdAt,
      actorId: users.id,
      actorName: users.displayName,
      actorRole: users.role,
      actorTitle: users.jobTitle,
      actorPhotoId: users.photoId,
    })
    .from(ideaEvents)
    .innerJoin(users, eq(users.id, ideaEvents.actorId))
    .leftJoin(related, eq(related.id, ideaEvents.relatedIdeaId))
    .leftJoin(relatedUser, eq(relatedUser.id, ideaEvents.relatedUserId))
    .where(eq(ideaEvents.ideaId, ideaId))
    .orderBy(asc(ideaEvents.createdAt), asc(ideaEvents.id));
  // A merge names the other idea: by its number only, when that one is hidden from the viewer.
  const events = eventRows.map(({ relatedIdeaAuthorId, relatedIdeaHiddenAt, ...event }) => ({
    ...event,
    relatedIdeaTitle:
      relatedIdeaAuthorId !== null && canSeeIdea(viewer, { authorId: relatedIdeaAuthorId, hidden: relatedIdeaHiddenAt !== null }) ? event.relatedIdeaTitle : null,
  }));

  // Mentions show each person's name as it is now.
  const names = await mentionNames(rows.map((row) => row.html));

  const children = new Map<number | null, typeof rows>();
  for (const row of rows) {
    const siblings = children.get(row.parentId) ?? [];
    siblings.push(row);
    children.set(row.parentId, siblings);
  }
  const byId = new Map(rows.map((row) => [row.id, row]));

  type ThreadComment = ReturnType<typeof toThreadComment>;
  function toThreadComment(row: (typeof rows)[number]) {
    const deleted = row.deletedAt !== null;
    // Hidden by moderation: the author and staff still see it, marked; others see a placeholder.
    const hidden = row.hiddenAt !== null;
    const concealed = hidden && !staff && viewer?.id !== row.authorId;
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    return {
      type: "comment" as const,
      id: row.id,
      parentId: row.parentId,
      shownDepth: Math.min(row.depth, MAX_SHOWN_DEPTH),
      inReplyTo: row.depth > MAX_SHOWN_DEPTH && parent ? parent.authorName : null,
      kind: row.kind,
      deleted,
      hidden,
      concealed,
      hiddenReason: hidden && !concealed ? row.hiddenReason : null,
      html: deleted || concealed ? null : renameMentions(row.html, names),
      editedAt: row.editedAt,
      createdAt: row.createdAt,
      author: deleted || concealed
        ? null
        : { id: row.authorId, displayName: row.authorName, role: row.authorRole, jobTitle: isStaff({ role: row.authorRole }) ? row.authorTitle : null, photoId: row.authorPhotoId },
    };
  }

  // Depth-first, oldest first at each level; a deleted comment stays only to hold its replies.
  function walk(parentId: number | null): ThreadComment[] {
    return (children.get(parentId) ?? []).flatMap((row) => {
      const replies = walk(row.id);
      if (row.deletedAt && replies.length === 0) return [];
      return [toThreadComment(row), ...replies];
    });
  }

  const items: Array<ThreadComment | ((typeof events)[number] & { type: "event" })> = [];
  const roots = walk(null);
  // Timeline events sit between top-level comments, in time order.
  let eventIndex = 0;
  for (const comment of roots) {
    if (comment.parentId === null) {
      while (eventIndex < events.length && events[eventIndex]!.createdAt <= comment.createdAt) items.push({ ...events[eventIndex++]!, type: "event" });
    }
    items.push(comment);
  }
  while (eventIndex < events.length) items.push({ ...events[eventIndex++]!, type: "event" });
  return items;
}
