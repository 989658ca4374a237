import { count, sql } from "drizzle-orm";
import { ideas } from "#db/tables";
import type { MatchSpec, QueryWord } from "~/domain/search-terms.server";
import { db } from "~/lib/db.server";

// Search, SQLite flavour: the FTS5 table `ideas_fts` over the ideas' search terms
// (db/migrations/0008_ideas_search_terms.sql), kept in step by triggers. All the SQL of search
// that only SQLite speaks lives here; search-postgres.server.ts is its twin.

/**
 * An FTS5 query: each word a group of its terms (and its prefix), groups joined by AND or OR.
 * Terms are letters and digits only (search-terms.server.ts), quoted all the same so that no
 * word is ever read as FTS5 syntax.
 */
export function ftsQuery({ words, every, titleOnly }: MatchSpec) {
  const groups = words.map((word) => `(${[...word.terms.map((term) => `"${term}"`), ...(word.prefix ? [`"${word.prefix}"*`] : [])].join(" OR ")})`);
  const query = groups.join(every ? " AND " : " OR ");
  return titleOnly ? `{search_title} : (${query})` : query;
}

/** The ids, as `id`, of the ideas matching the spec: a statement to count, cap or order by id. */
export function matchingIds(spec: MatchSpec) {
  return sql`select rowid as id from ideas_fts where ideas_fts match ${ftsQuery(spec)}`;
}

/** Past this many matches, the list finds its page by walking its own index (see below). */
const MANY_MATCHES = 1000;

/**
 * The ideas list's condition for "holds every word". The list is sorted (trending, top…) and
 * cut into pages. Few matches: look each one up and sort them (cost grows with the matches).
 * Many: walk the list's own index in its order and keep the rows found among the matches (the
 * unary `+` stops SQLite from looking the matches up one by one instead), which reaches a
 * page after a few hundred rows however common the words: 2–6 ms for words that match a third
 * of 100,000 ideas, against 20–60 ms for sorting all their matches (docs/performance.md).
 */
export async function listCondition(words: QueryWord[], manyMatches = MANY_MATCHES) {
  const matches = sql`select rowid from ideas_fts where ideas_fts match ${ftsQuery({ words, every: true, titleOnly: false })}`;
  const [found] = await db.select({ n: count() }).from(sql`(${matches} limit ${manyMatches + 1}) as matches`);
  return (found?.n ?? 0) > manyMatches ? sql`+${ideas.id} in (${matches})` : sql`${ideas.id} in (${matches})`;
}
