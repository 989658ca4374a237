import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { databaseEngine } from "#db/engine";
import { ideas } from "#db/tables";
import * as postgresSearch from "~/domain/search-postgres.server";
import * as sqliteSearch from "~/domain/search-sqlite.server";
import { ideaSearchColumns, holdsWord, queryWords, type MatchSpec, type QueryWord } from "~/domain/search-terms.server";
import { db, transaction } from "~/lib/db.server";

// Search and similar ideas, on either engine (docs/search.md). What a text's terms are is
// decided in search-terms.server.ts; which ideas hold them, in each engine's own module; how
// similar an idea is, here, in the same code for both, so that both engines answer alike.

const engine = databaseEngine() === "postgres" ? postgresSearch : sqliteSearch;

/**
 * The ideas list's condition "the idea holds every word typed" (stop words aside); null when
 * nothing searchable was typed (then nothing matches).
 */
export async function ideaMatches(text: string): Promise<SQL | null> {
  const words = queryWords(text);
  return words.length > 0 ? engine.listCondition(words) : null;
}

/** An idea is suggested as similar when its similarity (0–1, see `similarity`) reaches this. */
const SIMILARITY_THRESHOLD = 0.5;
/** A word found only in an idea's text counts this much of one found in its title. */
const BODY_WEIGHT = 0.5;
/** Ideas scored for similarity at most, however common the words: the candidates. */
const CANDIDATES = 100;
/** Counting a word's ideas stops here: past it, a word is simply common. */
const FREQUENCY_CAP = 1000;

type Weighted = { word: QueryWord; weight: number };

/**
 * Up to `limit` existing ideas like the title being typed, most similar first, none below
 * SIMILARITY_THRESHOLD: an idea that shares only a common word with the title is not shown.
 */
export async function findSimilarIdeas(title: string, limit = 5) {
  const words = queryWords(title);
  if (words.length === 0) return [];
  const weighted = await weighWords(words);
  const ids = await candidates(weighted);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount, searchTitle: ideas.searchTitle, searchBody: ideas.searchBody })
    .from(ideas)
    .where(and(inArray(ideas.id, ids), isNull(ideas.hiddenAt), isNull(ideas.mergedIntoId)));
  return rows
    .map(({ searchTitle, searchBody, ...idea }) => ({ idea, score: similarity(weighted, searchTitle ?? "", searchBody ?? "") }))
    .filter(({ score }) => score >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.idea.voteCount - a.idea.voteCount || b.idea.id - a.idea.id)
    .slice(0, limit)
    .map(({ idea }) => idea);
}

/**
 * How much of the typed title an idea holds: the weights of the words it holds (a word in its
 * text alone counting BODY_WEIGHT) over the weights of all the words, from 0 to 1.
 */
function similarity(weighted: Weighted[], searchTitle: string, searchBody: string) {
  const titleTerms = new Set(searchTitle.split(" "));
  const bodyTerms = new Set(searchBody.split(" "));
  let held = 0;
  let total = 0;
  for (const { word, weight } of weighted) {
    total += weight;
    if (holdsWord(titleTerms, word)) held += weight;
    else if (holdsWord(bodyTerms, word)) held += weight * BODY_WEIGHT;
  }
  return total > 0 ? held / total : 0;
}

/**
 * Each word's weight, its inverse document frequency (as BM25 has it): a word few ideas hold
 * says more than one most ideas hold. A word no idea holds weighs as one a single idea holds:
 * it tells no idea from another, and must not outweigh the words that do ("checkout más
 * rápido" is like "Faster checkout"). Counts stop at FREQUENCY_CAP, so that common words cost
 * no more than that; the number of ideas is read as the span of their ids (deleted ones
 * included: close enough for a weight, and free to read).
 */
async function weighWords(words: QueryWord[]): Promise<Weighted[]> {
  const counts: Record<string, SQL<number>> = {};
  words.forEach((word, index) => {
    const matches = engine.matchingIds({ words: [word], every: true, titleOnly: false });
    counts[`word${index}`] = sql<number>`(select count(*) from (${matches} limit ${FREQUENCY_CAP}) as ${sql.identifier(`matches${index}`)})`.mapWith(Number);
  });
  // Two subqueries, not min() and max() of one scan: each is then one step down the key.
  const first = sql<number | null>`(select min(${ideas.id}) from ${ideas})`.mapWith(Number);
  const last = sql<number | null>`(select max(${ideas.id}) from ${ideas})`.mapWith(Number);
  const [row] = (await db.select({ ...counts, first, last }).from(sql`(select 1) as one`)) as Array<Record<string, number | null>>;
  const ideaCount = row?.first != null && row.last != null ? row.last - row.first + 1 : 0;
  return words.map((word, index) => {
    const frequency = Math.max(1, Math.min(row?.[`word${index}`] ?? 0, ideaCount));
    return { word, weight: Math.log(1 + (ideaCount - frequency + 0.5) / (frequency + 0.5)) };
  });
}

/**
 * The ideas worth scoring, at most CANDIDATES, the likeliest first: those holding every word
 * in their title, then anywhere, then those holding any word that matters in their title,
 * then anywhere; the newest first within each. A word "matters" unless the words weighing less
 * than it could not, together, reach the threshold: an idea holding only those cannot be
 * similar, so it is never fetched (common words then cost nothing).
 */
async function candidates(weighted: Weighted[]) {
  const words = weighted.map(({ word }) => word);
  const total = weighted.reduce((sum, { weight }) => sum + weight, 0);
  const byWeight = [...weighted].sort((a, b) => a.weight - b.weight);
  let negligible = 0;
  let dropped = 0;
  while (dropped < byWeight.length - 1 && negligible + byWeight[dropped]!.weight < SIMILARITY_THRESHOLD * total) negligible += byWeight[dropped++]!.weight;
  const mattering = byWeight.slice(dropped).map(({ word }) => word);

  const found = new Set<number>();
  await addTier(found, words, true);
  // One word is "every word" and "any word" at once: that question is answered already.
  if (found.size < CANDIDATES && (words.length > 1 || mattering.length > 1)) await addTier(found, mattering, false);
  return [...found];
}

/**
 * Adds to `found`, up to CANDIDATES, the newest ideas holding the words (every one or any) in
 * their title, then anywhere. Those holding them in the title are among those holding them
 * anywhere: they are asked for apart only when the newest of the latter do not all fit.
 */
async function addTier(found: Set<number>, words: QueryWord[], every: boolean) {
  const room = CANDIDATES - found.size;
  const anywhere = await newestMatching({ words, every, titleOnly: false }, room + 1);
  if (anywhere.length > room) for (const id of await newestMatching({ words, every, titleOnly: true }, room)) found.add(id);
  for (const id of anywhere) if (found.size < CANDIDATES) found.add(id);
}

async function newestMatching(spec: MatchSpec, limit: number) {
  const rows = await db
    .select({ id: sql<number>`id`.mapWith(Number) })
    .from(sql`(${engine.matchingIds(spec)} order by id desc limit ${limit}) as tier`);
  return rows.map(({ id }) => id);
}

/**
 * At most this many ideas get their terms per transaction, so that neither writers nor the
 * event loop wait long: stemming a word for the first time costs ~20 µs, and a long idea
 * holds hundreds of words (100 ideas of the bench's short texts took 50 ms with none known).
 */
const TERMS_BATCH = 25;

/**
 * Gives search terms to ideas that have none (written before search had them, or copied in by
 * a script), a batch per transaction, until none is left. Run by a background job.
 */
export async function computeMissingSearchTerms() {
  let done = 0;
  for (;;) {
    const batch = await transaction(async (tx) => {
      const pending = await tx
        .select({ id: ideas.id, title: ideas.title, bodyText: ideas.bodyText })
        .from(ideas)
        .where(isNull(ideas.searchTitle))
        .orderBy(asc(ideas.id))
        .limit(TERMS_BATCH);
      for (const idea of pending) await tx.update(ideas).set(ideaSearchColumns(idea)).where(eq(ideas.id, idea.id));
      return pending.length;
    });
    done += batch;
    if (batch < TERMS_BATCH) return done;
  }
}
