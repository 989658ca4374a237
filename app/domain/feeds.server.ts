import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { comments, ideaEvents, ideas, users } from "#db/tables";
import { mentionNames } from "~/domain/mentions.server";
import { db } from "~/lib/db.server";
import { renameMentions } from "~/lib/rich-body.server";

/** How many entries a feed holds: readers poll, so the newest suffice. */
export const FEED_SIZE = 30;

/**
 * The newest ideas, for the site's feed, a category's or a challenge's: public ones only
 * (hidden ideas stay out, as in every list), with their text as the summary.
 */
export async function latestIdeas(filter: { categoryId?: number; challengeId?: number } = {}) {
  const conditions: SQL[] = [isNull(ideas.hiddenAt)];
  if (filter.categoryId !== undefined) conditions.push(eq(ideas.categoryId, filter.categoryId));
  if (filter.challengeId !== undefined) conditions.push(eq(ideas.challengeId, filter.challengeId));
  return db
    .select({ id: ideas.id, title: ideas.title, text: ideas.bodyText, html: ideas.bodyHtml, createdAt: ideas.createdAt, editedAt: ideas.editedAt, authorName: users.displayName })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(...conditions))
    .orderBy(desc(ideas.createdAt), desc(ideas.id))
    .limit(FEED_SIZE);
}

/**
 * An idea's public updates, newest first: its status changes (with their signed notes) and
 * the team's official responses. Internal notes are comments of another kind and never appear.
 */
export async function ideaUpdates(ideaId: number) {
  const rows = await db
    .select({
      id: ideaEvents.id,
      kind: ideaEvents.kind,
      toStatus: ideaEvents.toStatus,
      noteHtml: ideaEvents.noteHtml,
      commentHtml: comments.bodyHtml,
      commentGone: comments.deletedAt,
      commentHidden: comments.hiddenAt,
      createdAt: ideaEvents.createdAt,
      actorName: users.displayName,
      actorTitle: users.jobTitle,
    })
    .from(ideaEvents)
    .innerJoin(users, eq(users.id, ideaEvents.actorId))
    .leftJoin(comments, eq(comments.id, ideaEvents.commentId))
    .where(and(eq(ideaEvents.ideaId, ideaId), inArray(ideaEvents.kind, ["status_change", "official_response"])))
    .orderBy(desc(ideaEvents.createdAt), desc(ideaEvents.id))
    .limit(FEED_SIZE);
  // An official response's mentions show each person's name as it is now, as on the page.
  const names = await mentionNames(rows.map((row) => row.commentHtml));
  return rows.map((row) => ({ ...row, commentHtml: row.commentHtml && renameMentions(row.commentHtml, names) }));
}
