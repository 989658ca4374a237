import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { follows, ideaEvents, ideaMerges, ideas, users, votes } from "#db/schema";
import { audit } from "~/domain/audit.server";
import { needsNote, type SettableStatus } from "~/domain/idea-lifecycle";
import { followerIds } from "~/domain/follows.server";
import type { RichBody } from "~/lib/rich-body.server";
import { notify } from "~/domain/notifications.server";
import { trendingScore } from "~/domain/trending";
import { db, type Tx } from "~/lib/db.server";
import { isStaff } from "~/domain/roles";


export class WorkflowError extends Error {
  constructor(readonly reason: "notFound" | "noteRequired" | "sameStatus" | "merged" | "selfMerge" | "notMerged" | "notStaff") {
    super(reason);
  }
}

/** Records the first public word from the team on an idea (a reply, an official response, a status note), and who. */
export function recordFirstResponse(tx: Tx, ideaId: number, staffId: string, now: Date) {
  tx.update(ideas).set({ firstResponseAt: now, firstResponderId: staffId }).where(and(eq(ideas.id, ideaId), isNull(ideas.firstResponseAt))).run();
}

function voterIds(tx: Tx, ideaId: number) {
  return tx.select({ userId: votes.userId }).from(votes).where(eq(votes.ideaId, ideaId)).all().map((row) => row.userId);
}

/**
 * A staff member moves an idea to a new status, with a public note signed by them (required
 * for Declined and Adopted). The change joins the timeline, notifies followers — and on
 * adoption the author and every voter too — and, with a note, counts as the first reply.
 */
export function changeStatus(input: { ideaId: number; staffId: string; to: SettableStatus; note: RichBody | null; now?: Date }, outer?: Tx) {
  const now = input.now ?? new Date();
  const run = (tx: Tx) => {
    const idea = tx.select({ status: ideas.status, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.ideaId)).get();
    if (!idea) throw new WorkflowError("notFound");
    if (idea.mergedIntoId) throw new WorkflowError("merged");
    if (idea.status === input.to) throw new WorkflowError("sameStatus");
    if (needsNote(input.to) && !input.note) throw new WorkflowError("noteRequired");
    const adopted = input.to === "adopted";
    tx.update(ideas)
      .set({
        status: input.to,
        statusChangedAt: now,
        lastActivityAt: now,
        adoptedAt: adopted ? now : null,
        adoptedById: adopted ? input.staffId : null,
      })
      .where(eq(ideas.id, input.ideaId))
      .run();
    tx.insert(ideaEvents)
      .values({
        ideaId: input.ideaId,
        actorId: input.staffId,
        kind: "status_change",
        fromStatus: idea.status,
        toStatus: input.to,
        noteHtml: input.note?.html ?? null,
        noteText: input.note?.text ?? null,
        createdAt: now,
      })
      .run();
    if (input.note) recordFirstResponse(tx, input.ideaId, input.staffId, now);
    audit(tx, { actorId: input.staffId, action: "idea.status", targetType: "idea", targetId: input.ideaId, details: { from: idea.status, to: input.to }, now });
    const followers = followerIds(tx, input.ideaId);
    notify(tx, {
      kind: adopted ? "adopted" : "status_change",
      actorId: input.staffId,
      ideaId: input.ideaId,
      commentId: null,
      status: input.to,
      excerpt: input.note?.text ?? "",
      recipientIds: adopted ? [...followers, ...voterIds(tx, input.ideaId)] : followers,
      now,
    });
  };
  return outer ? run(outer) : db.transaction(run);
}

export function assignIdea(ideaId: number, assigneeId: string | null, actorId: string, outer?: Tx) {
  const run = (tx: Tx) => {
    if (assigneeId) {
      const assignee = tx.select({ role: users.role }).from(users).where(eq(users.id, assigneeId)).get();
      if (!isStaff(assignee)) throw new WorkflowError("notStaff");
    }
    const changed = tx.update(ideas).set({ assigneeId }).where(eq(ideas.id, ideaId)).run().changes;
    if (!changed) throw new WorkflowError("notFound");
    audit(tx, { actorId, action: "idea.assign", targetType: "idea", targetId: ideaId, details: { assigneeId } });
  };
  return outer ? run(outer) : db.transaction(run);
}

export function setIdeaCategory(ideaId: number, categoryId: number | null, actorId: string, outer?: Tx) {
  const run = (tx: Tx) => {
    const changed = tx.update(ideas).set({ categoryId }).where(eq(ideas.id, ideaId)).run().changes;
    if (!changed) throw new WorkflowError("notFound");
    audit(tx, { actorId, action: "idea.category", targetType: "idea", targetId: ideaId, details: { categoryId } });
  };
  return outer ? run(outer) : db.transaction(run);
}

function recount(tx: Tx, ideaId: number) {
  const idea = tx.select({ createdAt: ideas.createdAt }).from(ideas).where(eq(ideas.id, ideaId)).get()!;
  const voteCount = tx.select({ n: sql<number>`count(*)` }).from(votes).where(eq(votes.ideaId, ideaId)).get()!.n;
  tx.update(ideas).set({ voteCount, trendingScore: trendingScore(voteCount, idea.createdAt) }).where(eq(ideas.id, ideaId)).run();
}

/**
 * Merges a duplicate into the idea it repeats. Its voters' votes and its followers move to the
 * target (someone who was on both counts once); it becomes "Duplicate" with a link; its own
 * comments stay where they were. What moved is recorded, so `unmergeIdea` can put it back.
 */
export function mergeIdeas(input: { sourceId: number; targetId: number; staffId: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.sourceId === input.targetId) throw new WorkflowError("selfMerge");
  return db.transaction((tx) => {
    const source = tx.select({ status: ideas.status, mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.sourceId)).get();
    const target = tx.select({ mergedIntoId: ideas.mergedIntoId }).from(ideas).where(eq(ideas.id, input.targetId)).get();
    if (!source || !target) throw new WorkflowError("notFound");
    if (source.mergedIntoId || target.mergedIntoId) throw new WorkflowError("merged");

    const sourceVoters = voterIds(tx, input.sourceId);
    const targetVoters = new Set(voterIds(tx, input.targetId));
    const movedVoters = sourceVoters.filter((id) => !targetVoters.has(id));
    const sourceFollowers = followerIds(tx, input.sourceId);
    const targetFollowers = new Set(followerIds(tx, input.targetId));
    const movedFollowers = sourceFollowers.filter((id) => !targetFollowers.has(id));

    for (const userId of movedVoters) tx.insert(votes).values({ ideaId: input.targetId, userId }).run();
    for (const userId of movedFollowers) tx.insert(follows).values({ ideaId: input.targetId, userId }).run();
    recount(tx, input.targetId);

    tx.update(ideas)
      .set({ status: "duplicate", mergedIntoId: input.targetId, statusChangedAt: now, adoptedAt: null, adoptedById: null })
      .where(eq(ideas.id, input.sourceId))
      .run();
    const merge = tx
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
      .returning()
      .get();
    tx.insert(ideaEvents).values([
      { ideaId: input.sourceId, actorId: input.staffId, kind: "merged_into", fromStatus: source.status, toStatus: "duplicate", relatedIdeaId: input.targetId, createdAt: now },
      { ideaId: input.targetId, actorId: input.staffId, kind: "merged_from", relatedIdeaId: input.sourceId, createdAt: now },
    ]).run();
    audit(tx, { actorId: input.staffId, action: "idea.merge", targetType: "idea", targetId: input.sourceId, details: { into: input.targetId }, now });
    const everyone = [...new Set([...sourceFollowers, ...targetFollowers])];
    notify(tx, { kind: "merged", actorId: input.staffId, ideaId: input.sourceId, commentId: null, recipientIds: everyone, now });
    return merge;
  });
}

/** Undoes a merge: the moved votes and follows leave the target; the idea gets its status back. */
export function unmergeIdea(input: { sourceId: number; staffId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const merge = tx
      .select()
      .from(ideaMerges)
      .where(and(eq(ideaMerges.sourceId, input.sourceId), isNull(ideaMerges.undoneAt)))
      .orderBy(sql`${ideaMerges.id} desc`)
      .get();
    if (!merge) throw new WorkflowError("notMerged");
    const movedVoters = JSON.parse(merge.movedVoterIds) as string[];
    const movedFollowers = JSON.parse(merge.movedFollowerIds) as string[];
    if (movedVoters.length) tx.delete(votes).where(and(eq(votes.ideaId, merge.targetId), inArray(votes.userId, movedVoters))).run();
    if (movedFollowers.length) tx.delete(follows).where(and(eq(follows.ideaId, merge.targetId), inArray(follows.userId, movedFollowers))).run();
    recount(tx, merge.targetId);
    tx.update(ideas).set({ status: merge.previousStatus, mergedIntoId: null, statusChangedAt: now }).where(eq(ideas.id, merge.sourceId)).run();
    tx.update(ideaMerges).set({ undoneAt: now }).where(eq(ideaMerges.id, merge.id)).run();
    tx.insert(ideaEvents).values([
      { ideaId: merge.sourceId, actorId: input.staffId, kind: "unmerged", fromStatus: "duplicate", toStatus: merge.previousStatus, relatedIdeaId: merge.targetId, createdAt: now },
      { ideaId: merge.targetId, actorId: input.staffId, kind: "unmerged", relatedIdeaId: merge.sourceId, createdAt: now },
    ]).run();
    audit(tx, { actorId: input.staffId, action: "idea.unmerge", targetType: "idea", targetId: merge.sourceId, details: { from: merge.targetId }, now });
  });
}
