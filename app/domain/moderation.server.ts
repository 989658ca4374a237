import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { comments, ideas, reports, users } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import { isStaff } from "~/domain/roles";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/** Anyone logged in reports an idea, or a comment on it, with a reason. One open report per person and item. */
export async function reportContent(input: { reporterId: string; ideaId: number; commentId: number | null; reason: string; now?: Date }) {
  return transaction(async (tx) => {
    const [idea] = await tx.select({ hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    if (!idea) return refused("notFound");
    const mayAct = await checkMayActOn(tx, idea, input.reporterId);
    if (!mayAct.ok) return mayAct;
    const [reported] = input.commentId
      ? await tx.select({ id: comments.id }).from(comments).where(and(eq(comments.id, input.commentId), eq(comments.ideaId, input.ideaId))).limit(1)
      : [idea];
    if (!reported) return refused("notFound");
    const [same] = await tx
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
      .limit(1);
    if (same) return refused("alreadyReported");
    const [report] = await tx
      .insert(reports)
      .values({ reporterId: input.reporterId, ideaId: input.ideaId, commentId: input.commentId, reason: input.reason, createdAt: input.now ?? clockNow() })
      .returning();
    return ok(report!);
  });
}

const reporter = alias(users, "reporter");
const ideaAuthor = alias(users, "idea_author");
const commentAuthor = alias(users, "comment_author");

/** The open reports, oldest first, with what was reported and by whom. */
export async function listOpenReports() {
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
      ideaAuthorRole: ideaAuthor.role,
      commentId: comments.id,
      commentText: comments.bodyText,
      commentHidden: comments.hiddenAt,
      commentAuthorId: commentAuthor.id,
      commentAuthorName: commentAuthor.displayName,
      commentAuthorRole: commentAuthor.role,
    })
    .from(reports)
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .innerJoin(ideas, eq(ideas.id, reports.ideaId))
    .innerJoin(ideaAuthor, eq(ideaAuthor.id, ideas.authorId))
    .leftJoin(comments, eq(comments.id, reports.commentId))
    .leftJoin(commentAuthor, eq(commentAuthor.id, comments.authorId))
    .where(eq(reports.status, "open"))
    .orderBy(asc(reports.createdAt), asc(reports.id))
    .limit(100);
}

/** Hides the reported item with a reason and closes every open report about it. */
export async function hideReported(input: { reportId: number; staffId: string; reason: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, input.reportId)).limit(1);
    if (!report) return refused("notFound");
    const resolved = { status: "hidden" as const, resolvedById: input.staffId, resolvedAt: now };
    if (report.commentId) {
      await tx.update(comments).set({ hiddenAt: now, hiddenReason: input.reason }).where(eq(comments.id, report.commentId));
      await tx.update(reports).set(resolved).where(and(eq(reports.commentId, report.commentId), eq(reports.status, "open")));
      await audit(tx, { actorId: input.staffId, action: "comment.hide", targetType: "comment", targetId: report.commentId, details: { reason: input.reason }, now });
    } else {
      await tx.update(ideas).set({ hiddenAt: now, hiddenReason: input.reason }).where(eq(ideas.id, report.ideaId));
      await tx.update(reports).set(resolved).where(and(eq(reports.ideaId, report.ideaId), isNull(reports.commentId), eq(reports.status, "open")));
      await audit(tx, { actorId: input.staffId, action: "idea.hide", targetType: "idea", targetId: report.ideaId, details: { reason: input.reason }, now });
    }
    return ok();
  });
}

export async function dismissReport(input: { reportId: number; staffId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const dismissed = await tx
      .update(reports)
      .set({ status: "dismissed", resolvedById: input.staffId, resolvedAt: now })
      .where(and(eq(reports.id, input.reportId), eq(reports.status, "open")))
      .returning({ id: reports.id });
    if (dismissed.length === 0) return refused("notFound");
    await audit(tx, { actorId: input.staffId, action: "report.dismiss", targetType: "report", targetId: input.reportId, now });
    return ok();
  });
}

/**
 * An admin blocks a person (a reason) or unblocks them (null): blocked people keep reading but
 * can no longer post, vote or comment. Nobody blocks themselves; staff are not blocked (change
 * their role first).
 */
export async function setBlocked(input: { personId: string; adminId: string; reason: string | null; now?: Date }) {
  const now = input.now ?? clockNow();
  if (input.personId === input.adminId) return refused("selfBlock");
  return transaction(async (tx) => {
    const [person] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.personId)).limit(1);
    if (!person) return refused("notFound");
    if (isStaff(person) && input.reason) return refused("blockStaff");
    await tx.update(users).set({ blockedAt: input.reason ? now : null, blockedReason: input.reason }).where(eq(users.id, input.personId));
    await audit(tx, {
      actorId: input.adminId,
      action: input.reason ? "person.block" : "person.unblock",
      targetType: "person",
      targetId: input.personId,
      details: input.reason ? { reason: input.reason } : {},
      now,
    });
    return ok();
  });
}

export async function listBlocked() {
  return db
    .select({ id: users.id, displayName: users.displayName, reason: users.blockedReason, blockedAt: users.blockedAt })
    .from(users)
    .where(isNotNull(users.blockedAt))
    .orderBy(asc(users.displayName), asc(users.id));
}
