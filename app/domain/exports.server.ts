import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import { categories, challenges, comments, ideas, users, votes } from "#db/tables";
import { db } from "~/lib/db.server";
import type { InsightsFilters } from "~/domain/insights.server";

// The CSV exports of /admin/insights (staff only): the ideas posted, the votes cast and the
// comments written in a period, with the page's filters. Each is read a batch at a time in
// the order of an index (keyset pagination: the next batch starts after the last row of the
// one before), so an export of a million rows holds one batch in memory and never an offset.
//
// A batch reads its own table alone; the names it shows (ideas' titles, people, categories,
// challenges) are read once per export, only the ids a batch brings that are not known yet
// (`Names`). Joining them to every row cost three times as much as reading the rows
// (docs/performance.md).

const BATCH = 2000;
/** Names kept per kind during one export; past this many they are forgotten and read again as needed. */
const MAX_NAMES = 50_000;
type Range = { start: Date; end: Date };

function ideaFilter(filters: InsightsFilters) {
  return and(filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined, filters.challengeId ? eq(ideas.challengeId, filters.challengeId) : undefined);
}
const filtered = (filters: InsightsFilters) => Boolean(filters.categoryId || filters.challengeId);
/** Votes or comments on the ideas the filters select (no condition without filters). */
function onSelectedIdeas(ideaId: typeof votes.ideaId | typeof comments.ideaId, filters: InsightsFilters) {
  return filtered(filters) ? inArray(ideaId, db.select({ id: ideas.id }).from(ideas).where(ideaFilter(filters))) : undefined;
}

type TimeColumn = Parameters<typeof gt>[0];
/**
 * Rows after `last` in (time, …ties) order. The plain `time >= last.at` bound lets the index
 * seek straight to the cursor; without it the OR made every batch walk the range from its start.
 */
function after(time: TimeColumn, last: { at: Date } | null, tie: (() => SQL | undefined) | null): SQL | undefined {
  return last ? and(gte(time, last.at), or(gt(time, last.at), and(eq(time, last.at), tie?.()))) : undefined;
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

/** Names by id, read for the ids a batch needs that are not known yet. */
class Names<Id, Name> {
  private known = new Map<Id, Name>();
  constructor(private read: (ids: Id[]) => Promise<Array<{ id: Id; name: Name }>>) {}

  async load(ids: ReadonlyArray<Id | null>) {
    let missing = new Set<Id>();
    for (const id of ids) if (id !== null && !this.known.has(id)) missing.add(id);
    if (missing.size === 0) return;
    if (this.known.size + missing.size > MAX_NAMES) {
      this.known.clear();
      missing = new Set(ids.filter((id): id is Id => id !== null));
    }
    for (const row of await this.read([...missing])) this.known.set(row.id, row.name);
  }

  get(id: Id | null) {
    return id === null ? null : (this.known.get(id) ?? null);
  }
}

const ideaTitles = () => new Names<number, string>((ids) => db.select({ id: ideas.id, name: ideas.title }).from(ideas).where(inArray(ideas.id, ids)));
const people = () =>
  new Names<string, { name: string; company: string | null }>(async (ids) =>
    (await db.select({ id: users.id, name: users.displayName, company: users.company }).from(users).where(inArray(users.id, ids))).map((row) => ({
      id: row.id,
      name: { name: row.name, company: row.company },
    })),
  );

type TimeCursor = { at: Date; id: number } | null;

/** The ideas posted in the period, oldest first. */
export async function* exportIdeas(range: Range, filters: InsightsFilters) {
  const persons = people();
  const categoryNames = new Names<number, string>((ids) => db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, ids)));
  const challengeTitles = new Names<number, string>((ids) => db.select({ id: challenges.id, name: challenges.title }).from(challenges).where(inArray(challenges.id, ids)));
  const read = (last: TimeCursor) =>
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        status: ideas.status,
        categoryId: ideas.categoryId,
        challengeId: ideas.challengeId,
        authorId: ideas.authorId,
        votes: ideas.voteCount,
        comments: ideas.commentCount,
        createdAt: ideas.createdAt,
        firstResponseAt: ideas.firstResponseAt,
        firstResponderId: ideas.firstResponderId,
        adoptedAt: ideas.adoptedAt,
        adoptedById: ideas.adoptedById,
      })
      .from(ideas)
      .where(and(gte(ideas.createdAt, range.start), lt(ideas.createdAt, range.end), ideaFilter(filters), after(ideas.createdAt, last, () => gt(ideas.id, last!.id))))
      .orderBy(asc(ideas.createdAt), asc(ideas.id))
      .limit(BATCH);
  for await (const batch of batches(read, (end) => ({ at: end.createdAt, id: end.id }))) {
    await Promise.all([
      persons.load(batch.flatMap((idea) => [idea.authorId, idea.firstResponderId, idea.adoptedById])),
      categoryNames.load(batch.map((idea) => idea.categoryId)),
      challengeTitles.load(batch.map((idea) => idea.challengeId)),
    ]);
    yield batch.map((idea) => {
      const author = persons.get(idea.authorId);
      return {
        id: idea.id,
        title: idea.title,
        status: idea.status,
        category: categoryNames.get(idea.categoryId),
        challenge: challengeTitles.get(idea.challengeId),
        author: author?.name ?? null,
        company: author?.company ?? null,
        votes: idea.votes,
        comments: idea.comments,
        createdAt: idea.createdAt,
        firstResponseAt: idea.firstResponseAt,
        firstResponder: persons.get(idea.firstResponderId)?.name ?? null,
        adoptedAt: idea.adoptedAt,
        adopter: persons.get(idea.adoptedById)?.name ?? null,
      };
    });
  }
}

type VoteCursor = { at: Date; ideaId: number; userId: string } | null;

/** The votes cast in the period, oldest first. */
export async function* exportVotes(range: Range, filters: InsightsFilters) {
  const titles = ideaTitles();
  const voters = people();
  const read = (last: VoteCursor) =>
    db
      .select({ ideaId: votes.ideaId, userId: votes.userId, createdAt: votes.createdAt })
      .from(votes)
      .where(
        and(
          gte(votes.createdAt, range.start),
          lt(votes.createdAt, range.end),
          onSelectedIdeas(votes.ideaId, filters),
          after(votes.createdAt, last, () => or(gt(votes.ideaId, last!.ideaId), and(eq(votes.ideaId, last!.ideaId), gt(votes.userId, last!.userId)))),
        ),
      )
      .orderBy(asc(votes.createdAt), asc(votes.ideaId), asc(votes.userId))
      .limit(BATCH);
  for await (const batch of batches(read, (end) => ({ at: end.createdAt, ideaId: end.ideaId, userId: end.userId }))) {
    await Promise.all([titles.load(batch.map((vote) => vote.ideaId)), voters.load(batch.map((vote) => vote.userId))]);
    yield batch.map((vote) => {
      const voter = voters.get(vote.userId);
      return { ideaId: vote.ideaId, idea: titles.get(vote.ideaId), userId: vote.userId, person: voter?.name ?? null, company: voter?.company ?? null, createdAt: vote.createdAt };
    });
  }
}

/** The comments written in the period, oldest first: public ones and staff's internal notes (the export is staff's). */
export async function* exportComments(range: Range, filters: InsightsFilters) {
  const titles = ideaTitles();
  const authors = people();
  const read = (last: TimeCursor) =>
    db
      .select({ ideaId: comments.ideaId, id: comments.id, authorId: comments.authorId, kind: comments.kind, createdAt: comments.createdAt })
      .from(comments)
      .where(
        and(
          gte(comments.createdAt, range.start),
          lt(comments.createdAt, range.end),
          onSelectedIdeas(comments.ideaId, filters),
          after(comments.createdAt, last, () => gt(comments.id, last!.id)),
        ),
      )
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(BATCH);
  for await (const batch of batches(read, (end) => ({ at: end.createdAt, id: end.id }))) {
    await Promise.all([titles.load(batch.map((comment) => comment.ideaId)), authors.load(batch.map((comment) => comment.authorId))]);
    yield batch.map((comment) => ({
      ideaId: comment.ideaId,
      idea: titles.get(comment.ideaId),
      id: comment.id,
      author: authors.get(comment.authorId)?.name ?? null,
      kind: comment.kind,
      createdAt: comment.createdAt,
    }));
  }
}
