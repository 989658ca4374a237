import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { categories, challenges, ideas, users, votes, type IdeaStatus } from "#db/schema";
import { assertOpenForIdeas } from "~/domain/challenges.server";
import type { IdeaSort, ListQuery } from "~/domain/ideas.schema";
import type { RichBody } from "~/lib/rich-body.server";
import { trendingScore } from "~/domain/trending";
import { now as clockNow } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { follow } from "~/domain/follows.server";

export const PAGE_SIZE = 20;
export const CHALLENGE_IDEAS_PAGE_SIZE = 30;
const EXCERPT_LENGTH = 240;


export class IdeaAnsweredError extends Error {}

/**
 * Posts an idea; its author's vote comes with it, except in a challenge, where votes wait for
 * the voting window and count against a budget. A challenge must be taking ideas at `now`.
 */
export function createIdea(input: { authorId: string; title: string; body: RichBody; categoryId: number | null; challengeId?: number | null; now?: Date }) {
  const now = input.now ?? clockNow();
  const challengeId = input.challengeId ?? null;
  const authorVotes = challengeId === null;
  return db.transaction((tx) => {
    if (challengeId !== null) assertOpenForIdeas(tx, challengeId, now);
    const idea = tx
      .insert(ideas)
      .values({
        title: input.title,
        bodyJson: input.body.json,
        bodyHtml: input.body.html,
        bodyText: input.body.text,
        authorId: input.authorId,
        categoryId: input.categoryId,
        challengeId,
        voteCount: authorVotes ? 1 : 0,
        trendingScore: trendingScore(authorVotes ? 1 : 0, now),
        lastActivityAt: now,
        createdAt: now,
      })
      .returning()
      .get();
    if (authorVotes) tx.insert(votes).values({ ideaId: idea.id, userId: input.authorId }).run();
    follow(tx, idea.id, input.authorId);
    return idea;
  });
}

export function updateIdea(id: number, input: { title: string; body: RichBody; categoryId: number | null }) {
  const now = new Date();
  return db
    .update(ideas)
    .set({
      title: input.title,
      bodyJson: input.body.json,
      bodyHtml: input.body.html,
      bodyText: input.body.text,
      categoryId: input.categoryId,
      editedAt: now,
      lastActivityAt: now,
    })
    .where(eq(ideas.id, id))
    .returning()
    .get();
}

/** Authors may withdraw an idea until the team has answered it. */
export function deleteIdea(id: number) {
  db.transaction((tx) => {
    const idea = tx.select({ answered: ideas.firstResponseAt }).from(ideas).where(eq(ideas.id, id)).get();
    if (!idea) return;
    if (idea.answered) throw new IdeaAnsweredError();
    tx.delete(ideas).where(eq(ideas.id, id)).run();
  });
}

const author = alias(users, "author");

/** The columns every idea summary shows: one query with its author, category and the viewer's vote. */
function summaryColumns(viewerId: string | null, now = clockNow().getTime()) {
  return {
    id: ideas.id,
    title: ideas.title,
    excerpt: sql<string>`substr(${ideas.bodyText}, 1, ${EXCERPT_LENGTH})`,
    status: ideas.status,
    voteCount: ideas.voteCount,
    commentCount: ideas.commentCount,
    createdAt: ideas.createdAt,
    authorId: author.id,
    authorName: author.displayName,
    categoryId: categories.id,
    categoryName: categories.name,
    categoryColour: categories.colour,
    voted: viewerId
      ? sql<number>`exists(select 1 from ${votes} where ${votes.ideaId} = ${ideas.id} and ${votes.userId} = ${viewerId})`
      : sql<number>`0`,
    challengeSlug: challenges.slug,
    challengeTitle: challenges.title,
    challengeVotingOpen: sql<number>`coalesce(${challenges.votingOpensAt} <= ${now} and ${now} < ${challenges.votingClosesAt}, 0)`,
  };
}

const SORT_COLUMNS = {
  trending: ideas.trendingScore,
  top: ideas.voteCount,
  new: ideas.createdAt,
  active: ideas.lastActivityAt,
} satisfies Record<IdeaSort, unknown>;

/** The page cursor: the last row's sort value and id, so pages stay put as ideas arrive. */
function encodeCursor(value: number, id: number) {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): [number, number] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === "number" && Number.isFinite(part))) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // A mangled cursor just means the first page.
  }
  return null;
}

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so no FTS syntax gets
 * through) and matched as a prefix; all words must match, or any with `mode: "any"`.
 */
export function toFtsQuery(text: string, mode: "all" | "any" = "all") {
  let words = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  // "Any word" matching would be swamped by "en", "la", "of"…: skip short words when others remain.
  if (mode === "any" && words.some((word) => word.length >= 3)) words = words.filter((word) => word.length >= 3);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(mode === "all" ? " " : " OR ");
}

/** One page of the ideas list: a single indexed query for any sort, filter and search. */
export function listIdeas(query: ListQuery, viewerId: string | null, pageSize = PAGE_SIZE) {
  const sortColumn = SORT_COLUMNS[query.sort];
  // Hidden ideas stay out of every list; their author and staff still reach them by link.
  const conditions: SQL[] = [isNull(ideas.hiddenAt)];
  if (query.status) conditions.push(eq(ideas.status, query.status));
  if (query.category) conditions.push(eq(ideas.categoryId, query.category));
  const fts = query.q ? toFtsQuery(query.q) : null;
  if (query.q && !fts) return { ideas: [], nextCursor: null };
  if (fts) conditions.push(sql`${ideas.id} in (select rowid from ideas_fts where ideas_fts match ${fts})`);
  const cursor = decodeCursor(query.after);
  if (cursor) conditions.push(sql`(${sortColumn}, ${ideas.id}) < (${cursor[0]}, ${cursor[1]})`);

  const rows = db
    .select({ ...summaryColumns(viewerId), sortValue: sql<number>`${sortColumn}` })
    .from(ideas)
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(and(...conditions))
    .orderBy(desc(sortColumn), desc(ideas.id))
    .limit(pageSize + 1)
    .all();

  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    ideas: page.map(toSummary),
    nextCursor: hasMore && last ? encodeCursor(Number(last.sortValue), last.id) : null,
  };
}

type SummaryRow = {
  id: number;
  title: string;
  excerpt: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  createdAt: Date;
  authorId: string;
  authorName: string;
  categoryId: number | null;
  categoryName: string | null;
  categoryColour: string | null;
  voted: number;
  challengeSlug: string | null;
  challengeTitle: string | null;
  challengeVotingOpen: number;
};

function toSummary(row: SummaryRow) {
  return {
    id: row.id,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    createdAt: row.createdAt,
    voted: Boolean(row.voted),
    author: { id: row.authorId, displayName: row.authorName },
    category: row.categoryId ? { id: row.categoryId, name: row.categoryName!, colour: row.categoryColour! } : null,
    // An idea in a challenge takes votes only while that challenge's voting is open.
    challenge: row.challengeSlug ? { slug: row.challengeSlug, title: row.challengeTitle!, votingOpen: Boolean(row.challengeVotingOpen) } : null,
  };
}
export type IdeaSummary = ReturnType<typeof toSummary>;

/**
 * One page of a challenge's ideas, as the ideas list shows them. While ideas are still coming
 * in they are shuffled with the visitor's own seed (the same order on every page they turn, a
 * different one for each visitor), so early ideas gain no head start; afterwards they are
 * ranked by votes.
 */
export function listChallengeIdeas(input: { challengeId: number; order: "shuffled" | "votes"; seed: number; viewerId: string | null; page: number }) {
  // Multiplying ids by a number coprime with a prime modulus permutes them: a cheap, stable
  // shuffle. The seed is scrambled first so that small seeds also give large multipliers.
  const multiplier = 1 + Number((BigInt(Math.abs(Math.trunc(input.seed))) * 2654435761n + 40503n) % 2147483628n);
  const orderBy =
    input.order === "votes"
      ? [desc(ideas.voteCount), desc(ideas.id)]
      : [sql`(${ideas.id} * ${multiplier}) % 2147483629`, asc(ideas.id)];
  const rows = db
    .select(summaryColumns(input.viewerId))
    .from(ideas)
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(challenges, eq(challenges.id, ideas.challengeId))
    .where(and(eq(ideas.challengeId, input.challengeId), isNull(ideas.hiddenAt), isNull(ideas.mergedIntoId)))
    .orderBy(...orderBy)
    .limit(CHALLENGE_IDEAS_PAGE_SIZE + 1)
    .offset((input.page - 1) * CHALLENGE_IDEAS_PAGE_SIZE)
    .all();
  return { ideas: rows.slice(0, CHALLENGE_IDEAS_PAGE_SIZE).map(toSummary), hasMore: rows.length > CHALLENGE_IDEAS_PAGE_SIZE };
}

/** Up to five existing ideas like the title being typed, best match first. */
export function findSimilarIdeas(title: string, limit = 5) {
  const fts = toFtsQuery(title, "any");
  if (!fts) return [];
  return db
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount })
    .from(sql`ideas_fts`)
    .innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    .where(and(sql`ideas_fts match ${fts}`, isNull(ideas.hiddenAt), isNull(ideas.mergedIntoId)))
    .orderBy(sql`bm25(ideas_fts, 3.0, 1.0)`)
    .limit(limit)
    .all();
}

const responder = alias(users, "responder");
const mergedInto = alias(ideas, "merged_into");

/** An idea with everything its page shows, or null. */
export function getIdea(id: number, viewerId: string | null) {
  const row = db
    .select({
      ...summaryColumns(viewerId),
      bodyHtml: ideas.bodyHtml,
      bodyJson: ideas.bodyJson,
      bodyText: ideas.bodyText,
      editedAt: ideas.editedAt,
      firstResponseAt: ideas.firstResponseAt,
      responderId: responder.id,
      responderName: responder.displayName,
      responderTitle: responder.jobTitle,
      officialCommentId: ideas.officialCommentId,
      assigneeId: ideas.assigneeId,
      mergedIntoId: mergedInto.id,
      mergedIntoTitle: mergedInto.title,
      hiddenAt: ideas.hiddenAt,
      hiddenReason: ideas.hiddenReason,
    })
    .from(ideas)
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(challenges, eq(challenges.id, ideas.challengeId))
    .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
    .leftJoin(mergedInto, eq(mergedInto.id, ideas.mergedIntoId))
    .where(eq(ideas.id, id))
    .get();
  if (!row) return null;
  return {
    ...toSummary(row),
    bodyHtml: row.bodyHtml,
    bodyJson: row.bodyJson,
    bodyText: row.bodyText,
    editedAt: row.editedAt,
    answered: row.firstResponseAt !== null,
    firstResponse:
      row.firstResponseAt && row.responderId
        ? { at: row.firstResponseAt, by: { id: row.responderId, displayName: row.responderName!, jobTitle: row.responderTitle } }
        : null,
    officialCommentId: row.officialCommentId,
    assigneeId: row.assigneeId,
    mergedInto: row.mergedIntoId ? { id: row.mergedIntoId, title: row.mergedIntoTitle! } : null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
  };
}

export function getIdeaAuthorId(id: number) {
  return db.select({ authorId: ideas.authorId }).from(ideas).where(eq(ideas.id, id)).get()?.authorId ?? null;
}
