import { and, asc, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { categories, challenges, comments, ideas, users, votes } from "#db/tables";
import { db } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared-query.server";
import type { InsightsFilters } from "~/domain/insights.server";

// The CSV exports of /admin/insights (staff only): the ideas posted, the votes cast and the
// comments written in a period, with the page's filters. Each is read a batch at a time in
// the order of an index (keyset pagination: the next batch starts after the last row of the
// one before), so an export of a million rows holds one batch in memory and never an offset.
//
// A batch reads its own table alone; the names it shows (ideas' titles, people, categories,
// challenges) are read once per export, only the ids a batch brings that are not known yet
// (`Names`). Joining them to every row cost three times as much as reading the rows
// (docs/performance.md). The batch query is built and prepared once per shape (which filters,
// the first batch or a later one), its values given as placeholders: building the SQL of each
// batch again cost a tenth of an export.

const BATCH = 2000;
/** Names kept per kind during one export; past this many they are forgotten and read again as needed. */
const MAX_NAMES = 50_000;
type Range = { start: Date; end: Date };

/** Which filters a batch query has, and whether it starts after a cursor (the first batch has none). */
type Shape = { category: boolean; challenge: boolean; cursor: boolean };
const shapeOf = (filters: InsightsFilters, cursor: boolean): Shape => ({ category: Boolean(filters.categoryId), challenge: Boolean(filters.challengeId), cursor });

type TimeColumn = typeof ideas.createdAt | typeof votes.createdAt | typeof comments.createdAt;
/** A value given when the prepared query runs, encoded as `column` stores it (a Date as the engine keeps time). */
const slot = (name: string, column: TimeColumn) => sql.param(sql.placeholder(name), column) as unknown as Date;
/** A value given when the prepared query runs, as it is (ids). */
const given = <T>(name: string) => sql.placeholder(name) as unknown as T;

/** The ideas the filters select (by category, by challenge). */
function ideaFilter(shape: Shape) {
  return and(shape.category ? eq(ideas.categoryId, given<number>("categoryId")) : undefined, shape.challenge ? eq(ideas.challengeId, given<number>("challengeId")) : undefined);
}
/** Votes or comments on the ideas the filters select (no condition without filters). */
function onSelectedIdeas(ideaId: typeof votes.ideaId | typeof comments.ideaId, shape: Shape) {
  return shape.category || shape.challenge ? inArray(ideaId, db.select({ id: ideas.id }).from(ideas).where(ideaFilter(shape))) : undefined;
}
/**
 * Rows of the period after the cursor, if any, in (time, …ties) order, with the filters. After a
 * cursor the cursor's time ("at") is the only lower bound: the index seeks straight to it. With
 * the period's start beside it, SQLite took the start as the range's bound and walked every
 * batch from there (a million votes: 12.7 s of CPU in SQLite alone, 0.65 s with one bound).
 */
function inPeriodAfter(time: TimeColumn, shape: Shape, ideaId: typeof votes.ideaId | typeof comments.ideaId | null, tie: () => SQL | undefined) {
  const filters = ideaId ? onSelectedIdeas(ideaId, shape) : ideaFilter(shape);
  if (!shape.cursor) return and(gte(time, slot("start", time)), lt(time, slot("end", time)), filters);
  const at = slot("at", time);
  return and(gte(time, at), lt(time, slot("end", time)), or(gt(time, at), and(eq(time, at), tie())), filters);
}

/** One prepared query per shape of `build`, named for PostgreSQL by `kind` and the shape. */
function preparedPerShape<Row>(kind: string, build: (shape: Shape) => { prepare(): { execute(values?: Record<string, unknown>): Row[] | Promise<Row[]> } }) {
  const prepared = new Map<string, (values: Record<string, unknown>) => Promise<Row[]>>();
  return (shape: Shape) => {
    const key = `${Number(shape.category)}${Number(shape.challenge)}${Number(shape.cursor)}`;
    let query = prepared.get(key);
    if (!query) {
      query = preparedQuery(`export_${kind}_${key}`, build(shape));
      prepared.set(key, query);
    }
    return query;
  };
}

/** The values of a batch query: the period, the filters' ids, and the cursor's. */
const valuesOf = (range: Range, filters: InsightsFilters, cursor: Record<string, unknown> | null) => ({
  start: range.start,
  end: range.end,
  categoryId: filters.categoryId,
  challengeId: filters.challengeId,
  ...cursor,
});

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

const ideaBatch = preparedPerShape("ideas", (shape) =>
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
    .where(inPeriodAfter(ideas.createdAt, shape, null, () => gt(ideas.id, given<number>("id"))))
    .orderBy(asc(ideas.createdAt), asc(ideas.id))
    .limit(BATCH),
);

type TimeCursor = { at: Date; id: number } | null;

/** The ideas posted in the period, oldest first. */
export async function* exportIdeas(range: Range, filters: InsightsFilters) {
  const persons = people();
  const categoryNames = new Names<number, string>((ids) => db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, ids)));
  const challengeTitles = new Names<number, string>((ids) => db.select({ id: challenges.id, name: challenges.title }).from(challenges).where(inArray(challenges.id, ids)));
  const read = (last: TimeCursor) => ideaBatch(shapeOf(filters, last !== null))(valuesOf(range, filters, last));
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

const voteBatch = preparedPerShape("votes", (shape) =>
  db
    .select({ ideaId: votes.ideaId, userId: votes.userId, createdAt: votes.createdAt })
    .from(votes)
    .where(
      inPeriodAfter(votes.createdAt, shape, votes.ideaId, () =>
        or(gt(votes.ideaId, given<number>("ideaId")), and(eq(votes.ideaId, given<number>("ideaId")), gt(votes.userId, given<string>("userId")))),
      ),
    )
    .orderBy(asc(votes.createdAt), asc(votes.ideaId), asc(votes.userId))
    .limit(BATCH),
);

type VoteCursor = { at: Date; ideaId: number; userId: string } | null;

/** The votes cast in the period, oldest first. */
export async function* exportVotes(range: Range, filters: InsightsFilters) {
  const titles = ideaTitles();
  const voters = people();
  const read = (last: VoteCursor) => voteBatch(shapeOf(filters, last !== null))(valuesOf(range, filters, last));
  for await (const batch of batches(read, (end) => ({ at: end.createdAt, ideaId: end.ideaId, userId: end.userId }))) {
    await Promise.all([titles.load(batch.map((vote) => vote.ideaId)), voters.load(batch.map((vote) => vote.userId))]);
    yield batch.map((vote) => {
      const voter = voters.get(vote.userId);
      return { ideaId: vote.ideaId, idea: titles.get(vote.ideaId), userId: vote.userId, person: voter?.name ?? null, company: voter?.company ?? null, createdAt: vote.createdAt };
    });
  }
}

const commentBatch = preparedPerShape("comments", (shape) =>
  db
    .select({ ideaId: comments.ideaId, id: comments.id, authorId: comments.authorId, kind: comments.kind, createdAt: comments.createdAt })
    .from(comments)
    .where(inPeriodAfter(comments.createdAt, shape, comments.ideaId, () => gt(comments.id, given<number>("id"))))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(BATCH),
);

/** The comments written in the period, oldest first: public ones and staff's internal notes (the export is staff's). */
export async function* exportComments(range: Range, filters: InsightsFilters) {
  const titles = ideaTitles();
  const authors = people();
  const read = (last: TimeCursor) => commentBatch(shapeOf(filters, last !== null))(valuesOf(range, filters, last));
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
