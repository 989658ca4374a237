import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { categories, ideas, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { ROADMAP_COLUMNS } from "~/domain/idea-lifecycle";

const proposer = alias(users, "proposer");
const adopter = alias(users, "adopter");

export const ADOPTED_PAGE_SIZE = 20;

/** What was adopted, newest first, with who proposed it and who adopted it. */
export function listAdopted(before?: number) {
  const rows = db
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
    .where(and(eq(ideas.status, "adopted"), isNull(ideas.hiddenAt), before ? sql`${ideas.adoptedAt} < ${before}` : undefined))
    .orderBy(desc(ideas.adoptedAt))
    .limit(ADOPTED_PAGE_SIZE + 1)
    .all();
  const page = rows.slice(0, ADOPTED_PAGE_SIZE);
  const last = page[page.length - 1];
  return { ideas: page, nextBefore: rows.length > ADOPTED_PAGE_SIZE && last?.adoptedAt ? last.adoptedAt.getTime() : null };
}

const PER_COLUMN = 30;

/** The public board: Planned and In progress by votes, recently Adopted by date; one query per column. */
export function getRoadmap(categoryId?: number) {
  return Object.fromEntries(
    ROADMAP_COLUMNS.map((status) => [
      status,
      db
        .select({
          id: ideas.id,
          title: ideas.title,
          voteCount: ideas.voteCount,
          categoryName: categories.name,
          categoryColour: categories.colour,
        })
        .from(ideas)
        .leftJoin(categories, eq(categories.id, ideas.categoryId))
        .where(and(eq(ideas.status, status), isNull(ideas.hiddenAt), categoryId ? eq(ideas.categoryId, categoryId) : undefined))
        .orderBy(status === "adopted" ? desc(ideas.adoptedAt) : desc(ideas.voteCount), desc(ideas.id))
        .limit(PER_COLUMN)
        .all(),
    ]),
  ) as Record<(typeof ROADMAP_COLUMNS)[number], Array<{ id: number; title: string; voteCount: number; categoryName: string | null; categoryColour: string | null }>>;
}

const assignee = alias(users, "assignee");
const author = alias(users, "author");

/** The triage inbox: ideas still waiting for a first staff reply, oldest first. */
export function listWaiting(filters: { categoryId?: number; assigneeId?: string | "none" }) {
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
    .orderBy(ideas.createdAt)
    .limit(200)
    .all();
}

export function ideasExist(ids: number[]) {
  return db.select({ id: ideas.id }).from(ideas).where(inArray(ideas.id, ids)).all().length === ids.length;
}
