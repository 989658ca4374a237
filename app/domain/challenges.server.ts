import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { challenges, challengeWinners, ideaEvents, ideas, users, votes } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { challengePhase, phaseDeadline, type ChallengePhase, type ChallengeWindows } from "~/domain/challenge-phases";
import { notify } from "~/domain/notifications.server";
import { recordFirstResponse } from "~/domain/reply-promise.server";
import { challengeInEvent, emitWebhookEvent } from "~/domain/webhooks.server";
import { deleteUploads } from "~/domain/uploads.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, transaction, type Db, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";
import type { RichBody } from "~/lib/rich-body.server";

export type ChallengeInput = {
  slug: string;
  title: string;
  brief: RichBody;
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  voteBudget: number | null;
};

async function slugTaken(tx: Tx, slug: string, exceptId?: number) {
  const [row] = await tx.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug)).limit(1);
  return !!row && row.id !== exceptId;
}

function columnsOf(input: ChallengeInput) {
  return {
    slug: input.slug,
    title: input.title,
    briefJson: input.brief.json,
    briefHtml: input.brief.html,
    briefText: input.brief.text,
    submissionOpensAt: input.submissionOpensAt,
    submissionClosesAt: input.submissionClosesAt,
    votingOpensAt: input.votingOpensAt,
    votingClosesAt: input.votingClosesAt,
    voteBudget: input.voteBudget,
  };
}

/** A new challenge starts as a draft that only staff see; `coverId` is an upload of kind "cover". */
export async function createChallenge(input: ChallengeInput & { staffId: string; coverId?: string | null; now?: Date }) {
  return transaction(async (tx) => {
    if (await slugTaken(tx, input.slug)) return refused("slugTaken");
    const [challenge] = await tx
      .insert(challenges)
      .values({ ...columnsOf(input), coverId: input.coverId ?? null, createdById: input.staffId, createdAt: input.now ?? clockNow() })
      .returning();
    await audit(tx, { actorId: input.staffId, action: "challenge.create", targetType: "challenge", targetId: challenge!.id, details: { title: input.title } });
    return ok(challenge!);
  });
}

/**
 * Saves a challenge's form. `coverId`: a new cover (an upload of kind "cover"), null to remove
 * it, left out to keep it; a replaced cover's files go once the change is committed.
 */
export async function updateChallenge(id: number, input: ChallengeInput & { staffId: string; coverId?: string | null }) {
  const done = await transaction(async (tx) => {
    if (await slugTaken(tx, input.slug, id)) return refused("slugTaken");
    const [before] = await tx.select({ coverId: challenges.coverId }).from(challenges).where(eq(challenges.id, id)).limit(1);
    if (!before) return refused("notFound");
    const newCover = input.coverId !== undefined && input.coverId !== before.coverId;
    const [challenge] = await tx
      .update(challenges)
      .set({ ...columnsOf(input), ...(newCover ? { coverId: input.coverId } : {}) })
      .where(eq(challenges.id, id))
      .returning();
    await audit(tx, { actorId: input.staffId, action: "challenge.update", targetType: "challenge", targetId: id, details: { title: input.title } });
    return ok({ challenge: challenge!, removeOldCover: newCover ? await deleteUploads(tx, [before.coverId]) : async () => undefined });
  });
  if (!done.ok) return done;
  await done.value.removeOldCover();
  return ok(done.value.challenge);
}

/** Publishing makes a draft public; taking it back is possible only while no idea was submitted. */
export async function setChallengePublished(input: { id: number; published: boolean; staffId: string; now?: Date }) {
  return transaction(async (tx) => {
    const [challenge] = await tx.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, input.id)).limit(1);
    if (!challenge) return refused("notFound");
    if (!input.published && (await ideaCount(tx, input.id)) > 0) return refused("hasIdeas");
    await tx
      .update(challenges)
      .set(input.published ? { publishedAt: input.now ?? clockNow(), publishedById: input.staffId } : { publishedAt: null, publishedById: null })
      .where(eq(challenges.id, input.id));
    await audit(tx, { actorId: input.staffId, action: input.published ? "challenge.publish" : "challenge.unpublish", targetType: "challenge", targetId: input.id });
    return ok();
  });
}

async function ideaCount(tx: Tx, challengeId: number) {
  const [row] = await tx.select({ n: count() }).from(ideas).where(eq(ideas.challengeId, challengeId));
  return row?.n ?? 0;
}

const challengeColumns = {
  id: challenges.id,
  slug: challenges.slug,
  title: challenges.title,
  excerpt: sql<string>`substr(${challenges.briefText}, 1, 240)`,
  submissionOpensAt: challenges.submissionOpensAt,
  submissionClosesAt: challenges.submissionClosesAt,
  votingOpensAt: challenges.votingOpensAt,
  votingClosesAt: challenges.votingClosesAt,
  voteBudget: challenges.voteBudget,
  publishedAt: challenges.publishedAt,
  resultsPublishedAt: challenges.resultsPublishedAt,
  coverId: challenges.coverId,
  // Spelled out: drizzle leaves columns unqualified in single-table queries, which a subquery would misread.
  ideaCount: sql<number>`(select count(*) from "ideas" where "ideas"."challenge_id" = "challenges"."id" and "ideas"."hidden_at" is null)`.mapWith(Number),
};

/** Every challenge, drafts included, newest first: the staff list. */
export async function listAllChallenges() {
  return db.select(challengeColumns).from(challenges).orderBy(desc(challenges.submissionOpensAt), desc(challenges.id));
}

/**
 * Published challenges with their phase at `now`: those with a deadline ahead soonest first,
 * finished ones most recent first.
 */
export async function listPublishedChallenges(now = clockNow()) {
  const sortKey = (challenge: { phase: ChallengePhase } & ChallengeWindows) =>
    phaseDeadline(challenge, challenge.phase)?.getTime() ?? -new Date(challenge.votingClosesAt).getTime();
  const rows = await db.select(challengeColumns).from(challenges).where(isNotNull(challenges.publishedAt));
  return rows.map((challenge) => ({ ...challenge, phase: challengePhase(challenge, now) })).sort((a, b) => sortKey(a) - sortKey(b) || a.id - b.id);
}

const resultsBy = alias(users, "results_by");
const author = alias(users, "author");

/** A challenge by its slug; drafts only for staff. */
export async function getChallenge(slug: string, options: { includeDrafts?: boolean } = {}) {
  const [row] = await db
    .select({
      challenge: challenges,
      resultsBy: { id: resultsBy.id, displayName: resultsBy.displayName, jobTitle: resultsBy.jobTitle, role: resultsBy.role, photoId: resultsBy.photoId },
    })
    .from(challenges)
    .leftJoin(resultsBy, eq(resultsBy.id, challenges.resultsById))
    .where(eq(challenges.slug, slug))
    .limit(1);
  if (!row || (!row.challenge.publishedAt && !options.includeDrafts)) return null;
  return { ...row.challenge, resultsBy: row.resultsBy?.id ? row.resultsBy : null };
}

export async function getChallengeById(id: number) {
  const [challenge] = await db.select().from(challenges).where(eq(challenges.id, id)).limit(1);
  return challenge ?? null;
}

/** Challenges open for ideas now: the choices on the idea form. */
export async function challengesOpenForIdeas(now = clockNow()) {
  return db
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, submissionClosesAt: challenges.submissionClosesAt })
    .from(challenges)
    .where(and(isNotNull(challenges.publishedAt), lte(challenges.submissionOpensAt, now), gt(challenges.submissionClosesAt, now)))
    .orderBy(asc(challenges.submissionClosesAt), asc(challenges.id));
}

/** Inside an idea's transaction: the challenge must be published and taking ideas at `now`. */
export async function checkOpenForIdeas(tx: Tx, challengeId: number, now: Date) {
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!challenge) return refused("notFound");
  if (challengePhase(challenge, now) !== "submission") return refused("notOpenForIdeas");
  return ok();
}

/** How many ideas of this challenge the person has voted for. */
export async function votesUsed(tx: Db, challengeId: number, userId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(votes)
    .innerJoin(ideas, eq(ideas.id, votes.ideaId))
    .where(and(eq(votes.userId, userId), eq(ideas.challengeId, challengeId)));
  return row?.n ?? 0;
}

/**
 * Inside a vote's transaction: a vote on a challenge's idea is taken (or taken back) only while
 * its voting is open, and a new one only within the person's budget.
 */
export async function checkCanVote(tx: Tx, challengeId: number, userId: string, wanted: boolean, now: Date) {
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!challenge) return refused("notFound");
  if (challengePhase(challenge, now) !== "voting") return refused("votingNotOpen");
  if (wanted && challenge.voteBudget !== null && (await votesUsed(tx, challengeId, userId)) >= challenge.voteBudget) {
    return refused("budgetSpent");
  }
  return ok();
}

/** What the page shows of a person's budget: null when the challenge has none. */
export async function budgetFor(challenge: { id: number; voteBudget: number | null }, userId: string | null) {
  if (challenge.voteBudget === null) return null;
  const used = userId ? await votesUsed(db, challenge.id, userId) : 0;
  return { total: challenge.voteBudget, used, left: Math.max(0, challenge.voteBudget - used) };
}

/** The announced winners: ranked ones in order, then those selected without a rank. */
export async function listWinners(challengeId: number) {
  return db
    .select({
      ideaId: ideas.id,
      title: ideas.title,
      voteCount: ideas.voteCount,
      rank: challengeWinners.rank,
      authorId: author.id,
      authorName: author.displayName,
      hidden: sql<boolean>`${ideas.hiddenAt} is not null`.mapWith(Boolean),
    })
    .from(challengeWinners)
    .innerJoin(ideas, eq(ideas.id, challengeWinners.ideaId))
    .innerJoin(author, eq(author.id, ideas.authorId))
    .where(eq(challengeWinners.challengeId, challengeId))
    .orderBy(sql`${challengeWinners.rank} asc nulls last`, desc(ideas.voteCount), asc(ideas.id));
}

/** Everyone who took part: who submitted an idea to the challenge or voted in it. */
async function participantIds(tx: Tx, challengeId: number) {
  const submitters = await tx.selectDistinct({ id: ideas.authorId }).from(ideas).where(eq(ideas.challengeId, challengeId));
  const voters = await tx
    .selectDistinct({ id: votes.userId })
    .from(votes)
    .innerJoin(ideas, eq(ideas.id, votes.ideaId))
    .where(eq(ideas.challengeId, challengeId));
  return [...new Set([...submitters, ...voters].map((row) => row.id))];
}

export type Winner = { ideaId: number; rank: number | null };

/** An idea's place among its challenge's winners, from a list query's left join of `challengeWinners` (null: not a winner). */
export function winnerFrom(row: { winnerIdeaId: number | null; winnerRank: number | null }) {
  return row.winnerIdeaId !== null ? { rank: row.winnerRank } : null;
}

/**
 * After voting closes, a staff member announces the winners (ranked, or "selected") with a note
 * signed by them, which answers each winner (its first response, unless it had one). Participants
 * hear about it the first time; later corrections replace the list.
 */
export async function publishResults(input: { challengeId: number; staffId: string; winners: Winner[]; note: RichBody; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId)).limit(1);
    if (!challenge) return refused("notFound");
    const phase = challengePhase(challenge, now);
    if (phase !== "counting" && phase !== "finished") return refused("resultsTooEarly");
    if (input.winners.length === 0) return refused("noWinners");
    const ranks = input.winners.flatMap((winner) => (winner.rank === null ? [] : [winner.rank]));
    if (new Set(ranks).size !== ranks.length) return refused("placeTaken");
    const ideaIds = input.winners.map((winner) => winner.ideaId);
    const inChallenge = await tx
      .select({ id: ideas.id })
      .from(ideas)
      .where(and(inArray(ideas.id, ideaIds), eq(ideas.challengeId, input.challengeId)));
    // The same idea twice, or one from elsewhere, is not a list of this challenge's winners.
    if (inChallenge.length !== ideaIds.length) return refused("notInChallenge");

    await tx.delete(challengeWinners).where(eq(challengeWinners.challengeId, input.challengeId));
    await tx.insert(challengeWinners).values(input.winners.map((winner) => ({ challengeId: input.challengeId, ideaId: winner.ideaId, rank: winner.rank })));
    // The signed results are the team's public answer to each winner, and a moment in its timeline (once).
    const told = await tx
      .select({ ideaId: ideaEvents.ideaId })
      .from(ideaEvents)
      .where(and(inArray(ideaEvents.ideaId, ideaIds), eq(ideaEvents.kind, "challenge_results")));
    const toTell = ideaIds.filter((ideaId) => !told.some((event) => event.ideaId === ideaId));
    if (toTell.length) await tx.insert(ideaEvents).values(toTell.map((ideaId) => ({ ideaId, actorId: input.staffId, kind: "challenge_results", createdAt: now })));
    for (const ideaId of ideaIds) await recordFirstResponse(tx, ideaId, input.staffId, now);
    const firstTime = !challenge.resultsPublishedAt;
    await tx
      .update(challenges)
      .set({
        resultsPublishedAt: challenge.resultsPublishedAt ?? now,
        resultsById: input.staffId,
        resultsNoteHtml: input.note.html,
        resultsNoteText: input.note.text,
      })
      .where(eq(challenges.id, input.challengeId));
    await audit(tx, { actorId: input.staffId, action: "challenge.results", targetType: "challenge", targetId: input.challengeId, details: { winners: input.winners } });
    if (firstTime) {
      await notify(tx, {
        kind: "challenge_results",
        actorId: input.staffId,
        challengeId: input.challengeId,
        commentId: null,
        recipientIds: await participantIds(tx, input.challengeId),
        excerpt: input.note.text,
        now,
      });
      await emitWebhookEvent(tx, "challenge.phase_changed", async () => ({ challenge: await challengeInEvent(tx, input.challengeId), phase: "finished" }), now);
    }
    return ok();
  });
}

/**
 * Tells the participants of each challenge whose voting has opened, once. The news is signed
 * by the staff member who published the challenge: the person who invited them. Run by the
 * server's background jobs (app/jobs), never by a page: reading a page changes nothing.
 * Returns how many challenges were announced.
 */
export async function announceOpenedVoting(now = clockNow()) {
  const due = await db
    .select({ id: challenges.id, votingClosesAt: challenges.votingClosesAt, actorId: sql<string>`coalesce(${challenges.publishedById}, ${challenges.createdById})` })
    .from(challenges)
    .where(and(isNotNull(challenges.publishedAt), isNull(challenges.votingAnnouncedAt), lte(challenges.votingOpensAt, now)));
  let announced = 0;
  for (const challenge of due) {
    await transaction(async (tx) => {
      // Claimed once, even if two processes look at the same moment.
      const claimed = await tx
        .update(challenges)
        .set({ votingAnnouncedAt: now })
        .where(and(eq(challenges.id, challenge.id), isNull(challenges.votingAnnouncedAt)))
        .returning({ id: challenges.id });
      // Voting that closed before anyone could be told is not announced after the fact.
      if (claimed.length === 0 || challenge.votingClosesAt.getTime() <= now.getTime()) return;
      await notify(tx, {
        kind: "challenge_voting",
        actorId: challenge.actorId,
        challengeId: challenge.id,
        commentId: null,
        recipientIds: await participantIds(tx, challenge.id),
        now,
      });
      await emitWebhookEvent(tx, "challenge.phase_changed", async () => ({ challenge: await challengeInEvent(tx, challenge.id), phase: "voting" }), now);
      announced += 1;
    });
  }
  return announced;
}
