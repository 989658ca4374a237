import { and, asc, desc, eq, isNull, lt, lte, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type SQLiteSelect } from "drizzle-orm/sqlite-core";
import { categories, challenges, challengeWinners, ideas, users, votes, type IdeaStatus } from "#db/tables";
import { checkOpenForIdeas, winnerFrom } from "~/domain/challenges.server";
import { addFollower } from "~/domain/follows.server";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import type { IdeaListQuery, IdeaSort } from "~/domain/idea-list";
import { firstResponseFrom } from "~/domain/reply-promise.server";
import { ideaMatches } from "~/domain/search.server";
import { ideaSearchColumns } from "~/domain/search-terms.server";
import { changeVoteCount } from "~/domain/votes.server";
import { emitWebhookEvent, ideaInEvent, textInEvent } from "~/domain/webhooks.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared-query.server";
import { ok, refused } from "~/lib/result";
import type { RichBody } from "~/lib/rich-body.server";
import type { SafeHtml } from "~/lib/safe-html";

export const PAGE_SIZE = 20;
export const CHALLENGE_IDEAS_PAGE_SIZE = 30;
const EXCERPT_LENGTH = 240;

/**
 * Posts an idea; its author's vote comes with it, except in a challenge, where votes wait for
 * the voting window and count against a budget. A challenge must be taking ideas at `now`.
 */
export async function createIdea(input: { authorId: string; title: string; body: RichBody; categoryId: number | null; challengeId?: number | null; now?: Date }) {
  const now = input.now ?? clockNow();
  const challengeId = input.challengeId ?? null;
  const authorVotes = challengeId === null;
  return transaction(async (tx) => {
    if (challengeId !== null) {
      const open = await checkOpenForIdeas(tx, challengeId, now);
      if (!open.ok) return open;
    }
    const [idea] = await tx
      .insert(ideas)
      .values({
        title: input.title,
        bodyJson: input.body.json,
        bodyHtml: input.body.html,
        bodyText: input.body.text,
        ...ideaSearchColumns({ title: input.title, bodyText: input.body.text }),
        authorId: input.authorId,
        categoryId: input.categoryId,
        challengeId,
        lastActivityAt: now,
        createdAt: now,
      })
      .returning();
    if (authorVotes) await tx.insert(votes).values({ ideaId: idea!.id, userId: input.authorId, createdAt: now });
    const counted = await changeVoteCount(tx, idea!.id, authorVotes ? 1 : 0);
    await addFollower(tx, idea!.id, input.authorId);
    await emitWebhookEvent(tx, "idea.posted", async () => ({ idea: await ideaInEvent(tx, idea!.id), authorId: input.authorId, text: textInEvent(input.body.text) }), now);
    return ok({ ...idea!, ...counted });
  });
}

/** Only its author edits an idea (not once it is hidden, unless staff); the edit is marked and counts as activity. */
export async function updateIdea(input: { ideaId: number; editorId: string; title: string; body: RichBody; categoryId: number | null }) {
  const now = clockNow();
  return transaction(async (tx) => {
    const [current] = await tx.select({ authorId: ideas.authorId, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    if (!current) return refused("notFound");
    if (current.authorId !== input.editorId) return refused("forbidden");
    const mayAct = await checkMayActOn(tx, current, input.editorId);
    if (!mayAct.ok) return mayAct;
    const [idea] = await tx
      .update(ideas)
      .set({
        title: input.title,
        bodyJson: input.body.json,
        bodyHtml: input.body.html,
        bodyText: input.body.text,
        ...ideaSearchColumns({ title: input.title, bodyText: input.body.text }),
        categoryId: input.categoryId,
        editedAt: now,
        lastActivityAt: now,
      })
      .where(eq(ideas.id, input.ideaId))
      .returning();
    return ok(idea!);
  });
}

/** Authors may withdraw their idea until the team has answered it (or hidden it). */
export async function deleteIdea(input: { ideaId: number; userId: string }) {
  return transaction(async (tx) => {
    const [idea] = await tx
      .select({ authorId: ideas.authorId, answeredAt: ideas.firstResponseAt, hiddenAt: ideas.hiddenAt })
      .from(ideas)
      .where(eq(ideas.id, input.ideaId))
      .limit(1);
    if (!idea) return refused("notFound");
    if (idea.authorId !== input.userId) return refused("forbidden");
    const mayAct = await checkMayActOn(tx, idea, input.userId);
    if (!mayAct.ok) return mayAct;
    if (idea.answeredAt) return refused("answered");
    await tx.delete(ideas).where(eq(ideas.id, input.ideaId));
    return ok();
  });
}

const author = alias(users, "author");
const responder = alias(users, "responder");
const assignee = alias(users, "assignee");
const mergedInto = alias(ideas, "merged_into");

/**
 * The columns every idea summary shows: one query with its author, category, challenge (and
 * its place if it won), who answered it first, the idea it was merged into, and the viewer's
 * vote. Every join is on a primary key.
 */
function summaryColumns(viewerId: string | Placeholder | null) {
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
    authorPhotoId: author.photoId,
    categoryId: categories.id,
    categoryName: categories.name,
    categoryColour: categories.colour,
    voted: viewerId
      ? sql<unknown>`exists(select 1 from ${votes} where ${votes.ideaId} = ${ideas.id} and ${votes.userId} = ${viewerId})`
      : sql<unknown>`0`,
    challengeSlug: challenges.slug,
    challengeTitle: challenges.title,
    challengeVotingOpensAt: challenges.votingOpensAt,
    challengeVotingClosesAt: challenges.votingClosesAt,
    winnerIdeaId: challengeWinners.ideaId,
    winnerRank: challengeWinners.rank,
    firstResponseAt: ideas.firstResponseAt,
    responderId: responder.id,
    responderName: responder.displayName,
    mergedIntoId: mergedInto.id,
    mergedIntoTitle: mergedInto.title,
    mergedIntoAuthorId: mergedInto.authorId,
    mergedIntoHiddenAt: mergedInto.hiddenAt,
  };
}

/** The joins `summaryColumns` reads from, added to a query of ideas. */
function withSummaryJoins<T extends SQLiteSelect>(query: T) {
  return query
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(challenges, eq(challenges.id, ideas.challengeId))
    .leftJoin(challengeWinners, and(eq(challengeWinners.challengeId, ideas.challengeId), eq(challengeWinners.ideaId, ideas.id)))
    .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
    .leftJoin(mergedInto, eq(mergedInto.id, ideas.mergedIntoId));
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
  authorPhotoId: string | null;
  categoryId: number | null;
  categoryName: string | null;
  categoryColour: string | null;
  voted: unknown;
  challengeSlug: string | null;
  challengeTitle: string | null;
  challengeVotingOpensAt: Date | null;
  challengeVotingClosesAt: Date | null;
  winnerIdeaId: number | null;
  winnerRank: number | null;
  firstResponseAt: Date | null;
  responderId: string | null;
  responderName: string | null;
  mergedIntoId: number | null;
  mergedIntoTitle: string | null;
  mergedIntoAuthorId: string | null;
  mergedIntoHiddenAt: Date | null;
};

function toSummary(row: SummaryRow, now: Date) {
  return {
    id: row.id,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    createdAt: row.createdAt,
    voted: Boolean(row.voted),
    author: { id: row.authorId, displayName: row.authorName, photoId: row.authorPhotoId },
    category: row.categoryId ? { id: row.categoryId, name: row.categoryName!, colour: row.categoryColour! } : null,
    // An idea in a challenge takes votes only while that challenge's voting is open.
    challenge: row.challengeSlug
      ? {
          slug: row.challengeSlug,
          title: row.challengeTitle!,
          votingOpen: row.challengeVotingOpensAt! <= now && now < row.challengeVotingClosesAt!,
        }
      : null,
    /** Among its challenge's announced winners: ranked (1, 2…), or selected without a rank. */
    winner: winnerFrom(row),
    /** The team's first public word on it (a reply, an official response, a note, the results): when, and who. */
    firstResponse: firstResponseFrom(row),
    /** The idea a merged duplicate joined; a list names it by its number only once moderation hid it. */
    mergedInto: row.mergedIntoId ? { id: row.mergedIntoId, title: row.mergedIntoHiddenAt ? null : row.mergedIntoTitle! } : null,
  };
}
export type IdeaSummary = ReturnType<typeof toSummary>;

/** Each sort's column, and whether its cursor value is a time (milliseconds) or a number. */
const SORTS = {
  trending: { column: ideas.trendingScore, time: false },
  top: { column: ideas.voteCount, time: false },
  new: { column: ideas.createdAt, time: true },
  active: { column: ideas.lastActivityAt, time: true },
} satisfies Record<IdeaSort, unknown>;

/** The page cursor: the last row's sort value and id, so pages stay put as ideas arrive. */
function encodeCursor(value: number | Date, id: number) {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.getTime() : value, id])).toString("base64url");
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

/** One page of the ideas list: a single indexed query for any sort, filter and search. */
export async function listIdeas(query: IdeaListQuery, viewerId: string | null, pageSize = PAGE_SIZE) {
  const sort = SORTS[query.sort];
  const cursor = decodeCursor(query.after);
  const cursorValue = cursor ? (sort.time ? new Date(cursor[0]) : cursor[0]) : null;
  let rows: Array<SummaryRow & { sortValue: number | Date }>;
  if (query.q) {
    // Searches are built per request (their conditions depend on the words).
    const matches = await ideaMatches(query.q);
    if (!matches) return { ideas: [], nextCursor: null };
    const conditions: SQL[] = [isNull(ideas.hiddenAt), matches];
    if (query.status !== "duplicate") conditions.push(isNull(ideas.mergedIntoId));
    if (query.status) conditions.push(eq(ideas.status, query.status));
    if (query.category) conditions.push(eq(ideas.categoryId, query.category));
    if (cursor) conditions.push(afterCursor(sort.column, cursorValue!, cursor[1]));
    rows = await listQuery(sort.column, conditions, viewerId, pageSize + 1);
  } else {
    const shape = { sort: query.sort, status: Boolean(query.status), duplicates: query.status === "duplicate", category: Boolean(query.category), cursor: Boolean(cursor), viewer: viewerId !== null };
    rows = await preparedList(shape)({
      status: query.status,
      category: query.category,
      cursorValue,
      cursorId: cursor?.[1],
      viewerId,
      limit: pageSize + 1,
    });
  }

  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const now = clockNow();
  return {
    ideas: page.map((row) => toSummary(row, now)),
    nextCursor: hasMore && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}

type SortColumn = (typeof SORTS)[IdeaSort]["column"];

/** After (value, id) in descending order; `<=` first, so the index walk starts at the cursor. */
function afterCursor(column: SortColumn, value: unknown, id: unknown) {
  return and(lte(column, value as number), or(lt(column, value as number), lt(ideas.id, id as number)))!;
}

function listQuery(column: SortColumn, conditions: SQL[], viewerId: string | Placeholder | null, limit: number | Placeholder) {
  return withSummaryJoins(db.select({ ...summaryColumns(viewerId), sortValue: column }).from(ideas).$dynamic())
    .where(and(...conditions))
    .orderBy(desc(column), desc(ideas.id))
    .limit(limit as number);
}

type ListShape = { sort: IdeaSort; status: boolean; duplicates: boolean; category: boolean; cursor: boolean; viewer: boolean };
const preparedLists = new Map<string, ReturnType<typeof prepareList>>();

/**
 * The list without search, prepared once per shape (sort, which filters, a cursor or not, a
 * viewer or not, and whether duplicates were asked for: 80 at most) with the values as placeholders: the list is on nearly every page
 * view, and building its SQL cost more than running it.
 */
function preparedList(shape: ListShape) {
  const key = `${shape.sort}_${Number(shape.status)}${Number(shape.duplicates)}${Number(shape.category)}${Number(shape.cursor)}${Number(shape.viewer)}`;
  let statement = preparedLists.get(key);
  if (!statement) {
    statement = prepareList(key, shape);
    preparedLists.set(key, statement);
  }
  return statement;
}

function prepareList(key: string, shape: ListShape) {
  const column = SORTS[shape.sort].column;
  const conditions: SQL[] = [isNull(ideas.hiddenAt)];
  // A merged duplicate lives on in the idea it joined: it shows only when duplicates are asked for.
  if (!shape.duplicates) conditions.push(isNull(ideas.mergedIntoId));
  if (shape.status) conditions.push(eq(ideas.status, sql.placeholder("status") as unknown as IdeaStatus));
  if (shape.category) conditions.push(eq(ideas.categoryId, sql.placeholder("category") as unknown as number));
  // The cursor's value through the column's encoder (a Date becomes what the engine stores).
  if (shape.cursor) conditions.push(afterCursor(column, sql.param(sql.placeholder("cursorValue"), column), sql.placeholder("cursorId")));
  return preparedQuery(`ideas_list_${key}`, listQuery(column, conditions, shape.viewer ? sql.placeholder("viewerId") : null, sql.placeholder("limit")));
}

/**
 * One page of a challenge's ideas, as the ideas list shows them. While ideas are still coming
 * in they are shuffled with the visitor's own seed (the same order on every page they turn, a
 * different one for each visitor), so early ideas gain no head start; afterwards they are
 * ranked by votes.
 */
export async function listChallengeIdeas(input: { challengeId: number; order: "shuffled" | "votes"; seed: number; viewerId: string | null; page: number }) {
  // Multiplying ids by a number coprime with a prime modulus permutes them: a cheap, stable
  // shuffle. The seed is scrambled first so that small seeds also give large multipliers.
  const multiplier = 1 + Number((BigInt(Math.abs(Math.trunc(input.seed))) * 2654435761n + 40503n) % 2147483628n);
  const orderBy =
    input.order === "votes"
      ? [desc(ideas.voteCount), desc(ideas.id)]
      : // In 64 bits: PostgreSQL's integer arithmetic is 32-bit and the product would overflow.
        [sql`(cast(${ideas.id} as bigint) * ${multiplier}) % 2147483629`, asc(ideas.id)];
  const rows = await withSummaryJoins(db.select(summaryColumns(input.viewerId)).from(ideas).$dynamic())
    .where(and(eq(ideas.challengeId, input.challengeId), isNull(ideas.hiddenAt), isNull(ideas.mergedIntoId)))
    .orderBy(...orderBy)
    .limit(CHALLENGE_IDEAS_PAGE_SIZE + 1)
    .offset((input.page - 1) * CHALLENGE_IDEAS_PAGE_SIZE);
  const now = clockNow();
  return { ideas: rows.slice(0, CHALLENGE_IDEAS_PAGE_SIZE).map((row) => toSummary(row, now)), hasMore: rows.length > CHALLENGE_IDEAS_PAGE_SIZE };
}

/** An idea with everything its page shows, or null. */
export async function getIdea(id: number, viewerId: string | null) {
  const [row] = await withSummaryJoins(
    db
      .select({
        ...summaryColumns(viewerId),
        bodyHtml: ideas.bodyHtml,
        bodyJson: ideas.bodyJson,
        bodyText: ideas.bodyText,
        editedAt: ideas.editedAt,
        responderTitle: responder.jobTitle,
        officialCommentId: ideas.officialCommentId,
        assigneeId: ideas.assigneeId,
        assigneeName: assignee.displayName,
        assigneeTitle: assignee.jobTitle,
        hiddenAt: ideas.hiddenAt,
        hiddenReason: ideas.hiddenReason,
      })
      .from(ideas)
      .leftJoin(assignee, eq(assignee.id, ideas.assigneeId))
      .$dynamic(),
  )
    .where(eq(ideas.id, id))
    .limit(1);
  if (!row) return null;
  const summary = toSummary(row, clockNow());
  return {
    ...summary,
    bodyHtml: row.bodyHtml satisfies SafeHtml,
    bodyJson: row.bodyJson,
    bodyText: row.bodyText,
    editedAt: row.editedAt,
    answered: row.firstResponseAt !== null,
    firstResponse: summary.firstResponse ? { ...summary.firstResponse, by: { ...summary.firstResponse.by, jobTitle: row.responderTitle } } : null,
    officialCommentId: row.officialCommentId,
    assigneeId: row.assigneeId,
    mergedInto: row.mergedIntoId
      ? { id: row.mergedIntoId, title: row.mergedIntoTitle!, authorId: row.mergedIntoAuthorId!, hidden: row.mergedIntoHiddenAt !== null }
      : null,
    /** Who looks after it: shown to everyone, accountability in public. */
    assignee: row.assigneeId ? { id: row.assigneeId, displayName: row.assigneeName!, jobTitle: row.assigneeTitle } : null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
  };
}

/** The idea its author is about to edit; anyone else is refused. */
export async function getIdeaForEdit(ideaId: number, userId: string) {
  const idea = await getIdea(ideaId, userId);
  if (!idea) return refused("notFound");
  if (idea.author.id !== userId) return refused("forbidden");
  return ok(idea);
}
