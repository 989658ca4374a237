import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { challenges, challengeWinners, ideas, users, votes } from "#db/schema";
import { audit } from "~/domain/audit.server";
import { challengePhase, phaseDeadline, type ChallengePhase, type ChallengeWindows } from "~/domain/challenge-phases";
import type { RichBody } from "~/lib/rich-body.server";
import { notify } from "~/domain/notifications.server";
import { now as clockNow } from "~/lib/clock.server";
import { db, type Tx } from "~/lib/db.server";

export type ChallengeErrorReason =
  | "notFound"
  | "slugTaken"
  | "notOpenForIdeas"
  | "votingNotOpen"
  | "budgetSpent"
  | "resultsTooEarly"
  | "noWinners"
  | "notInChallenge"
  | "placeTaken"
  | "hasIdeas";

export class ChallengeError extends Error {
  constructor(readonly reason: ChallengeErrorReason) {
    super(reason);
  }
}

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

function slugTaken(tx: Tx, slug: string, exceptId?: number) {
  const row = tx.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug)).get();
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

/** A new challenge starts as a draft that only staff see. */
export function createChallenge(input: ChallengeInput & { staffId: string; now?: Date }) {
  return db.transaction((tx) => {
    if (slugTaken(tx, input.slug)) throw new ChallengeError("slugTaken");
    const challenge = tx
      .insert(challenges)
      .values({ ...columnsOf(input), createdById: input.staffId, createdAt: input.now ?? clockNow() })
      .returning()
      .get();
    audit(tx, { actorId: input.staffId, action: "challenge.create", targetType: "challenge", targetId: challenge.id, details: { title: input.title } });
    return challenge;
  });
}

export function updateChallenge(id: number, input: ChallengeInput & { staffId: string }) {
  return db.transaction((tx) => {
    if (slugTaken(tx, input.slug, id)) throw new ChallengeError("slugTaken");
    const challenge = tx.update(challenges).set(columnsOf(input)).where(eq(challenges.id, id)).returning().get();
    if (!challenge) throw new ChallengeError("notFound");
    audit(tx, { actorId: input.staffId, action: "challenge.update", targetType: "challenge", targetId: id, details: { title: input.title } });
    return challenge;
  });
}

/** Publishing makes a draft public; taking it back is possible only while no idea was submitted. */
export function setChallengePublished(input: { id: number; published: boolean; staffId: string; now?: Date }) {
  return db.transaction((tx) => {
    const challenge = tx.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, input.id)).get();
    if (!challenge) throw new ChallengeError("notFound");
    if (!input.published && ideaCount(tx, input.id) > 0) throw new ChallengeError("hasIdeas");
    tx.update(challenges)
      .set(input.published ? { publishedAt: input.now ?? clockNow(), publishedById: input.staffId } : { publishedAt: null, publishedById: null })
      .where(eq(challenges.id, input.id))
      .run();
    audit(tx, { actorId: input.staffId, action: input.published ? "challenge.publish" : "challenge.unpublish", targetType: "challenge", targetId: input.id });
  });
}

function ideaCount(tx: Tx, challengeId: number) {
  return tx.select({ n: count() }).from(ideas).where(eq(ideas.challengeId, challengeId)).get()?.n ?? 0;
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
  // Spelled out: drizzle leaves columns unqualified in single-table queries, which a subquery would misread.
  ideaCount: sql<number>`(select count(*) from "ideas" where "ideas"."challenge_id" = "challenges"."id" and "ideas"."hidden_at" is null)`,
};

/** Every challenge, drafts included, newest first: the staff list. */
export function listAllChallenges() {
  return db.select(challengeColumns).from(challenges).orderBy(desc(challenges.submissionOpensAt), desc(challenges.id)).all();
}

/**
 * Published challenges with their phase at `now`: those with a deadline ahead soonest first,
 * finished ones most recent first.
 */
export function listPublishedChallenges(now = clockNow()) {
  const sortKey = (challenge: { phase: ChallengePhase } & ChallengeWindows) =>
    phaseDeadline(challenge, challenge.phase)?.getTime() ?? -new Date(challenge.votingClosesAt).getTime();
  return db
    .select(challengeColumns)
    .from(challenges)
    .where(isNotNull(challenges.publishedAt))
    .all()
    .map((challenge) => ({ ...challenge, phase: challengePhase(challenge, now) }))
    .sort((a, b) => sortKey(a) - sortKey(b) || a.id - b.id);
}

const resultsBy = alias(users, "results_by");
const author = alias(users, "author");

/** A challenge by its slug; drafts only for staff. */
export function getChallenge(slug: string, options: { includeDrafts?: boolean } = {}) {
  const row = db
    .select({
      challenge: challenges,
      resultsBy: { id: resultsBy.id, displayName: resultsBy.displayName, jobTitle: resultsBy.jobTitle, role: resultsBy.role },
    })
    .from(challenges)
    .leftJoin(resultsBy, eq(resultsBy.id, challenges.resultsById))
    .where(eq(challenges.slug, slug))
    .get();
  if (!row || (!row.challenge.publishedAt && !options.includeDrafts)) return null;
  return { ...row.challenge, resultsBy: row.resultsBy?.id ? row.resultsBy : null };
}

export function getChallengeById(id: number) {
  return db.select().from(challenges).where(eq(challenges.id, id)).get() ?? null;
}

/** Challenges open for ideas now: the choices on the idea form. */
export function challengesOpenForIdeas(now = clockNow()) {
  return db
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, submissionClosesAt: challenges.submissionClosesAt })
    .from(challenges)
    .where(and(isNotNull(challenges.publishedAt), lte(challenges.submissionOpensAt, now), sql`${challenges.submissionClosesAt} > ${now.getTime()}`))
    .orderBy(asc(challenges.submissionClosesAt))
    .all();
}

/** Inside an idea's transaction: the challenge must be published and taking ideas at `now`. */
export function assertOpenForIdeas(tx: Tx, challengeId: number, now: Date) {
  const challenge = tx.select().from(challenges).where(eq(challenges.id, challengeId)).get();
  if (!challenge) throw new ChallengeError("notFound");
  if (challengePhase(challenge, now) !== "submission") throw new ChallengeError("notOpenForIdeas");
}

/** How many ideas of this challenge the person has voted for. */
export function votesUsed(tx: Tx, challengeId: number, userId: string) {
  return (
    tx
      .select({ n: count() })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(and(eq(votes.userId, userId), eq(ideas.challengeId, challengeId)))
      .get()?.n ?? 0
  );
}

/**
 * Inside a vote's transaction: a vote on a challenge's idea is taken (or taken back) only while
 * its voting is open, and a new one only within the person's budget.
 */
export function assertCanVote(tx: Tx, challengeId: number, userId: string, wanted: boolean, now: Date) {
  const challenge = tx.select().from(challenges).where(eq(challenges.id, challengeId)).get();
  if (!challenge) throw new ChallengeError("notFound");
  if (challengePhase(challenge, now) !== "voting") throw new ChallengeError("votingNotOpen");
  if (wanted && challenge.voteBudget !== null && votesUsed(tx, challengeId, userId) >= challenge.voteBudget) {
    throw new ChallengeError("budgetSpent");
  }
}

/** What the page shows of a person's budget: null when the challenge has none. */
export function budgetFor(challenge: { id: number; voteBudget: number | null }, userId: string | null) {
  if (challenge.voteBudget === null) return null;
  const used = userId ? votesUsed(db, challenge.id, userId) : 0;
  return { total: challenge.voteBudget, used, left: Math.max(0, challenge.voteBudget - used) };
}

/** The announced winners: ranked ones in order, then those selected without a rank. */
export function listWinners(challengeId: number) {
  return db
    .select({ ideaId: ideas.id, title: ideas.title, voteCount: ideas.voteCount, rank: challengeWinners.rank, authorId: author.id, authorName: author.displayName })
    .from(challengeWinners)
    .innerJoin(ideas, eq(ideas.id, challengeWinners.ideaId))
    .innerJoin(author, eq(author.id, ideas.authorId))
    .where(eq(challengeWinners.challengeId, challengeId))
    .orderBy(sql`${challengeWinners.rank} is null`, asc(challengeWinners.rank), desc(ideas.voteCount))
    .all();
}

/** Everyone who took part: who submitted an idea to the challenge or voted in it. */
function participantIds(tx: Tx, challengeId: number) {
  const submitters = tx.selectDistinct({ id: ideas.authorId }).from(ideas).where(eq(ideas.challengeId, challengeId)).all();
  const voters = tx
    .selectDistinct({ id: votes.userId })
    .from(votes)
    .innerJoin(ideas, eq(ideas.id, votes.ideaId))
    .where(eq(ideas.challengeId, challengeId))
    .all();
  return [...new Set([...submitters, ...voters].map((row) => row.id))];
}

export type Winner = { ideaId: number; rank: number | null };

/**
 * After voting closes, a staff member announces the winners (ranked, or "selected") with a note
 * signed by them. Participants hear about it the first time; later corrections replace the list.
 */
export function publishResults(input: { challengeId: number; staffId: string; winners: Winner[]; note: RichBody; now?: Date }) {
  const now = input.now ?? clockNow();
  return db.transaction((tx) => {
    const challenge = tx.select().from(challenges).where(eq(challenges.id, input.challengeId)).get();
    if (!challenge) throw new ChallengeError("notFound");
    const phase = challengePhase(challenge, now);
    if (phase !== "counting" && phase !== "finished") throw new ChallengeError("resultsTooEarly");
    if (input.winners.length === 0) throw new ChallengeError("noWinners");
    const ranks = input.winners.flatMap((winner) => (winner.rank === null ? [] : [winner.rank]));
    if (new Set(ranks).size !== ranks.length) throw new ChallengeError("placeTaken");
    const ideaIds = input.winners.map((winner) => winner.ideaId);
    const inChallenge = tx
      .select({ id: ideas.id })
      .from(ideas)
      .where(and(inArray(ideas.id, ideaIds), eq(ideas.challengeId, input.challengeId)))
      .all();
    // The same idea twice, or one from elsewhere, is not a list of this challenge's winners.
    if (inChallenge.length !== ideaIds.length) throw new ChallengeError("notInChallenge");

    tx.delete(challengeWinners).where(eq(challengeWinners.challengeId, input.challengeId)).run();
    tx.insert(challengeWinners)
      .values(input.winners.map((winner) => ({ challengeId: input.challengeId, ideaId: winner.ideaId, rank: winner.rank })))
      .run();
    const firstTime = !challenge.resultsPublishedAt;
    tx.update(challenges)
      .set({
        resultsPublishedAt: challenge.resultsPublishedAt ?? now,
        resultsById: input.staffId,
        resultsNoteHtml: input.note.html,
        resultsNoteText: input.note.text,
      })
      .where(eq(challenges.id, input.challengeId))
      .run();
    audit(tx, { actorId: input.staffId, action: "challenge.results", targetType: "challenge", targetId: input.challengeId, details: { winners: input.winners } });
    if (firstTime) {
      notify(tx, {
        kind: "challenge_results",
        actorId: input.staffId,
        challengeId: input.challengeId,
        commentId: null,
        recipientIds: participantIds(tx, input.challengeId),
        excerpt: input.note.text,
        now,
      });
    }
  });
}

/**
 * Tells the participants of each challenge whose voting has opened, once. The news is signed
 * by the staff member who published the challenge: the person who invited them. Runs from the
 * server's scheduler and when a challenge page is read, so no one waits for the next tick.
 */
export function announceOpenedVoting(now = clockNow()) {
  const due = db
    .select({ id: challenges.id, votingClosesAt: challenges.votingClosesAt, actorId: sql<string>`coalesce(${challenges.publishedById}, ${challenges.createdById})` })
    .from(challenges)
    .where(and(isNotNull(challenges.publishedAt), isNull(challenges.votingAnnouncedAt), lte(challenges.votingOpensAt, now)))
    .all();
  let announced = 0;
  for (const challenge of due) {
    db.transaction((tx) => {
      const claimed = tx
        .update(challenges)
        .set({ votingAnnouncedAt: now })
        .where(and(eq(challenges.id, challenge.id), isNull(challenges.votingAnnouncedAt)))
        .run().changes;
      // Voting that closed before anyone could be told is not announced after the fact.
      if (!claimed || challenge.votingClosesAt.getTime() <= now.getTime()) return;
      notify(tx, {
        kind: "challenge_voting",
        actorId: challenge.actorId,
        challengeId: challenge.id,
        commentId: null,
        recipientIds: participantIds(tx, challenge.id),
        now,
      });
      announced += 1;
    });
  }
  return announced;
}

/** Checks the challenges every so often in the server process (see entry.server.tsx). */
export function startChallengeScheduler(intervalMs = 15_000) {
  const state = globalThis as { __tertuliaChallenges?: NodeJS.Timeout };
  if (state.__tertuliaChallenges) return;
  state.__tertuliaChallenges = setInterval(() => {
    try {
      announceOpenedVoting();
    } catch (error) {
      console.error("Announcing challenge voting failed:", error);
    }
  }, intervalMs);
  state.__tertuliaChallenges.unref();
}
