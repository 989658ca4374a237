import { sql } from "drizzle-orm";
import { ideas } from "#db/tables";
import type { MatchSpec, QueryWord } from "~/domain/search-terms.server";

// Search, PostgreSQL flavour: the generated tsvector `search_vector` over the ideas' search
// terms, title weighted A and text B, with a GIN index (db/migrations-pg/0004_ideas_search_terms.sql).
// The twin of search-sqlite.server.ts: the same terms, the same matches.

/**
 * A tsquery: each word a group of its terms (and its prefix, `:*`), groups joined by & or |;
 * `:A` keeps to the title. Terms are letters and digits only (search-terms.server.ts), quoted
 * all the same; the text is cast, not parsed by to_tsquery, so each term stays as it is.
 */
export function tsQuery({ words, every, titleOnly }: MatchSpec) {
  const weight = titleOnly ? "A" : "";
  const groups = words.map(
    (word) => `(${[...word.terms.map((term) => `'${term}'${weight ? `:${weight}` : ""}`), ...(word.prefix ? [`'${word.prefix}':*${weight}`] : [])].join(" | ")})`,
  );
  return groups.join(every ? " & " : " | ");
}

/** The ids, as `id`, of the ideas matching the spec: a statement to count, cap or order by id. */
export function matchingIds(spec: MatchSpec) {
  return sql`select id from ideas where search_vector @@ ${tsQuery(spec)}::tsquery`;
}

/**
 * The ideas list's condition for "holds every word", on the row itself: PostgreSQL's planner
 * knows how common each term is (the column's statistics) and chooses between walking the
 * list's index and collecting the matches from the GIN index.
 */
export async function listCondition(words: QueryWord[]) {
  return Promise.resolve(sql`${ideas}.search_vector @@ ${tsQuery({ words, every: true, titleOnly: false })}::tsquery`);
}
