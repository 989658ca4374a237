import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { comments, ideaEvents, ideas, users, type CommentKind, type Role } from "#db/schema";
import { follow, followerIds } from "~/domain/follows.server";
import { EMPTY_RICH_BODY, type RichBody } from "~/lib/rich-body.server";
import { notify } from "~/domain/notifications.server";
import { recordFirstResponse } from "~/domain/workflow.server";
import { db, type Tx } from "~/lib/db.server";
import { isStaff } from "~/domain/roles";

/** Replies deeper than this sit at this depth, marked "in reply to NAME". */
export const MAX_SHOWN_DEPTH = 4;

export class CommentRefusedError extends Error {
  constructor(readonly reason: "notFound" | "forbidden" | "badParent" | "notStaffComment") {
    super(reason);
  }
}

type Author = { id: string; role: Role };

export function postComment(input: { ideaId: number; author: Author; parentId: number | null; kind: CommentKind; body: RichBody; now?: Date }) {
  const now = input.now ?? new Date();
  const staff = isStaff(input.author);
  if (input.kind === "internal" && !staff) throw new CommentRefusedError("forbidden");
  return db.transaction((tx) => {
    const idea = tx.select({ id: ideas.id, authorId: ideas.authorId }).from(ideas).where(eq(ideas.id, input.ideaId)).get();
    if (!idea) throw new CommentRefusedError("notFound");
    const parent = input.parentId
      ? tx.select().from(comments).where(and(eq(comments.id, input.parentId), eq(comments.ideaId, input.ideaId))).get()
      : null;
    // Internal notes answer internal notes; public comments answer public ones.
    if (input.parentId && (!parent || parent.deletedAt || parent.kind !== input.kind)) throw new CommentRefusedError("badParent");

    const comment = tx
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
      .returning()
      .get();
    if (input.kind === "internal") return comment;

    tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} + 1`, lastActivityAt: now }).where(eq(ideas.id, input.ideaId)).run();
    follow(tx, input.ideaId, input.author.id);
    if (staff) recordFirstResponse(tx, input.ideaId, input.author.id, now);

    const repliedTo = parent ? parent.authorId : idea.authorId;
    const base = { actorId: input.author.id, ideaId: input.ideaId, commentId: comment.id, excerpt: input.body.text, now };
    notify(tx, { ...base, kind: "reply", recipientIds: [repliedTo] });
    if (staff) {
      notify(tx, { ...base, kind: "staff_reply", recipientIds: followerIds(tx, input.ideaId).filter((id) => id !== repliedTo) });
    }
    return comment;
  });
}

function ownComment(tx: Tx, commentId: number, userId: string) {
  const comment = tx.select().from(comments).where(eq(comments.id, commentId)).get();
  if (!comment || comment.deletedAt) throw new CommentRefusedError("notFound");
  if (comment.authorId !== userId) throw new CommentRefusedError("forbidden");
  return comment;
}

export function editComment(commentId: number, userId: string, body: RichBody) {
  return db.transaction((tx) => {
    ownComment(tx, commentId, userId);
    return tx
      .update(comments)
      .set({ bodyJson: body.json, bodyHtml: body.html, bodyText: body.text, editedAt: new Date() })
      .where(eq(comments.id, commentId))
      .returning()
      .get();
  });
}

/** Soft delete: the text goes, the place in the thread stays while it has replies. */
export function deleteComment(commentId: number, userId: string) {
  return db.transaction((tx) => {
    const comment = ownComment(tx, commentId, userId);
    tx.update(comments).set({ deletedAt: new Date(), bodyJson: EMPTY_RICH_BODY.json, bodyHtml: EMPTY_RICH_BODY.html, bodyText: EMPTY_RICH_BODY.text }).where(eq(comments.id, commentId)).run();
    if (comment.kind === "public") {
      tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} - 1` }).where(eq(ideas.id, comment.ideaId)).run();
      tx.update(ideas).set({ officialCommentId: null }).where(and(eq(ideas.id, comment.ideaId), eq(ideas.officialCommentId, commentId))).run();
    }
    return comment;
  });
}

/** Staff pin a public staff comment as the official response; the timeline keeps each choice. */
export function setOfficialResponse(input: { ideaId: number; commentId: number; staffId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const comment = tx
      .select({ id: comments.id, kind: comments.kind, deletedAt: comments.deletedAt, authorRole: users.role, text: comments.bodyText })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.id, input.commentId), eq(comments.ideaId, input.ideaId)))
      .get();
    if (!comment || comment.deletedAt || comment.kind !== "public") throw new CommentRefusedError("notFound");
    if (!isStaff({ role: comment.authorRole })) throw new CommentRefusedError("notStaffComment");
    tx.update(ideas).set({ officialCommentId: comment.id, lastActivityAt: now }).where(eq(ideas.id, input.ideaId)).run();
    tx.insert(ideaEvents).values({ ideaId: input.ideaId, actorId: input.staffId, kind: "official_response", commentId: comment.id, createdAt: now }).run();
    recordFirstResponse(tx, input.ideaId, input.staffId, now);
    notify(tx, {
      kind: "official_response",
      actorId: input.staffId,
      ideaId: input.ideaId,
      commentId: comment.id,
      excerpt: comment.text,
      recipientIds: followerIds(tx, input.ideaId),
      now,
    });
  });
}

export function getCommentForEdit(commentId: number, userId: string) {
  const comment = db.select().from(comments).where(eq(comments.id, commentId)).get();
  return comment && comment.authorId === userId && !comment.deletedAt ? comment : null;
}

type Viewer = { id: string; role: Role } | null;

/**
 * The discussion as the viewer may see it, in thread order: two indexed queries (comments,
 * timeline events) however long the thread. Internal notes are left out in SQL for anyone
 * who is not staff, so they never reach a customer's page or data.
 */
export function getThread(ideaId: number, viewer: Viewer) {
  const staff = isStaff(viewer);
  const rows = db
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
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.ideaId, ideaId), staff ? undefined : eq(comments.kind, "public")))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();

  const related = alias(ideas, "related");
  const events = db
    .select({
      id: ideaEvents.id,
      kind: ideaEvents.kind,
      commentId: ideaEvents.commentId,
      fromStatus: ideaEvents.fromStatus,
      toStatus: ideaEvents.toStatus,
      noteHtml: ideaEvents.noteHtml,
      relatedIdeaId: related.id,
      relatedIdeaTitle: related.title,
      createdAt: ideaEvents.createdAt,
      actorId: users.id,
      actorName: users.displayName,
      actorRole: users.role,
      actorTitle: users.jobTitle,
    })
    .from(ideaEvents)
    .innerJoin(users, eq(users.id, ideaEvents.actorId))
    .leftJoin(related, eq(related.id, ideaEvents.relatedIdeaId))
    .where(eq(ideaEvents.ideaId, ideaId))
    .orderBy(asc(ideaEvents.createdAt), asc(ideaEvents.id))
    .all();

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
      html: deleted || concealed ? null : row.html,
      editedAt: row.editedAt,
      createdAt: row.createdAt,
      author: deleted || concealed
        ? null
        : { id: row.authorId, displayName: row.authorName, role: row.authorRole, jobTitle: isStaff({ role: row.authorRole }) ? row.authorTitle : null },
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
