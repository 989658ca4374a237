import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { categories, challengeWinners, ideas, users } from "#db/tables";
import { ROADMAP_COLUMNS } from "~/domain/idea-lifecycle";
import { winnerFrom } from "~/domain/challenges.server";
import { firstResponseFrom } from "~/domain/reply-promise.server";
import { db } from "~/lib/db.server";

const proposer = alias(users, "proposer");
const adopter = alias(users, "adopter");

export const ADOPTED_PAGE_SIZE = 20;

/** What was adopted, newest first, with who proposed it and who adopted it; `before` pages back. */
export async function listAdopted(before?: Date) {
  const rows = await db
    .select({
      id: ideas.id,
      title: ideas.title,
      excerpt: sql<string>`substr(${ideas.bodyText}, 1, 240)`,
      voteCount: ideas.voteCount,
      adoptedAt: ideas.adoptedAt,
      proposerId: proposer.id,
      proposerName: proposer.displayName,
      adopterId: adopter.id,
      adopterName: adopter.displayName,
      adopterTitle: adopter.jobTitle,
    })
    .from(ideas)
    .innerJoin(proposer, eq(proposer.id, ideas.authorId))
    .leftJoin(adopter, eq(adopter.id, ideas.adoptedById))
    .where(and(eq(ideas.status, "adopted"), isNull(ideas.hiddenAt), before ? lt(ideas.adoptedAt, before) : undefined))
    .orderBy(desc(ideas.adoptedAt), desc(ideas.id))
    .limit(ADOPTED_PAGE_SIZE + 1);
  const page = rows.slice(0, ADOPTED_PAGE_SIZE);
  const last = page[page.length - 1];
  return { ideas: page, nextBefore: rows.length > ADOPTED_PAGE_SIZE && last?.adoptedAt ? last.adoptedAt.getTime() : null };
}

const PER_COLUMN = 30;
const responder = alias(users, "responder");

/** The public board: Planned and In progress by votes, recently Adopted by date; one query per column. */
export async function getRoadmap(categoryId?: number) {
  const columns = await Promise.all(
    ROADMAP_COLUMNS.map((status) =>
      db
        .select({
          id: ideas.id,
          title: ideas.title,
          voteCount: ideas.voteCount,
          createdAt: ideas.createdAt,
          categoryName: categories.name,
          categoryColour: categories.colour,
          firstResponseAt: ideas.firstResponseAt,
          responderId: responder.id,
          responderName: responder.displayName,
          winnerIdeaId: challengeWinners.ideaId,
          winnerRank: challengeWinners.rank,
        })
        .from(ideas)
        .leftJoin(categories, eq(categories.id, ideas.categoryId))
        .leftJoin(responder, eq(responder.id, ideas.firstResponderId))
        .leftJoin(challengeWinners, and(eq(challengeWinners.challengeId, ideas.challengeId), eq(challengeWinners.ideaId, ideas.id)))
        .where(and(eq(ideas.status, status), isNull(ideas.hiddenAt), categoryId ? eq(ideas.categoryId, categoryId) : undefined))
        .orderBy(status === "adopted" ? desc(ideas.adoptedAt) : desc(ideas.voteCount), desc(ideas.id))
        .limit(PER_COLUMN),
    ),
  );
  const cards = columns.map((rows) =>
    rows.map(({ firstResponseAt, responderId, responderName, winnerIdeaId, winnerRank, ...card }) => ({
      ...card,
      firstResponse: firstResponseFrom({ firstResponseAt, responderId, responderName }),
      winner: winnerFrom({ winnerIdeaId, winnerRank }),
    })),
  );
  const [planned, inProgress, adopted] = cards;
  return { planned: planned!, in_progress: inProgress!, adopted: adopted! } satisfies Record<(typeof ROADMAP_COLUMNS)[number], unknown>;
}

const assignee = alias(users, "assignee");
const author = alias(users, "author");

/** The triage inbox: ideas still waiting for a first staff reply, oldest first. */
export async function listWaiting(filters: { categoryId?: number; assigneeId?: string | "none" }) {
  return db
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      commentCount: ideas.commentCount,
      createdAt: ideas.createdAt,
      categoryId: ideas.categoryId,
      categoryName: categories.name,
      assigneeId: assignee.id,
      assigneeName: assignee.displayName,
      authorName: author.displayName,
    })
    .from(ideas)
    .innerJoin(author, eq(author.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(assignee, eq(assignee.id, ideas.assigneeId))
    .where(
      and(
        isNull(ideas.firstResponseAt),
        isNull(ideas.mergedIntoId),
        filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined,
        filters.assigneeId === "none" ? isNull(ideas.assigneeId) : filters.assigneeId ? eq(ideas.assigneeId, filters.assigneeId) : undefined,
      ),
    )
    .orderBy(asc(ideas.createdAt), asc(ideas.id))
    .limit(200);
}
