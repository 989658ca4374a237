import { desc, eq, lt } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
import { now as clockNow } from "~/lib/clock.server";
import { db, type Tx } from "~/lib/db.server";

export const AUDIT_PAGE_SIZE = 50;

export type AuditAction =
  | "idea.status"
  | "idea.merge"
  | "idea.unmerge"
  | "idea.assign"
  | "idea.category"
  | "idea.hide"
  | "comment.hide"
  | "report.dismiss"
  | "person.role"
  | "person.block"
  | "person.unblock"
  | "invitation.create"
  | "invitation.resend"
  | "invitation.revoke"
  | "challenge.create"
  | "challenge.update"
  | "challenge.publish"
  | "challenge.unpublish"
  | "challenge.results";

/** Writes an audit entry inside the caller's transaction, so it exists exactly when the change does. */
export async function audit(
  tx: Tx,
  entry: { actorId: string; action: AuditAction; targetType: "idea" | "comment" | "person" | "invitation" | "report" | "challenge"; targetId: string | number; details?: Record<string, unknown>; now?: Date },
) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    details: JSON.stringify(entry.details ?? {}),
    createdAt: entry.now ?? clockNow(),
  });
}

/** The audit log, newest first, a page at a time (`before`: the last id of the previous page). */
export async function listAudit(before?: number) {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  return { entries: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null };
}
