import { and, asc, desc, eq, gt, isNotNull, isNull, or, sql, type SQLWrapper } from "drizzle-orm";
import { comments, ideas, users, votes, type Role } from "#db/tables";
import { db } from "~/lib/db.server";

export const PEOPLE_PAGE_SIZE = 50;

export const PERSON_STATUSES = ["blocked", "unverified"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export type PeopleFilter = {
  /** Part of a name, an email address or a company, in any case. */
  q?: string;
  role?: Role;
  /** Blocked people, or those who have not confirmed their email address yet. */
  status?: PersonStatus;
  /** The last person of the previous page (keyset pagination by name, then id). */
  after?: { displayName: string; id: string };
};

/** `like` needs its own wildcards escaped to search for a literal "%" or "_". */
function containing(text: string) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const contains = (column: SQLWrapper, pattern: string) => sql`lower(${column}) like ${pattern} escape '\\'`;

// What each person did, counted with one indexed lookup each (ideas_author_idx,
// comments_author_idx, votes_user_idx) for the page's rows only. The outer row's id is written
// with its table: drizzle leaves columns unqualified in a one-table query, and a bare "id"
// inside the subquery would be the counted table's own.
const personId = sql.raw(`"users"."id"`);
const ideaCount = sql<number>`(select count(*) from ${ideas} where ${ideas.authorId} = ${personId})`.mapWith(Number);
const commentCount = sql<number>`(select count(*) from ${comments} where ${comments.authorId} = ${personId} and ${comments.deletedAt} is null)`.mapWith(Number);
const voteCount = sql<number>`(select count(*) from ${votes} where ${votes.userId} = ${personId})`.mapWith(Number);

/**
 * The people directory for staff: everyone, by name, a page at a time, with what they did and
 * when they were last seen. Without a search the list is a walk of users_name_idx (or
 * users_role_idx, users_blocked_idx, users_unverified_idx); a search reads names, emails and companies in full, which
 * is what "contains" costs (a few milliseconds per ten thousand people).
 */
export async function listPeople(filter: PeopleFilter) {
  const pattern = filter.q ? containing(filter.q) : null;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      company: users.company,
      role: users.role,
      photoId: users.photoId,
      blockedAt: users.blockedAt,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSeenAt: users.lastSeenAt,
      ideaCount,
      commentCount,
      voteCount,
    })
    .from(users)
    .where(
      and(
        pattern ? or(contains(users.displayName, pattern), contains(users.email, pattern), contains(sql`coalesce(${users.company}, '')`, pattern)) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.status === "blocked" ? isNotNull(users.blockedAt) : undefined,
        filter.status === "unverified" ? isNull(users.emailVerifiedAt) : undefined,
        filter.after
          ? or(gt(users.displayName, filter.after.displayName), and(eq(users.displayName, filter.after.displayName), gt(users.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(PEOPLE_PAGE_SIZE + 1);
  const page = rows.slice(0, PEOPLE_PAGE_SIZE);
  const last = page.at(-1);
  return { people: page, next: rows.length > PEOPLE_PAGE_SIZE && last ? { displayName: last.displayName, id: last.id } : null };
}

/** One person as staff see them: their account, what they did, and their latest ideas and comments. */
export async function personForStaff(id: string) {
  const [person] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      company: users.company,
      jobTitle: users.jobTitle,
      role: users.role,
      photoId: users.photoId,
      blockedAt: users.blockedAt,
      blockedReason: users.blockedReason,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSeenAt: users.lastSeenAt,
      createdAt: users.createdAt,
      ideaCount,
      commentCount,
      voteCount,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!person) return null;
  const [latestIdeas, latestComments] = await Promise.all([
    db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, createdAt: ideas.createdAt, hiddenAt: ideas.hiddenAt })
      .from(ideas)
      .where(eq(ideas.authorId, id))
      .orderBy(desc(ideas.id))
      .limit(10),
    db
      .select({
        id: comments.id,
        text: sql<string>`substr(${comments.bodyText}, 1, 200)`,
        kind: comments.kind,
        createdAt: comments.createdAt,
        ideaId: ideas.id,
        ideaTitle: ideas.title,
      })
      .from(comments)
      .innerJoin(ideas, eq(ideas.id, comments.ideaId))
      .where(and(eq(comments.authorId, id), isNull(comments.deletedAt)))
      .orderBy(desc(comments.createdAt))
      .limit(10),
  ]);
  return { person, latestIdeas, latestComments };
}
