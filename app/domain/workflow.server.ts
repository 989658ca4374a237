import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { categories, follows, ideaEvents, ideaMerges, ideas, users, votes } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { followerIds } from "~/domain/follows.server";
import { needsNote, type SettableStatus } from "~/domain/idea-lifecycle";
import { MERGE_MOVES, type MergeMove } from "~/domain/notification-emails.server";
import { notify } from "~/domain/notifications.server";
import { recordFirstResponse } from "~/domain/reply-promise.server";
import { isStaff } from "~/domain/roles";
import { changeVoteCount } from "~/domain/votes.server";
import { emitWebhookEvent, ideaInEvent } from "~/domain/webhooks.server";
import { now as clockNow } from "~/lib/clock.server";
import { transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";
import type { RichBody } from "~/lib/rich-body.server";

async function voterIds(tx: Tx, ideaId: number) {
  const rows = await tx.select({ userId: votes.userId }).from(votes).where(eq(votes.ideaId, ideaId));
  return rows.map((row) => row.userId);
}

/**
 * A staff member moves an idea to a new status, with a public note signed by them (required
 * for Declined and Adopted, see idea-lifecycle.ts). The change joins the timeline, notifies
 * followers — and on adoption the author and every voter too — and, with a note, counts as the
 * first reply. A merged duplicate keeps its status until it is unmerged.
 */
export async function changeStatus(input: { ideaId: number; staffId: string; to: SettableStatus; note: RichBody | null; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [idea] = await tx.select({ status: ideas.status, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    if (!idea) return refused("notFound");
    if (idea.mergedIntoId) return refused("merged");
    if (idea.status === input.to) return refused("sameStatus");
    if (needsNote(input.to) && !input.note) return refused("noteRequired");
    const adopted = input.to === "adopted";
    await tx
      .update(ideas)
      .set({
        status: input.to,
        statusChangedAt: now,
        lastActivityAt: now,
        adoptedAt: adopted ? now : null,
        adoptedById: adopted ? input.staffId : null,
      })
      .where(eq(ideas.id, input.ideaId));
    await tx.insert(ideaEvents).values({
      ideaId: input.ideaId,
      actorId: input.staffId,
      kind: "status_change",
      fromStatus: idea.status,
      toStatus: input.to,
      noteHtml: input.note?.html ?? null,
      noteText: input.note?.text ?? null,
      createdAt: now,
    });
    if (input.note) await recordFirstResponse(tx, input.ideaId, input.staffId, now);
    await audit(tx, { actorId: input.staffId, action: "idea.status", targetType: "idea", targetId: input.ideaId, details: { from: idea.status, to: input.to }, now });
    const followers = await followerIds(tx, input.ideaId);
    await notify(tx, {
      kind: adopted ? "adopted" : "status_change",
      actorId: input.staffId,
      ideaId: input.ideaId,
      commentId: null,
      status: input.to,
      excerpt: input.note?.text ?? "",
      recipientIds: adopted ? [...followers, ...(await voterIds(tx, input.ideaId))] : followers,
      now,
    });
    const change = async () => ({ idea: await ideaInEvent(tx, input.ideaId), from: idea.status, to: input.to, byId: input.staffId, note: input.note?.text ?? null });
    await emitWebhookEvent(tx, "idea.status_changed", change, now);
    if (adopted) await emitWebhookEvent(tx, "idea.adopted", change, now);
    return ok();
  });
}

/**
 * Assigns an idea to a staff member (or to nobody). Who looks after an idea is public: the change
 * joins its timeline, and the person now looking after it is told (unless they assigned
 * themselves). Assigning the one already assigned changes nothing.
 */
export async function assignIdea(input: { ideaId: number; assigneeId: string | null; actorId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    if (input.assigneeId) {
      const [assignee] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.assigneeId)).limit(1);
      if (!isStaff(assignee)) return refused("notStaff");
    }
    const [idea] = await tx.select({ assigneeId: ideas.assigneeId }).from(ideas).where(eq(ideas.id, input.ideaId)).limit(1);
    if (!idea) return refused("notFound");
    if (idea.assigneeId === input.assigneeId) return ok();
    await tx.update(ideas).set({ assigneeId: input.assigneeId }).where(eq(ideas.id, input.ideaId));
    await tx.insert(ideaEvents).values({ ideaId: input.ideaId, actorId: input.actorId, kind: "assigned", relatedUserId: input.assigneeId, createdAt: now });
    await audit(tx, { actorId: input.actorId, action: "idea.assign", targetType: "idea", targetId: input.ideaId, details: { assigneeId: input.assigneeId }, now });
    if (input.assigneeId) {
      await notify(tx, { kind: "assigned", actorId: input.actorId, ideaId: input.ideaId, commentId: null, recipientIds: [input.assigneeId], now });
    }
    return ok();
  });
}

/** Files an idea under a category (or none); staff choose among the categories still active. */
export async function setIdeaCategory(input: { ideaId: number; categoryId: number | null; actorId: string }) {
  return transaction(async (tx) => {
    if (input.categoryId !== null) {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.id, input.categoryId), isNull(categories.archivedAt)))
        .limit(1);
      if (!category) return refused("categoryUnavailable");
    }
    const changed = await tx.update(ideas).set({ categoryId: input.categoryId }).where(eq(ideas.id, input.ideaId)).returning({ id: ideas.id });
    if (changed.length === 0) return refused("notFound");
    await audit(tx, { actorId: input.actorId, action: "idea.category", targetType: "idea", targetId: input.ideaId, details: { categoryId: input.categoryId } });
    return ok();
  });
}

/**
 * The triage inbox's bulk change: the same assignee, category and status (each optional) for
 * many ideas at once, all or nothing. Each change is the single-idea function above, nested in
 * one transaction; the first refusal rolls everything back and is returned.
 */
export async function triageIdeas(input: {
  ideaIds: number[];
  actorId: string;
  /** A staff member's id, null for nobody, undefined for no change. */
  assigneeId?: string | null;
  categoryId?: number | null;
  status?: SettableStatus;
}) {
  return transaction(async (tx) => {
    const found = await tx.select({ id: ideas.id }).from(ideas).where(inArray(ideas.id, input.ideaIds));
    if (found.length !== input.ideaIds.length) return refused("notFound");
    for (const ideaId of input.ideaIds) {
      const changes = [
        input.assigneeId !== undefined ? () => assignIdea({ ideaId, assigneeId: input.assigneeId!, actorId: input.actorId }) : null,
        input.categoryId !== undefined ? () => setIdeaCategory({ ideaId, categoryId: input.categoryId!, actorId: input.actorId }) : null,
        input.status ? () => changeStatus({ ideaId, staffId: input.actorId, to: input.status!, note: null }) : null,
      ];
      for (const change of changes) {
        const result = change ? await change() : ok();
        if (!result.ok) return result;
      }
    }
    return ok();
  });
}

/**
 * Merges a duplicate into the idea it repeats. Its voters' votes and its followers move to the
 * target (someone who was on both counts once); it becomes "Duplicate" with a link; its own
 * comments stay where they were. What moved is recorded, so `unmergeIdea` can put it back.
 * Each person whose vote or follow moved is told exactly what moved, and where to.
 */
export async function mergeIdeas(input: { sourceId: number; targetId: number; staffId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  if (input.sourceId === input.targetId) return refused("selfMerge");
  return transaction(async (tx) => {
    const [source] = await tx.select({ status: ideas.status, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.sourceId)).limit(1);
    const [target] = await tx.select({ mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.targetId)).limit(1);
    if (!source || !target) return refused("notFound");
    if (source.mergedIntoId || target.mergedIntoId) return refused("merged");

    const sourceVoters = await voterIds(tx, input.sourceId);
    const targetVoters = new Set(await voterIds(tx, input.targetId));
    const movedVoters = sourceVoters.filter((id) => !targetVoters.has(id));
    const sourceFollowers = await followerIds(tx, input.sourceId);
    const targetFollowers = new Set(await followerIds(tx, input.targetId));
    const movedFollowers = sourceFollowers.filter((id) => !targetFollowers.has(id));

    if (movedVoters.length) await tx.insert(votes).values(movedVoters.map((userId) => ({ ideaId: input.targetId, userId, createdAt: now })));
    if (movedFollowers.length) await tx.insert(follows).values(movedFollowers.map((userId) => ({ ideaId: input.targetId, userId })));
    await changeVoteCount(tx, input.targetId, movedVoters.length);

    await tx
      .update(ideas)
      .set({ status: "duplicate", mergedIntoId: input.targetId, statusChangedAt: now, adoptedAt: null, adoptedById: null })
      .where(eq(ideas.id, input.sourceId));
    const [merge] = await tx
      .insert(ideaMerges)
      .values({
        sourceId: input.sourceId,
        targetId: input.targetId,
        actorId: input.staffId,
        previousStatus: source.status,
        movedVoterIds: JSON.stringify(movedVoters),
        movedFollowerIds: JSON.stringify(movedFollowers),
        createdAt: now,
      })
      .returning();
    await tx.insert(ideaEvents).values([
      { ideaId: input.sourceId, actorId: input.staffId, kind: "merged_into", fromStatus: source.status, toStatus: "duplicate", relatedIdeaId: input.targetId, createdAt: now },
      { ideaId: input.targetId, actorId: input.staffId, kind: "merged_from", relatedIdeaId: input.sourceId, createdAt: now },
    ]);
    await audit(tx, { actorId: input.staffId, action: "idea.merge", targetType: "idea", targetId: input.sourceId, details: { into: input.targetId }, now });
    // Only those whose vote or follow actually moved hear about it, about the idea it moved to;
    // people already on the target lost nothing and get nothing.
    const [sourceRow] = await tx.select({ id: ideas.id, title: ideas.title }).from(ideas).where(eq(ideas.id, input.sourceId)).limit(1);
    const followMoved = new Set(movedFollowers);
    const whatMoved = new Map<string, MergeMove>(movedFollowers.map((id) => [id, "follow"]));
    for (const id of movedVoters) whatMoved.set(id, followMoved.has(id) ? "voteAndFollow" : "vote");
    for (const moved of MERGE_MOVES) {
      const recipientIds = [...whatMoved].filter(([, what]) => what === moved).map(([id]) => id);
      await notify(tx, { kind: "merged", actorId: input.staffId, ideaId: input.targetId, commentId: null, recipientIds, merge: { from: sourceRow!, moved }, now });
    }
    return ok(merge!);
  });
}

/** Undoes a merge: the moved votes and follows leave the target; the idea gets its status back. */
export async function unmergeIdea(input: { sourceId: number; staffId: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [merge] = await tx
      .select()
      .from(ideaMerges)
      .where(and(eq(ideaMerges.sourceId, input.sourceId), isNull(ideaMerges.undoneAt)))
      .orderBy(desc(ideaMerges.id))
      .limit(1);
    if (!merge) return refused("notMerged");
    const movedVoters = JSON.parse(merge.movedVoterIds) as string[];
    const movedFollowers = JSON.parse(merge.movedFollowerIds) as string[];
    // A moved voter may have taken their vote back since: count only the votes that leave.
    const removed = movedVoters.length
      ? await tx
          .delete(votes)
          .where(and(eq(votes.ideaId, merge.targetId), inArray(votes.userId, movedVoters)))
          .returning({ userId: votes.userId })
      : [];
    if (movedFollowers.length) await tx.delete(follows).where(and(eq(follows.ideaId, merge.targetId), inArray(follows.userId, movedFollowers)));
    await changeVoteCount(tx, merge.targetId, -removed.length);
    await tx.update(ideas).set({ status: merge.previousStatus, mergedIntoId: null, statusChangedAt: now }).where(eq(ideas.id, merge.sourceId));
    await tx.update(ideaMerges).set({ undoneAt: now }).where(eq(ideaMerges.id, merge.id));
    await tx.insert(ideaEvents).values([
      { ideaId: merge.sourceId, actorId: input.staffId, kind: "unmerged", fromStatus: "duplicate", toStatus: merge.previousStatus, relatedIdeaId: merge.targetId, createdAt: now },
      { ideaId: merge.targetId, actorId: input.staffId, kind: "unmerged", relatedIdeaId: merge.sourceId, createdAt: now },
    ]);
    await audit(tx, { actorId: input.staffId, action: "idea.unmerge", targetType: "idea", targetId: merge.sourceId, details: { from: merge.targetId }, now });
    return ok();
  });
}
