import { and, asc, eq, gt, gte, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { categories, challenges, comments, ideas, users, votes } from "#db/tables";
import { db } from "~/lib/db.server";
import type { InsightsFilters } from "~/domain/insights.server";

// The CSV exports of /admin/insights (staff only): the ideas posted, the votes cast and the
// comments written in a period, with the page's filters. Each is read a batch at a time in
// the order of an index (keyset pagination: the next batch starts after the last row of the
// one before), so an export of a million rows holds one batch in memory and never an offset.

const BATCH = 2000;
type Range = { start: Date; end: Date };

function ideaFilter(filters: InsightsFilters) {
  return and(filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined, filters.challengeId ? eq(ideas.challengeId, filters.challengeId) : undefined);
}

/** Rows after (time, id), in (time, id) order. */
function after(time: Parameters<typeof gt>[0], id: Parameters<typeof gt>[0], last: TimeCursor): SQL | undefined {
  return last ? or(gt(time, last.at), and(eq(time, last.at), gt(id, last.id))) : undefined;
}

/** Every batch `read` gives, each read after the last row of the one before, until one comes back short. */
async function* batches<Row, Cursor>(read: (after: Cursor | null) => Promise<Row[]>, cursorOf: (row: Row) => Cursor): AsyncGenerator<Row[]> {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
    after = cursorOf(rows[rows.length - 1]!);
  }
}

const author = alias(users, "author");
const responder = alias(users, "responder");
const adopter = alias(users, "adopter");

type TimeCursor = { at: Date; id: number } | null;

function ideaBatch(range: Range, filters: InsightsFilters, last: TimeCursor) {
  return db
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      category: categories.name,
      challenge: challenges.title,
      author: author.displayName,
      company: author.company,
      votes: ideas.voteCount,
      comments: ideas.commentCount,
      createdAt: ideas.createdAt,
      firstResponseAt: ideas.firstResponseAt,
      firstResponder: responder.displayName,
      adoptedAt: ideas.adoptedAt,
      adopter: adopter.displayName,
    })
    .from(ideas)
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(challenges, eq(challenges.id, ideas.challengeId))
    .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
    .leftJoin(adopter, eq(adopter.id, ideas.adoptedById))
    .where(and(gte(ideas.createdAt, range.start), lt(ideas.createdAt, range.end), ideaFilter(filters), after(ideas.createdAt, ideas.id, last)))
    .orderBy(asc(ideas.createdAt), asc(ideas.id))
    .limit(BATCH);
}

/** The ideas posted in the period, oldest first. */
export function exportIdeas(range: Range, filters: InsightsFilters) {
  return batches((last: TimeCursor) => ideaBatch(range, filters, last), (end) => ({ at: end.createdAt, id: end.id }));
}

type VoteCursor = { at: Date; ideaId: number; userId: string } | null;

function voteBatch(range: Range, filters: InsightsFilters, last: VoteCursor) {
  const cursor = last
    ? or(gt(votes.createdAt, last.at), and(eq(votes.createdAt, last.at), or(gt(votes.ideaId, last.ideaId), and(eq(votes.ideaId, last.ideaId), gt(votes.userId, last.userId)))))
    : undefined;
  return db
    .select({
      ideaId: votes.ideaId,
      idea: ideas.title,
      userId: votes.userId,
      person: users.displayName,
      company: users.company,
      createdAt: votes.createdAt,
    })
    .from(votes)
    .innerJoin(ideas, eq(ideas.id, votes.ideaId))
    .innerJoin(users, eq(users.id, votes.userId))
    .where(and(gte(votes.createdAt, range.start), lt(votes.createdAt, range.end), ideaFilter(filters), cursor))
    .orderBy(asc(votes.createdAt), asc(votes.ideaId), asc(votes.userId))
    .limit(BATCH);
}

/** The votes cast in the period, oldest first. */
export function exportVotes(range: Range, filters: InsightsFilters) {
  return batches((last: VoteCursor) => voteBatch(range, filters, last), (end) => ({ at: end.createdAt, ideaId: end.ideaId, userId: end.userId }));
}

/** The comments written in the period, oldest first: public ones and staff's internal notes (the export is staff's). */
export function exportComments(range: Range, filters: InsightsFilters) {
  return batches((last: TimeCursor) => commentBatch(range, filters, last), (end) => ({ at: end.createdAt, id: end.id }));
}

function commentBatch(range: Range, filters: InsightsFilters, last: TimeCursor) {
  return db
    .select({
      ideaId: comments.ideaId,
      idea: ideas.title,
      id: comments.id,
      author: users.displayName,
      kind: comments.kind,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(gte(comments.createdAt, range.start), lt(comments.createdAt, range.end), ideaFilter(filters), after(comments.createdAt, comments.id, last)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(BATCH);
}
