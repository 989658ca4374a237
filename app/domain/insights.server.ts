import { and, count, countDistinct, desc, eq, gte, inArray, is, isNotNull, isNull, lt, ne, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { PgTable } from "drizzle-orm/pg-core";
import { categories, challenges, comments, ideas, insightsFigures, users, votes, type IdeaStatus } from "#db/tables";
import { now as clockNow } from "~/lib/clock.server";
import { db, longReads, transaction } from "~/lib/db.server";
import { DAY_MS, resolvePeriod, type Period, type PeriodChoice } from "~/domain/insights-period";

// Insights for product managers (issue 14): what happened in a period, compared with the one
// before it. Every figure is counted by the database (grouped, with window functions for the
// medians and 90th percentiles) over indexed ranges of created_at / first_response_at /
// adopted_at; nothing is read row by row into JavaScript. The SQL is the same on both engines
// but for two expressions (a duration in milliseconds, and which chart bucket a time falls in),
// said below as each engine says them. They read through `longReads`: on SQLite a connection in a
// worker thread, so that a count of hundreds of milliseconds never holds the event loop
// (decision 0024).

export type InsightsFilters = { categoryId?: number; challengeId?: number };
export type Range = { start: Date; end: Date };

// Decided by the tables this process queries, so the SQL always matches their dialect.
const onPostgres = is(ideas, PgTable);

/** Milliseconds from `earlier` to `later`, two timestamp columns. */
function elapsedMs(later: SQLWrapper, earlier: SQLWrapper) {
  return onPostgres ? sql<number>`(extract(epoch from (${later} - ${earlier})) * 1000)` : sql<number>`(${later} - ${earlier})`;
}

/** Which chart bucket (0, 1, …) a timestamp column falls in, counting `bucketMs` from `start`. */
function bucketOf(column: SQLWrapper & { getSQL(): SQL }, start: Date, bucketMs: number, encodeAs: Parameters<typeof sql.param>[1]) {
  const from = sql.param(start, encodeAs);
  // SQLite binds a JavaScript number as a real: the quotient is cast to a whole bucket number.
  const size = sql.raw(String(Math.trunc(bucketMs)));
  return onPostgres
    ? sql<number>`floor(extract(epoch from (${column} - ${from}::timestamptz)) * 1000 / ${size})`.mapWith(Number)
    : sql<number>`cast((${column} - ${from}) / ${size} as integer)`.mapWith(Number);
}

/** The ideas the filters select (by category, by challenge). */
function ideaFilter(filters: InsightsFilters) {
  return and(filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined, filters.challengeId ? eq(ideas.challengeId, filters.challengeId) : undefined);
}
/**
 * Grouping by the first selected column, the bucket: PostgreSQL does not see an expression with
 * parameters in GROUP BY as the same one in SELECT (each parameter has its own number).
 */
const firstColumn = sql`1`;
/** A person's id as the column "user_id" of a union of participants. */
const userIdAs = (column: SQLWrapper) => sql<string>`${column}`.as("user_id");
const filtered = (filters: InsightsFilters) => Boolean(filters.categoryId || filters.challengeId);

export const within = (column: Parameters<typeof gte>[0], range: Range) => and(gte(column, range.start), lt(column, range.end));

/**
 * The lower median and the 90th percentile (nearest rank: the smallest value at least that
 * share of the values reach) of `durations`, a subquery with a column `ms` and its `rank`
 * (cume_dist over ms), grouped by `group` when given.
 */
function percentileColumns(durations: { ms: SQL.Aliased<number>; rank: SQL.Aliased<number> }) {
  return {
    count: count(),
    median: sql<number | null>`min(case when ${durations.rank} >= 0.5 then ${durations.ms} end)`.mapWith(Number),
    p90: sql<number | null>`min(case when ${durations.rank} >= 0.9 then ${durations.ms} end)`.mapWith(Number),
  };
}
const nullIfNaN = (value: number | null) => (value === null || Number.isNaN(value) ? null : value);

// ---------------------------------------------------------------------------------------------
// Activity: ideas, votes, comments and the people behind them.

/**
 * Votes or comments on the ideas the filters select: a subquery on the idea's indexed category
 * or challenge, and no condition at all without filters (no join with ideas for every vote).
 */
function onSelectedIdeas(ideaId: typeof votes.ideaId | typeof comments.ideaId, filters: InsightsFilters) {
  return filtered(filters) ? inArray(ideaId, longReads.select({ id: ideas.id }).from(ideas).where(ideaFilter(filters))) : undefined;
}
const votesIn = (range: Range, filters: InsightsFilters) => and(within(votes.createdAt, range), onSelectedIdeas(votes.ideaId, filters));
const publicCommentsIn = (range: Range, filters: InsightsFilters) =>
  and(within(comments.createdAt, range), eq(comments.kind, "public"), onSelectedIdeas(comments.ideaId, filters));

async function activityTotals(range: Range, filters: InsightsFilters) {
  const ideaWhere = and(within(ideas.createdAt, range), ideaFilter(filters));
  const participants = longReads
    .select({ userId: userIdAs(ideas.authorId) })
    .from(ideas)
    .where(ideaWhere)
    .union(longReads.select({ userId: userIdAs(votes.userId) }).from(votes).where(votesIn(range, filters)))
    .union(longReads.select({ userId: userIdAs(comments.authorId) }).from(comments).where(publicCommentsIn(range, filters)))
    .as("participants");
  // Someone is "returning" when they took part before the period began (anything, anywhere).
  const before = range.start;
  const returning = sql`(exists (select 1 from ${votes} where ${votes.userId} = participants.user_id and ${votes.createdAt} < ${sql.param(before, votes.createdAt)})
    or exists (select 1 from ${comments} where ${comments.authorId} = participants.user_id and ${comments.createdAt} < ${sql.param(before, comments.createdAt)})
    or exists (select 1 from ${ideas} where ${ideas.authorId} = participants.user_id and ${ideas.createdAt} < ${sql.param(before, ideas.createdAt)}))`;

  const [[ideaCount], [voteCount], [commentCount], [people]] = await Promise.all([
    longReads.select({ n: count() }).from(ideas).where(ideaWhere),
    longReads.select({ n: count() }).from(votes).where(votesIn(range, filters)),
    longReads.select({ n: count() }).from(comments).where(publicCommentsIn(range, filters)),
    longReads
      .select({ total: count(), returning: sql<number>`coalesce(sum(case when ${returning} then 1 else 0 end), 0)`.mapWith(Number) })
      .from(participants),
  ]);
  const total = people?.total ?? 0;
  const returningCount = people?.returning ?? 0;
  return {
    ideas: ideaCount?.n ?? 0,
    votes: voteCount?.n ?? 0,
    comments: commentCount?.n ?? 0,
    participants: total,
    newParticipants: total - returningCount,
    returningParticipants: returningCount,
  };
}

async function activitySeries(period: Period, filters: InsightsFilters) {
  const range = { start: period.start, end: period.end };
  const ideaBucket = bucketOf(ideas.createdAt, period.start, period.bucketMs, ideas.createdAt);
  const voteBucket = bucketOf(votes.createdAt, period.start, period.bucketMs, votes.createdAt);
  const commentBucket = bucketOf(comments.createdAt, period.start, period.bucketMs, comments.createdAt);
  const ideaWhere = and(within(ideas.createdAt, range), ideaFilter(filters));
  const participantBucket = sql<number>`participants.bucket`.mapWith(Number);
  const participants = longReads
    .select({ bucket: ideaBucket.as("bucket"), userId: userIdAs(ideas.authorId) })
    .from(ideas)
    .where(ideaWhere)
    .union(longReads.select({ bucket: voteBucket.as("bucket"), userId: userIdAs(votes.userId) }).from(votes).where(votesIn(range, filters)))
    .union(longReads.select({ bucket: commentBucket.as("bucket"), userId: userIdAs(comments.authorId) }).from(comments).where(publicCommentsIn(range, filters)))
    .as("participants");
  const [ideaRows, voteRows, commentRows, participantRows] = await Promise.all([
    longReads.select({ bucket: ideaBucket, n: count() }).from(ideas).where(ideaWhere).groupBy(firstColumn),
    longReads.select({ bucket: voteBucket, n: count() }).from(votes).where(votesIn(range, filters)).groupBy(firstColumn),
    longReads.select({ bucket: commentBucket, n: count() }).from(comments).where(publicCommentsIn(range, filters)).groupBy(firstColumn),
    longReads
      .select({ bucket: participantBucket, n: sql<number>`count(distinct participants.user_id)`.mapWith(Number) })
      .from(participants)
      .groupBy(participantBucket),
  ]);
  const buckets = Math.max(1, Math.ceil((period.end.getTime() - period.start.getTime()) / period.bucketMs));
  const series = Array.from({ length: buckets }, (_, index) => ({
    start: new Date(period.start.getTime() + index * period.bucketMs),
    ideas: 0,
    votes: 0,
    comments: 0,
    participants: 0,
  }));
  const put = (rows: Array<{ bucket: number; n: number }>, field: "ideas" | "votes" | "comments" | "participants") => {
    for (const row of rows) if (series[row.bucket]) series[row.bucket]![field] = Number(row.n);
  };
  put(ideaRows, "ideas");
  put(voteRows, "votes");
  put(commentRows, "comments");
  put(participantRows, "participants");
  return series;
}

// ---------------------------------------------------------------------------------------------
// Listening: how fast, and how often within the promise, the team answers.

/** Ideas that wait for a first reply: every idea but merged duplicates (their thread moved). */
export const awaitsReply = () => isNull(ideas.mergedIntoId);

/** Ideas posted in `range`: how many were answered, how fast (median, 90th percentile), and how many within the promise. */
export async function listeningTotals(range: Range, filters: InsightsFilters, promiseMs: number, now: Date) {
  const ms = elapsedMs(ideas.firstResponseAt, ideas.createdAt);
  const durations = longReads
    .select({ ms: sql<number>`${ms}`.as("ms"), rank: sql<number>`cume_dist() over (order by ${ms})`.as("rank") })
    .from(ideas)
    .where(and(within(ideas.createdAt, range), awaitsReply(), isNotNull(ideas.firstResponseAt), ideaFilter(filters)))
    .as("durations");
  // Whether the promise was kept is known for an idea answered, or unanswered past its deadline.
  const deadlinePassed = new Date(now.getTime() - promiseMs);
  const [[percentiles], [promise]] = await Promise.all([
    longReads.select(percentileColumns(durations)).from(durations),
    longReads
      .select({
        posted: count(),
        kept: sql<number>`coalesce(sum(case when ${ideas.firstResponseAt} is not null and ${ms} <= ${promiseMs} then 1 else 0 end), 0)`.mapWith(Number),
        decided: sql<number>`coalesce(sum(case when ${ideas.firstResponseAt} is not null or ${ideas.createdAt} < ${sql.param(deadlinePassed, ideas.createdAt)} then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
      })
      .from(ideas)
      .where(and(within(ideas.createdAt, range), awaitsReply(), ideaFilter(filters))),
  ]);
  return {
    posted: promise?.posted ?? 0,
    answered: percentiles?.count ?? 0,
    medianMs: nullIfNaN(percentiles?.median ?? null),
    p90Ms: nullIfNaN(percentiles?.p90 ?? null),
    /** Ideas whose promise is decided (answered, or past the deadline), and those answered in time. */
    decided: promise?.decided ?? 0,
    withinPromise: promise?.kept ?? 0,
  };
}

/** Waiting for a first reply now, and of those, past the promise (whatever the period). */
async function waitingNow(filters: InsightsFilters, promiseMs: number, now: Date) {
  const deadline = new Date(now.getTime() - promiseMs);
  const [row] = await longReads
    .select({ waiting: count(), overdue: sql<number>`coalesce(sum(case when ${ideas.createdAt} < ${sql.param(deadline, ideas.createdAt)} then 1 else 0 end), 0)`.mapWith(Number) })
    .from(ideas)
    .where(and(isNull(ideas.firstResponseAt), awaitsReply(), isNull(ideas.hiddenAt), ideaFilter(filters)));
  return { waiting: row?.waiting ?? 0, overdue: row?.overdue ?? 0 };
}

/** Per staff member: the ideas they answered first in the period (and how fast), and their public replies. */
async function listeningByStaff(range: Range, filters: InsightsFilters, promiseMs: number) {
  const ms = elapsedMs(ideas.firstResponseAt, ideas.createdAt);
  const durations = longReads
    .select({
      responderId: sql<string>`${ideas.firstResponderId}`.as("responder_id"),
      ms: sql<number>`${ms}`.as("ms"),
      rank: sql<number>`cume_dist() over (partition by ${ideas.firstResponderId} order by ${ms})`.as("rank"),
    })
    .from(ideas)
    .where(and(within(ideas.firstResponseAt, range), awaitsReply(), isNotNull(ideas.firstResponderId), ideaFilter(filters)))
    .as("durations");
  const [firstReplies, replies] = await Promise.all([
    longReads
      .select({
        personId: durations.responderId,
        ...percentileColumns(durations),
        withinPromise: sql<number>`coalesce(sum(case when ${durations.ms} <= ${promiseMs} then 1 else 0 end), 0)`.mapWith(Number),
      })
      .from(durations)
      .groupBy(sql`${durations.responderId}`),
    longReads
      .select({ personId: comments.authorId, replies: count() })
      .from(comments)
      .where(and(publicCommentsIn(range, filters), inArray(comments.authorId, longReads.select({ id: users.id }).from(users).where(ne(users.role, "customer")))))
      .groupBy(comments.authorId),
  ]);
  const ids = [...new Set([...firstReplies.map((row) => row.personId), ...replies.map((row) => row.personId)])];
  const people = ids.length ? await longReads.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
  const names = new Map(people.map((person) => [person.id, person.name]));
  const byId = new Map(firstReplies.map((row) => [row.personId, row]));
  const replyCounts = new Map(replies.map((row) => [row.personId, row.replies]));
  return ids
    .map((id) => {
      const first = byId.get(id);
      return {
        personId: id,
        name: names.get(id) ?? "",
        answeredFirst: first?.count ?? 0,
        withinPromise: first?.withinPromise ?? 0,
        medianMs: nullIfNaN(first?.median ?? null),
        replies: replyCounts.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.answeredFirst - a.answeredFirst || b.replies - a.replies || a.name.localeCompare(b.name));
}

/** Per category: the ideas posted in the period, how many were answered, how fast, and in time. */
async function listeningByCategory(range: Range, filters: InsightsFilters, promiseMs: number) {
  const ms = elapsedMs(ideas.firstResponseAt, ideas.createdAt);
  const durations = longReads
    .select({
      categoryId: sql<number | null>`${ideas.categoryId}`.as("category_id"),
      answered: sql<number>`case when ${ideas.firstResponseAt} is not null then 1 else 0 end`.as("answered"),
      ms: sql<number>`${ms}`.as("ms"),
      rank: sql<number>`case when ${ideas.firstResponseAt} is not null then cume_dist() over (partition by ${ideas.categoryId}, ${ideas.firstResponseAt} is null order by ${ms}) end`.as(
        "rank",
      ),
    })
    .from(ideas)
    .where(and(within(ideas.createdAt, range), awaitsReply(), ideaFilter(filters)))
    .as("durations");
  const rows = await longReads
    .select({
      categoryId: durations.categoryId,
      posted: count(),
      answered: sql<number>`sum(${durations.answered})`.mapWith(Number),
      withinPromise: sql<number>`coalesce(sum(case when ${durations.ms} <= ${promiseMs} then 1 else 0 end), 0)`.mapWith(Number),
      medianMs: sql<number | null>`min(case when ${durations.rank} >= 0.5 then ${durations.ms} end)`.mapWith(Number),
    })
    .from(durations)
    .groupBy(sql`${durations.categoryId}`);
  const ids = rows.flatMap((row) => (row.categoryId === null ? [] : [Number(row.categoryId)]));
  const names = ids.length ? await longReads.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, ids)) : [];
  const nameOf = new Map(names.map((category) => [category.id, category.name]));
  return rows
    .map((row) => ({
      categoryId: row.categoryId === null ? null : Number(row.categoryId),
      name: row.categoryId === null ? null : (nameOf.get(Number(row.categoryId)) ?? null),
      posted: row.posted,
      answered: row.answered,
      withinPromise: row.withinPromise,
      medianMs: nullIfNaN(row.medianMs),
    }))
    .sort((a, b) => Number(a.name === null) - Number(b.name === null) || b.posted - a.posted || (a.name ?? "").localeCompare(b.name ?? ""));
}

// ---------------------------------------------------------------------------------------------
// Outcomes: where the period's ideas stand now, and what was adopted.

async function outcomes(range: Range, filters: InsightsFilters) {
  const toAdoption = elapsedMs(ideas.adoptedAt, ideas.createdAt);
  const adoptedWhere = and(eq(ideas.status, "adopted"), within(ideas.adoptedAt, range), ideaFilter(filters));
  const durations = longReads
    .select({ ms: sql<number>`${toAdoption}`.as("ms"), rank: sql<number>`cume_dist() over (order by ${toAdoption})`.as("rank") })
    .from(ideas)
    .where(adoptedWhere)
    .as("durations");
  const adopter = alias(users, "adopter");
  const [funnel, [adoption], byAdopter] = await Promise.all([
    longReads
      .select({ status: ideas.status, n: count() })
      .from(ideas)
      .where(and(within(ideas.createdAt, range), ideaFilter(filters)))
      .groupBy(ideas.status),
    longReads.select(percentileColumns(durations)).from(durations),
    longReads
      .select({ personId: ideas.adoptedById, name: adopter.displayName, adopted: count() })
      .from(ideas)
      .innerJoin(adopter, eq(adopter.id, ideas.adoptedById))
      .where(adoptedWhere)
      .groupBy(ideas.adoptedById, adopter.displayName)
      .orderBy(desc(count()), adopter.displayName),
  ]);
  const byStatus = Object.fromEntries(funnel.map((row) => [row.status, row.n])) as Partial<Record<IdeaStatus, number>>;
  const posted = funnel.reduce((sum, row) => sum + row.n, 0);
  return {
    posted,
    byStatus,
    adoptedOfPosted: byStatus.adopted ?? 0,
    adoptedInPeriod: adoption?.count ?? 0,
    medianToAdoptionMs: nullIfNaN(adoption?.median ?? null),
    byAdopter: byAdopter.map((row) => ({ personId: row.personId!, name: row.name, adopted: row.adopted })),
  };
}

// ---------------------------------------------------------------------------------------------
// Demand: what gained votes in the period, and from which segments of customers.

const TOP_IDEAS = 10;
const TOP_SEGMENTS = 12;

async function demand(range: Range, filters: InsightsFilters) {
  const gained = count();
  // Votes grouped by idea alone (the covering index gives them), the titles read for the top ten only.
  const top = await longReads
    .select({ ideaId: votes.ideaId, gained })
    .from(votes)
    .where(votesIn(range, filters))
    .groupBy(votes.ideaId)
    .orderBy(desc(gained), desc(votes.ideaId))
    .limit(TOP_IDEAS);
  const topIds = top.map((row) => row.ideaId);
  // Segments: the period's votes counted per voter first, then voters grouped by company and
  // language in one pass (a person has one of each, so people add up across the other).
  const perVoter = longReads.select({ userId: userIdAs(votes.userId), votes: sql<number>`count(*)`.as("votes") }).from(votes).where(votesIn(range, filters)).groupBy(votes.userId).as("per_voter");
  const [details, companies, segments] = await Promise.all([
    topIds.length ? longReads.select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount }).from(ideas).where(inArray(ideas.id, topIds)) : [],
    // How many distinct companies back each of those ideas (all its votes, not only the period's).
    topIds.length
      ? longReads
          .select({ ideaId: votes.ideaId, companies: countDistinct(users.company) })
          .from(votes)
          .innerJoin(users, eq(users.id, votes.userId))
          .where(inArray(votes.ideaId, topIds))
          .groupBy(votes.ideaId)
      : [],
    longReads
      .select({ company: users.company, locale: users.locale, votes: sql<number>`sum(${perVoter.votes})`.mapWith(Number), people: count() })
      .from(perVoter)
      .innerJoin(users, eq(users.id, perVoter.userId))
      .groupBy(users.company, users.locale),
  ]);
  const detailsOf = new Map(details.map((row) => [row.id, row]));
  const companiesOf = new Map(companies.map((row) => [row.ideaId, row.companies]));
  const byCompany = new Map<string, { company: string; votes: number; people: number }>();
  const byLanguage = new Map<string | null, { locale: (typeof segments)[number]["locale"]; votes: number; people: number }>();
  for (const segment of segments) {
    if (segment.company) {
      const company = byCompany.get(segment.company) ?? { company: segment.company, votes: 0, people: 0 };
      company.votes += segment.votes;
      company.people += segment.people;
      byCompany.set(segment.company, company);
    }
    const language = byLanguage.get(segment.locale) ?? { locale: segment.locale, votes: 0, people: 0 };
    language.votes += segment.votes;
    language.people += segment.people;
    byLanguage.set(segment.locale, language);
  }
  const byVotes = <T extends { votes: number }>(a: T, b: T) => b.votes - a.votes;
  return {
    topIdeas: top.map((row) => {
      const idea = detailsOf.get(row.ideaId)!;
      return { ideaId: row.ideaId, title: idea.title, status: idea.status, voteCount: idea.voteCount, gained: row.gained, companies: companiesOf.get(row.ideaId) ?? 0 };
    }),
    byCompany: [...byCompany].map(([, company]) => company).sort((a, b) => byVotes(a, b) || a.company.localeCompare(b.company)).slice(0, TOP_SEGMENTS),
    byLanguage: [...byLanguage].map(([, language]) => language).sort((a, b) => byVotes(a, b) || String(a.locale).localeCompare(String(b.locale))),
  };
}

// ---------------------------------------------------------------------------------------------
// Challenges whose submission or voting overlapped the period.

async function challengeFigures(range: Range, filters: InsightsFilters) {
  const shown = await longReads
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, voteBudget: challenges.voteBudget })
    .from(challenges)
    .where(
      and(
        isNotNull(challenges.publishedAt),
        lt(challenges.submissionOpensAt, range.end),
        gte(challenges.votingClosesAt, range.start),
        filters.challengeId ? eq(challenges.id, filters.challengeId) : undefined,
      ),
    )
    .orderBy(desc(challenges.submissionOpensAt), desc(challenges.id));
  if (shown.length === 0) return [];
  const ids = shown.map((challenge) => challenge.id);
  const categoryFilter = filters.categoryId ? eq(ideas.categoryId, filters.categoryId) : undefined;
  const participants = longReads
    .select({ challengeId: ideas.challengeId, userId: userIdAs(ideas.authorId) })
    .from(ideas)
    .where(and(inArray(ideas.challengeId, ids), categoryFilter))
    .union(
      longReads
        .select({ challengeId: ideas.challengeId, userId: userIdAs(votes.userId) })
        .from(votes)
        .innerJoin(ideas, eq(ideas.id, votes.ideaId))
        .where(and(inArray(ideas.challengeId, ids), categoryFilter)),
    )
    .as("participants");
  const participantChallenge = sql<number>`participants.challenge_id`.mapWith(Number);
  const [ideaRows, voteRows, participantRows] = await Promise.all([
    longReads
      .select({ challengeId: ideas.challengeId, ideas: count() })
      .from(ideas)
      .where(and(inArray(ideas.challengeId, ids), categoryFilter))
      .groupBy(ideas.challengeId),
    longReads
      .select({ challengeId: ideas.challengeId, votes: count(), voters: countDistinct(votes.userId) })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(and(inArray(ideas.challengeId, ids), categoryFilter))
      .groupBy(ideas.challengeId),
    longReads
      .select({ challengeId: participantChallenge, participants: sql<number>`count(distinct participants.user_id)`.mapWith(Number) })
      .from(participants)
      .groupBy(participantChallenge),
  ]);
  const ideasOf = new Map(ideaRows.map((row) => [row.challengeId, row.ideas]));
  const votesOf = new Map(voteRows.map((row) => [row.challengeId, row]));
  const participantsOf = new Map(participantRows.map((row) => [row.challengeId, row.participants]));
  return shown.map((challenge) => {
    const cast = votesOf.get(challenge.id);
    const votesCast = cast?.votes ?? 0;
    const voters = cast?.voters ?? 0;
    return {
      ...challenge,
      ideas: ideasOf.get(challenge.id) ?? 0,
      participants: participantsOf.get(challenge.id) ?? 0,
      votes: votesCast,
      voters,
      /** Votes cast over what the voters could have cast; null without a budget. */
      budgetUsed: challenge.voteBudget && voters > 0 ? votesCast / (challenge.voteBudget * voters) : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------

/** Everything /admin/insights shows, for a period and the one before it. */
export async function getInsights(input: { period: Period; filters: InsightsFilters; replyPromiseDays: number; now: Date }) {
  const { period, filters, now } = input;
  const current = { start: period.start, end: period.end };
  const previous = { start: period.previousStart, end: period.start };
  const promiseMs = input.replyPromiseDays * DAY_MS;
  const [activityNow, activityBefore, series, listeningNow, listeningBefore, waiting, byStaff, byCategory, outcomesNow, outcomesBefore, demandNow, challengeRows] =
    await Promise.all([
      activityTotals(current, filters),
      activityTotals(previous, filters),
      activitySeries(period, filters),
      listeningTotals(current, filters, promiseMs, now),
      listeningTotals(previous, filters, promiseMs, now),
      waitingNow(filters, promiseMs, now),
      listeningByStaff(current, filters, promiseMs),
      listeningByCategory(current, filters, promiseMs),
      outcomes(current, filters),
      outcomes(previous, filters),
      demand(current, filters),
      challengeFigures(current, filters),
    ]);
  return {
    activity: { current: activityNow, previous: activityBefore, series },
    listening: { current: listeningNow, previous: listeningBefore, ...waiting, byStaff, byCategory },
    outcomes: { current: outcomesNow, previous: outcomesBefore },
    demand: demandNow,
    challenges: challengeRows,
  };
}
export type Insights = Awaited<ReturnType<typeof getInsights>>;

// ---------------------------------------------------------------------------------------------
// Figures kept (decisions 0021 and 0024). Counting 90 days at the product's size reads
// hundreds of thousands of votes (1.5 s of CPU, docs/performance.md), far over the page's
// 300 ms; a product manager opens the page a few times a day. So the figures of what a page
// asked for are kept in the database (insights_figures), for every process and server: fresh
// for 5 minutes, then still shown (with the time they were counted) while this process counts
// them again in the background, up to an hour; older ones, or none, are counted before the page
// answers. The background job (countAskedInsights) keeps everything asked in the last week
// counted, and the usual periods of every time zone that asked for any: so a first look in the
// morning finds the figures of the new day already counted. Counting reads through `longReads`:
// never on the event loop.

/** Figures younger than this are shown as they are. */
export const INSIGHTS_FRESH_MS = 5 * 60_000;
/** Figures older than this are counted again before they are shown. */
const INSIGHTS_KEPT_MS = 60 * 60_000;
/** The background job counts again what is older than this, so that a page never waits for it. */
const INSIGHTS_RECOUNT_MS = 45 * 60_000;
/** What nobody asked for in this long is no longer counted, and forgotten. */
const INSIGHTS_ASKED_MS = 7 * DAY_MS;
/** When a page was last asked for is written again only after this long (not on every look). */
const ASKED_NOTED_MS = 10 * 60_000;
/** Counted at most this many per run of the job (one a minute): a count is about a second of CPU at the product's size. */
const COUNTS_PER_RUN = 3;
/** Kept counted for every time zone someone looked from: the page's periods without filters. */
const USUAL_CHOICES = ["7d", "30d", "90d", "quarter"] as const satisfies readonly PeriodChoice[];

/** What a page asked for: a period choice in the reader's time zone (resolved again each day), filters. */
export type InsightsAsk = { choice: PeriodChoice; timeZone: string; custom?: { from: string; to: string }; filters: InsightsFilters };

/** The ask as the table's key: the same JSON for the same ask. */
function askKey(ask: InsightsAsk) {
  const custom = ask.choice === "custom" && ask.custom ? [ask.custom.from, ask.custom.to] : null;
  return JSON.stringify([ask.choice, ask.timeZone, custom, ask.filters.categoryId ?? null, ask.filters.challengeId ?? null]);
}
function askOf(key: string): InsightsAsk {
  const [choice, timeZone, custom, categoryId, challengeId] = JSON.parse(key) as [PeriodChoice, string, [string, string] | null, number | null, number | null];
  return { choice, timeZone, custom: custom ? { from: custom[0], to: custom[1] } : undefined, filters: { categoryId: categoryId ?? undefined, challengeId: challengeId ?? undefined } };
}
const periodOf = (ask: InsightsAsk, now: Date) => resolvePeriod(ask.choice, now, ask.timeZone, ask.custom);
/** Which period and promise figures are for: the ask's period moves with the day. */
const countedFor = (period: Period, replyPromiseDays: number) => [period.start.getTime(), period.end.getTime(), period.bucketMs, replyPromiseDays].join("|");

/** The figures as kept (JSON), with their dates back. */
function reviveInsights(json: string): Insights {
  const insights = JSON.parse(json) as Insights;
  for (const bucket of insights.activity.series) bucket.start = new Date(bucket.start);
  return insights;
}

/** Counts under way in this process, by ask and period: requests and the job that want the same count share it. */
const counting = new Map<string, Promise<{ countedAt: Date; insights: Insights }>>();

/** Counts the ask's figures as of `at` and keeps them; one count at a time per ask and period in a process. */
function countAndKeep(ask: InsightsAsk, replyPromiseDays: number, at: Date) {
  const key = askKey(ask);
  const period = periodOf(ask, at);
  const target = countedFor(period, replyPromiseDays);
  const under = `${key}|${target}`;
  let count = counting.get(under);
  if (!count) {
    count = (async () => {
      const insights = await getInsights({ period, filters: ask.filters, replyPromiseDays, now: at });
      const kept = { countedFor: target, countedAt: at, figures: JSON.stringify(insights) };
      await transaction((tx) =>
        tx
          .insert(insightsFigures)
          .values({ ask: key, askedAt: at, ...kept })
          .onConflictDoUpdate({ target: insightsFigures.ask, set: kept })
          .then(() => undefined),
      );
      return { countedAt: at, insights };
    })().finally(() => counting.delete(under));
    counting.set(under, count);
  }
  return count;
}

/** Notes that a page asked for `ask` (and, for its time zone, the usual periods), so that the job keeps them counted. */
async function noteAsked(ask: InsightsAsk, at: Date) {
  const usual = USUAL_CHOICES.filter((choice) => choice !== ask.choice || ask.filters.categoryId || ask.filters.challengeId).map((choice) =>
    askKey({ choice, timeZone: ask.timeZone, filters: {} }),
  );
  await transaction(async (tx) => {
    await tx.insert(insightsFigures).values({ ask: askKey(ask), askedAt: at }).onConflictDoUpdate({ target: insightsFigures.ask, set: { askedAt: at } });
    await tx
      .insert(insightsFigures)
      .values(usual.map((key) => ({ ask: key, askedAt: at })))
      .onConflictDoNothing();
  });
}

/**
 * What /admin/insights shows for `ask`, and when it was counted: kept figures while fresh, kept
 * ones while newer ones are counted after 5 minutes, newly counted ones after an hour or when
 * none were kept for today's period.
 */
export async function keptInsights(ask: InsightsAsk, replyPromiseDays: number): Promise<{ countedAt: Date; insights: Insights; period: Period }> {
  const at = clockNow();
  const period = periodOf(ask, at);
  const [row] = await db.select().from(insightsFigures).where(eq(insightsFigures.ask, askKey(ask)));
  const age = row?.countedAt ? at.getTime() - row.countedAt.getTime() : Infinity;
  const usable = row?.figures && row.countedFor === countedFor(period, replyPromiseDays) && age >= 0 && age < INSIGHTS_KEPT_MS;
  if (!row || at.getTime() - row.askedAt.getTime() >= ASKED_NOTED_MS) await noteAsked(ask, at);
  if (!usable) return { ...(await countAndKeep(ask, replyPromiseDays, at)), period };
  if (age >= INSIGHTS_FRESH_MS) {
    countAndKeep(ask, replyPromiseDays, at).catch((error: unknown) => console.error("Counting the insights again failed:", error));
  }
  return { countedAt: row.countedAt!, insights: reviveInsights(row.figures!), period };
}

/**
 * The background job: counts what pages asked for in the last week whose figures are missing,
 * for another day's period, or older than 45 minutes (a few per run, the oldest first), and
 * forgets what nobody asked for in a week. Returns how many it counted.
 */
export async function countAskedInsights(replyPromiseDays: number) {
  const at = clockNow();
  const forgotten = new Date(at.getTime() - INSIGHTS_ASKED_MS);
  const rows = await db
    .select({ ask: insightsFigures.ask, askedAt: insightsFigures.askedAt, countedFor: insightsFigures.countedFor, countedAt: insightsFigures.countedAt })
    .from(insightsFigures);
  // A write only when there is something to forget (the job comes every minute).
  if (rows.some((row) => row.askedAt < forgotten)) {
    await transaction((tx) => tx.delete(insightsFigures).where(lt(insightsFigures.askedAt, forgotten)).then(() => undefined));
  }
  const asked = rows.filter((row) => row.askedAt >= forgotten);
  const due = asked.filter((row) => {
    const ask = askOf(row.ask);
    return !row.countedAt || row.countedFor !== countedFor(periodOf(ask, at), replyPromiseDays) || at.getTime() - row.countedAt.getTime() >= INSIGHTS_RECOUNT_MS;
  });
  // Never counted first, then the oldest (engines order nulls differently: sorted here).
  due.sort((a, b) => (a.countedAt?.getTime() ?? 0) - (b.countedAt?.getTime() ?? 0) || a.ask.localeCompare(b.ask));
  for (const row of due.slice(0, COUNTS_PER_RUN)) await countAndKeep(askOf(row.ask), replyPromiseDays, at);
  return Math.min(due.length, COUNTS_PER_RUN);
}
