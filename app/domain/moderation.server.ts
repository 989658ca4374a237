import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { comments, ideas, reports, users } from "#db/schema";
import { audit } from "~/domain/audit.server";
import { db } from "~/lib/db.server";

export class ModerationError extends Error {
  constructor(readonly reason: "notFound" | "alreadyReported" | "selfBlock" | "blockStaff") {
    super(reason);
  }
}

/** Anyone logged in reports an idea, or a comment on it, with a reason. One open report per person and item. */
export function reportContent(input: { reporterId: string; ideaId: number; commentId: number | null; reason: string; now?: Date }) {
  return db.transaction((tx) => {
    const exists = input.commentId
      ? tx.select({ id: comments.id }).from(comments).where(and(eq(comments.id, input.commentId), eq(comments.ideaId, input.ideaId))).get()
      : tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, input.ideaId)).get();
    if (!exists) throw new ModerationError("notFound");
    const same = tx
      .select({ id: reports.id })
      .from(reports)
      .where(
        and(
          eq(reports.reporterId, input.reporterId),
          eq(reports.ideaId, input.ideaId),
          input.commentId ? eq(reports.commentId, input.commentId) : isNull(reports.commentId),
          eq(reports.status, "open"),
        ),
      )
      .get();
    if (same) throw new ModerationError("alreadyReported");
    return tx
      .insert(reports)
      .values({ reporterId: input.reporterId, ideaId: input.ideaId, commentId: input.commentId, reason: input.reason, createdAt: input.now ?? new Date() })
      .returning()
      .get();
  });
}

const reporter = alias(users, "reporter");
const ideaAuthor = alias(users, "idea_author");
const commentAuthor = alias(users, "comment_author");

/** The open reports, oldest first, with what was reported and by whom. */
export function listOpenReports() {
  return db
    .select({
      id: reports.id,
      reason: reports.reason,
      createdAt: reports.createdAt,
      reporterName: reporter.displayName,
      ideaId: ideas.id,
      ideaTitle: ideas.title,
      ideaHidden: ideas.hiddenAt,
      ideaText: ideas.bodyText,
      ideaAuthorId: ideaAuthor.id,
      ideaAuthorName: ideaAuthor.displayName,
      commentId: comments.id,
      commentText: comments.bodyText,
      commentHidden: comments.hiddenAt,
      commentAuthorId: commentAuthor.id,
      commentAuthorName: commentAuthor.displayName,
    })
    .from(reports)
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .innerJoin(ideas, eq(ideas.id, reports.ideaId))
    .innerJoin(ideaAuthor, eq(ideaAuthor.id, ideas.authorId))
    .leftJoin(comments, eq(comments.id, reports.commentId))
    .leftJoin(commentAuthor, eq(commentAuthor.id, comments.authorId))
    .where(eq(reports.status, "open"))
    .orderBy(asc(reports.createdAt))
    .limit(100)
    .all();
}

/** Hides the reported item with a reason and closes every open report about it. */
export function hideReported(input: { reportId: number; staffId: string; reason: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const report = tx.select().from(reports).where(eq(reports.id, input.reportId)).get();
    if (!report) throw new ModerationError("notFound");
    if (report.commentId) {
      tx.update(comments).set({ hiddenAt: now, hiddenReason: input.reason }).where(eq(comments.id, report.commentId)).run();
      tx.update(reports).set({ status: "hidden", resolvedById: input.staffId, resolvedAt: now }).where(and(eq(reports.commentId, report.commentId), eq(reports.status, "open"))).run();
      audit(tx, { actorId: input.staffId, action: "comment.hide", targetType: "comment", targetId: report.commentId, details: { reason: input.reason }, now });
    } else {
      tx.update(ideas).set({ hiddenAt: now, hiddenReason: input.reason }).where(eq(ideas.id, report.ideaId)).run();
      tx.update(reports)
        .set({ status: "hidden", resolvedById: input.staffId, resolvedAt: now })
        .where(and(eq(reports.ideaId, report.ideaId), isNull(reports.commentId), eq(reports.status, "open")))
        .run();
      audit(tx, { actorId: input.staffId, action: "idea.hide", targetType: "idea", targetId: report.ideaId, details: { reason: input.reason }, now });
    }
  });
}

export function dismissReport(input: { reportId: number; staffId: string; now?: Date }) {
  const now = input.now ?? new Date();
  db.transaction((tx) => {
    const changed = tx.update(reports).set({ status: "dismissed", resolvedById: input.staffId, resolvedAt: now }).where(and(eq(reports.id, input.reportId), eq(reports.status, "open"))).run().changes;
    if (!changed) throw new ModerationError("notFound");
    audit(tx, { actorId: input.staffId, action: "report.dismiss", targetType: "report", targetId: input.reportId, now });
  });
}

/** Admins block a person: they keep reading, but can no longer post, vote or comment. */
export function setBlocked(input: { personId: string; adminId: string; reason: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.personId === input.adminId) throw new ModerationError("selfBlock");
  db.transaction((tx) => {
    const person = tx.select({ role: users.role }).from(users).where(eq(users.id, input.personId)).get();
    if (!person) throw new ModerationError("notFound");
    if (person.role !== "customer" && input.reason) throw new ModerationError("blockStaff");
    tx.update(users).set({ blockedAt: input.reason ? now : null, blockedReason: input.reason }).where(eq(users.id, input.personId)).run();
    audit(tx, {
      actorId: input.adminId,
      action: input.reason ? "person.block" : "person.unblock",
      targetType: "person",
      targetId: input.personId,
      details: input.reason ? { reason: input.reason } : {},
      now,
    });
  });
}


export function listBlocked() {
  return db
    .select({ id: users.id, displayName: users.displayName, reason: users.blockedReason, blockedAt: users.blockedAt })
    .from(users)
    .where(isNotNull(users.blockedAt))
    .orderBy(users.displayName)
    .all();
}
