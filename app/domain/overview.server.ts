import { and, count, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { categories, ideas, invitations, reports, users } from "#db/tables";
import { getSite } from "~/domain/site.server";
import { now as clockNow } from "~/lib/clock.server";
import { db } from "~/lib/db.server";

const DAY = 24 * 60 * 60 * 1000;

/**
 * What needs doing, for the staff area's first page: ideas still waiting for a first reply and
 * how many of them are past the reply promise, open reports, and the set-up steps not done yet
 * (a category, a colleague on the team or invited, a photo for each staff member). Each figure is
 * one count over an index (ideas_waiting_idx, reports_status_idx, users_role_idx…).
 */
export async function adminOverview() {
  const now = clockNow();
  const promiseDays = (await getSite())?.replyPromiseDays ?? 3;
  const waitingIdeas = and(isNull(ideas.firstResponseAt), isNull(ideas.mergedIntoId));
  const staff = inArray(users.role, ["staff", "admin"]);
  const [[waiting], [overdue], [openReports], [activeCategories], [staffCount], [pendingInvitations], [staffWithoutPhoto]] = await Promise.all([
    db.select({ n: count() }).from(ideas).where(waitingIdeas),
    db
      .select({ n: count() })
      .from(ideas)
      .where(and(waitingIdeas, lte(ideas.createdAt, new Date(now.getTime() - promiseDays * DAY)))),
    db.select({ n: count() }).from(reports).where(eq(reports.status, "open")),
    db.select({ n: count() }).from(categories).where(isNull(categories.archivedAt)),
    db.select({ n: count() }).from(users).where(staff),
    db
      .select({ n: count() })
      .from(invitations)
      .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))),
    db
      .select({ n: count() })
      .from(users)
      .where(and(staff, isNull(users.photoId))),
  ]);
  return {
    promiseDays,
    waiting: waiting?.n ?? 0,
    overdue: overdue?.n ?? 0,
    openReports: openReports?.n ?? 0,
    setup: {
      categories: (activeCategories?.n ?? 0) > 0,
      // The first admin alone is not a team yet: someone else on it, or invited, is.
      team: (staffCount?.n ?? 0) > 1 || (pendingInvitations?.n ?? 0) > 0,
      staffWithoutPhoto: staffWithoutPhoto?.n ?? 0,
    },
  };
}

export type AdminOverview = Awaited<ReturnType<typeof adminOverview>>;
