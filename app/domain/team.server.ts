import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { challengeWinners, comments, ideas, users } from "#db/tables";
import { winnerFrom } from "~/domain/challenges.server";
import { firstResponseFrom } from "~/domain/reply-promise.server";
import { db } from "~/lib/db.server";

/**
 * What counts as a person's public reply, on the team page and their profile alike: a public
 * comment, not deleted or hidden, on an idea anyone can see. The count and the list both use it,
 * so the number above the replies is the number of replies there are.
 */
const publicReply = and(eq(comments.kind, "public"), isNull(comments.deletedAt), isNull(comments.hiddenAt), isNull(ideas.hiddenAt));

/** Staff with their number of public replies: two queries, however large the team. */
export async function listTeam() {
  const staff = await db
    .select({ id: users.id, displayName: users.displayName, jobTitle: users.jobTitle, bio: users.bio, photoId: users.photoId })
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.displayName), asc(users.id));
  const counts =
    staff.length === 0
      ? []
      : await db
          .select({ authorId: comments.authorId, n: count() })
          .from(comments)
          .innerJoin(ideas, eq(ideas.id, comments.ideaId))
          .where(and(inArray(comments.authorId, staff.map((person) => person.id)), publicReply))
          .groupBy(comments.authorId);
  const byAuthor = new Map(counts.map((row) => [row.authorId, row.n]));
  return staff.map((person) => ({ ...person, replyCount: byAuthor.get(person.id) ?? 0 }));
}

/** A person's latest public replies, with the idea each belongs to. */
export async function latestReplies(authorIds: string[], perPerson = 3) {
  const ranked = db
    .select({
      id: comments.id,
      authorId: comments.authorId,
      text: sql<string>`substr(${comments.bodyText}, 1, 160)`.as("text"),
      createdAt: comments.createdAt,
      ideaId: sql<number>`${ideas.id}`.as("idea_id_"),
      ideaTitle: sql<string>`${ideas.title}`.as("idea_title"),
      rank: sql<number>`row_number() over (partition by ${comments.authorId} order by ${comments.createdAt} desc, ${comments.id} desc)`.mapWith(Number).as("rank"),
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .where(and(inArray(comments.authorId, authorIds), publicReply))
    .as("ranked");
  const rows = authorIds.length === 0 ? [] : await db.select().from(ranked).where(lte(ranked.rank, perPerson)).orderBy(desc(ranked.createdAt), desc(ranked.id));
  const byAuthor: Record<string, typeof rows> = {};
  for (const row of rows) (byAuthor[row.authorId] ??= []).push(row);
  return byAuthor;
}

const responder = alias(users, "responder");
const mergedInto = alias(ideas, "merged_into");

/**
 * A person's ideas, newest first (hidden ones only for their author and staff), each with where
 * it stands: its winner's place, who answered it and when, or the idea it was merged into.
 */
export async function ideasBy(authorId: string, includeHidden: boolean) {
  const rows = await db
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      createdAt: ideas.createdAt,
      firstResponseAt: ideas.firstResponseAt,
      responderId: responder.id,
      responderName: responder.displayName,
      winnerIdeaId: challengeWinners.ideaId,
      winnerRank: challengeWinners.rank,
      mergedIntoId: mergedInto.id,
      mergedIntoTitle: mergedInto.title,
      mergedIntoHiddenAt: mergedInto.hiddenAt,
    })
    .from(ideas)
    .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
    .leftJoin(challengeWinners, and(eq(challengeWinners.challengeId, ideas.challengeId), eq(challengeWinners.ideaId, ideas.id)))
    .leftJoin(mergedInto, eq(mergedInto.id, ideas.mergedIntoId))
    .where(and(eq(ideas.authorId, authorId), includeHidden ? undefined : isNull(ideas.hiddenAt)))
    .orderBy(desc(ideas.id))
    .limit(50);
  return rows.map(({ firstResponseAt, responderId, responderName, winnerIdeaId, winnerRank, mergedIntoId, mergedIntoTitle, mergedIntoHiddenAt, ...idea }) => ({
    ...idea,
    firstResponse: firstResponseFrom({ firstResponseAt, responderId, responderName }),
    winner: winnerFrom({ winnerIdeaId, winnerRank }),
    // Named by its number only once moderation hid it.
    mergedInto: mergedIntoId ? { id: mergedIntoId, title: mergedIntoHiddenAt ? null : mergedIntoTitle! } : null,
  }));
}
