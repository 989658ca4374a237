import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { comments, ideas, users } from "#db/tables";
import { db } from "~/lib/db.server";

/** Staff with their number of public replies: one grouped query. */
export async function listTeam() {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      jobTitle: users.jobTitle,
      bio: users.bio,
      // users.id spelled out with its table: drizzle writes a one-table selection's columns bare,
      // and a bare "id" in the subquery would be the comment's.
      replyCount: sql<number>`(select count(*) from ${comments} where ${comments.authorId} = ${users}.${sql.identifier(users.id.name)} and ${comments.kind} = 'public' and ${comments.deletedAt} is null)`.mapWith(Number),
    })
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.displayName), asc(users.id));
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
    .where(and(inArray(comments.authorId, authorIds), eq(comments.kind, "public"), isNull(comments.deletedAt), isNull(comments.hiddenAt), isNull(ideas.hiddenAt)))
    .as("ranked");
  const rows = authorIds.length === 0 ? [] : await db.select().from(ranked).where(lte(ranked.rank, perPerson)).orderBy(desc(ranked.createdAt), desc(ranked.id));
  const byAuthor: Record<string, typeof rows> = {};
  for (const row of rows) (byAuthor[row.authorId] ??= []).push(row);
  return byAuthor;
}

/** A person's ideas, newest first (hidden ones only for their author and staff). */
export async function ideasBy(authorId: string, includeHidden: boolean) {
  return db
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount, createdAt: ideas.createdAt })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), includeHidden ? undefined : isNull(ideas.hiddenAt)))
    .orderBy(desc(ideas.id))
    .limit(50);
}
