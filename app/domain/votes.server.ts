import { and, desc, eq, is, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { alias } from "drizzle-orm/sqlite-core";
import { ideas, users, votes } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { checkCanVote } from "~/domain/challenges.server";
import { addFollower } from "~/domain/follows.server";
import { checkMayActOn } from "~/domain/idea-visibility.server";
import { notify } from "~/domain/notifications.server";
import { findPersonByEmail, insertPerson, normalizeEmail, preparePerson } from "~/domain/people.server";
import { isStaff } from "~/domain/roles";
import { TRENDING_TIMESCALE_SECONDS } from "~/domain/trending";
import { emitWebhookEvent, ideaInEvent } from "~/domain/webhooks.server";
import { now as clockNow } from "~/lib/clock.server";
import { generateToken } from "~/lib/crypto.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/**
 * The one place an idea's vote count and trending score change, inside the caller's
 * transaction and right after it wrote the vote rows they count: voting, posting (the author's
 * own vote), merging and unmerging all come here, so the count, the score and the rows agree.
 */
export async function changeVoteCount(tx: Tx, ideaId: number, delta: number) {
  // One UPDATE writes both: the score is computed in SQL from the new count (the SET
  // expressions all read the row as it was), the same formula as trendingScore().
  const voteCount = sql<number>`${ideas.voteCount} + ${delta}`;
  const [idea] = await tx
    .update(ideas)
    .set({ voteCount, trendingScore: trendingScoreInSql(voteCount) })
    .where(eq(ideas.id, ideaId))
    .returning({ voteCount: ideas.voteCount, trendingScore: ideas.trendingScore });
  return idea!;
}

// Decided by the table the UPDATE names, so that the SQL always matches the query's dialect.
const onPostgres = is(ideas, PgTable);

/** trendingScore(votes, created_at) (trending.ts) as each engine says it. */
function trendingScoreInSql(votes: SQL<number>) {
  const atLeastOne = sql`case when ${votes} > 1 then ${votes} else 1 end`;
  return onPostgres
    ? sql<number>`log(${atLeastOne}::double precision) + extract(epoch from ${ideas.createdAt})::double precision / ${TRENDING_TIMESCALE_SECONDS}`
    : sql<number>`log10(${atLeastOne}) + ${ideas.createdAt} / 1000.0 / ${TRENDING_TIMESCALE_SECONDS}`;
}

/**
 * Puts the person's vote on an idea in the wanted state (the button says which: "vote" or
 * "take back"), so a double submit cannot undo itself. A challenge's ideas take votes only
 * while its voting is open and within each person's budget: the budget is counted and spent in
 * one write transaction, so two tabs (or two server processes) voting at once cannot overspend
 * it. A merged duplicate takes no votes: they belong to the idea it was merged into. A hidden
 * idea takes votes from staff only.
 * On PostgreSQL, votes on one idea (its counter) or by one person (their budget) wait in line
 * for each other instead of colliding and retrying (decision 0008).
 */
export async function setVote(ideaId: number, userId: string, wanted: boolean, now = clockNow()) {
  const set = await putVote(ideaId, userId, wanted, now, null);
  return set.ok ? ok({ voted: set.value.voted, voteCount: set.value.voteCount }) : set;
}

/** setVote, saying whether anything changed, and who recorded the vote for the customer. */
async function putVote(ideaId: number, userId: string, wanted: boolean, now: Date, recorded: { byId: string; note: string | null } | null) {
  const queueOn = [`idea:${ideaId}`, `person:${userId}`];
  return transaction(async (tx) => {
    const [idea] = await tx
      .select({ voteCount: ideas.voteCount, mergedIntoId: ideas.mergedIntoId, challengeId: ideas.challengeId, hiddenAt: ideas.hiddenAt })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .limit(1);
    if (!idea || idea.mergedIntoId) return refused("notFound");
    const mayAct = await checkMayActOn(tx, idea, userId);
    if (!mayAct.ok) return mayAct;
    const [existing] = await tx
      .select({ ideaId: votes.ideaId })
      .from(votes)
      .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId)))
      .limit(1);
    // Already as wanted (a double submit): nothing to change, nothing to refuse.
    if (Boolean(existing) === wanted) return ok({ voted: wanted, voteCount: idea.voteCount, changed: false });
    if (idea.challengeId !== null) {
      const allowed = await checkCanVote(tx, idea.challengeId, userId, wanted, now);
      if (!allowed.ok) return allowed;
    }
    if (wanted) {
      await tx.insert(votes).values({ ideaId, userId, createdAt: now, recordedById: recorded?.byId ?? null, recordedNote: recorded?.note ?? null });
      // Voting for an idea means wanting to hear about it; taking the vote back does not unfollow.
      await addFollower(tx, ideaId, userId);
    } else {
      await tx.delete(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, userId)));
    }
    const { voteCount } = await changeVoteCount(tx, ideaId, wanted ? 1 : -1);
    await emitWebhookEvent(tx, wanted ? "vote.added" : "vote.removed", async () => ({ idea: await ideaInEvent(tx, ideaId), personId: userId, recordedById: recorded?.byId ?? null }), now);
    return ok({ voted: wanted, voteCount, changed: true });
  }, { queueOn });
}

/**
 * Staff record the vote of a customer heard elsewhere (a call, a visit). The customer is found
 * by email, or given a customer account with their name and company (they can claim it by
 * resetting its password: nobody knows the one it is made with). The vote counts once like any
 * other and carries who recorded it and where it came from; the customer hears of it from the
 * staff member, in-app and by email. Recording a vote the customer already gave changes nothing.
 */
export async function recordVoteFor(input: { ideaId: number; staffId: string; email: string; displayName?: string | null; company?: string | null; note?: string | null; now?: Date }) {
  const now = input.now ?? clockNow();
  const email = normalizeEmail(input.email);
  const note = input.note?.trim() || null;
  // Hashing is slow: done before the transaction, and only for someone new.
  const newcomer = (await findPersonByEmail(email))
    ? null
    : await preparePerson({ email, displayName: input.displayName?.trim() || email.split("@")[0]!, password: generateToken(), company: input.company?.trim() || null });
  return transaction(async (tx) => {
    const [staff] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.staffId)).limit(1);
    if (!isStaff(staff)) return refused("forbidden");
    let [person] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    const accountCreated = !person;
    if (!person) {
      if (!newcomer) return refused("personNotFound");
      const inserted = await insertPerson(tx, newcomer);
      if (!inserted.ok) return inserted;
      person = inserted.value;
    }
    if (person.role !== "customer") return refused("notCustomer");
    if (person.blockedAt) return refused("blocked");
    const voted = await putVote(input.ideaId, person.id, true, now, { byId: input.staffId, note });
    if (!voted.ok) return voted;
    if (voted.value.changed) {
      await notify(tx, { kind: "vote_recorded", actorId: input.staffId, ideaId: input.ideaId, commentId: null, recipientIds: [person.id], now });
      await audit(tx, { actorId: input.staffId, action: "vote.record", targetType: "idea", targetId: input.ideaId, details: { personId: person.id, note }, now });
    }
    return ok({ person, accountCreated, alreadyVoted: !voted.value.changed, voteCount: voted.value.voteCount });
  }, { queueOn: [`idea:${input.ideaId}`] });
}

/** Staff take back a customer's vote, by the customer's email (a vote recorded by mistake). */
export async function removeVoteFor(input: { ideaId: number; staffId: string; email: string; now?: Date }) {
  const now = input.now ?? clockNow();
  return transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.email, normalizeEmail(input.email))).limit(1);
    if (!person) return refused("personNotFound");
    const removed = await putVote(input.ideaId, person.id, false, now, null);
    if (!removed.ok) return removed;
    if (removed.value.changed) await audit(tx, { actorId: input.staffId, action: "vote.remove", targetType: "idea", targetId: input.ideaId, details: { personId: person.id }, now });
    return ok({ removed: removed.value.changed, voteCount: removed.value.voteCount });
  }, { queueOn: [`idea:${input.ideaId}`] });
}

const recorder = alias(users, "recorder");

/**
 * An idea's voters, newest first, a page at a time (`after`: the cursor of the previous page),
 * with who recorded each vote for its customer: staff and the API see this, never customers.
 */
export async function listVoters(ideaId: number, page: { after?: string; limit: number }) {
  const cursor = decodeVoterCursor(page.after);
  const rows = await db
    .select({
      person: { id: users.id, displayName: users.displayName, email: users.email, company: users.company },
      votedAt: votes.createdAt,
      recordedBy: { id: recorder.id, displayName: recorder.displayName },
      recordedNote: votes.recordedNote,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.userId))
    .leftJoin(recorder, eq(recorder.id, votes.recordedById))
    .where(
      and(
        eq(votes.ideaId, ideaId),
        cursor ? and(lte(votes.createdAt, cursor.at), or(lt(votes.createdAt, cursor.at), lt(votes.userId, cursor.userId))) : undefined,
      ),
    )
    .orderBy(desc(votes.createdAt), desc(votes.userId))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    voters: shown.map((row) => ({ ...row, recordedBy: row.recordedBy?.id ? row.recordedBy : null })),
    nextCursor: rows.length > page.limit && last ? Buffer.from(JSON.stringify([last.votedAt.getTime(), last.person.id])).toString("base64url") : null,
  };
}

function decodeVoterCursor(cursor: string | undefined) {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (Array.isArray(parsed) && typeof parsed[0] === "number" && Number.isFinite(parsed[0]) && typeof parsed[1] === "string") {
      return { at: new Date(parsed[0]), userId: parsed[1] };
    }
  } catch {
    // A mangled cursor means the first page, as in the ideas list.
  }
  return null;
}
