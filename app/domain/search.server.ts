import { and, isNull, sql } from "drizzle-orm";
import { ideas } from "#db/schema";
import { db } from "~/lib/db.server";

// Search, SQLite flavour: the FTS5 table `ideas_fts` (db/migrations/0002_ideas_search.sql),
// kept in step with `ideas` by triggers, matched with FTS5 syntax and ranked with bm25. All
// SQL that only SQLite speaks lives here; a PostgreSQL flavour goes beside it.

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so no FTS syntax gets
 * through) and matched as a prefix; all words must match, or any with `mode: "any"`.
 */
export function toFtsQuery(text: string, mode: "all" | "any" = "all") {
  let words = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  // "Any word" matching would be swamped by "en", "la", "of"…: skip short words when others remain.
  if (mode === "any" && words.some((word) => word.length >= 3)) words = words.filter((word) => word.length >= 3);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(mode === "all" ? " " : " OR ");
}

/**
 * The condition "the idea's title or text matches every word typed", for the ideas list; null
 * when nothing searchable was typed (then nothing matches).
 */
export function ideaMatches(text: string) {
  const fts = toFtsQuery(text);
  return fts ? sql`${ideas.id} in (select rowid from ideas_fts where ideas_fts match ${fts})` : null;
}

/** Up to five existing ideas like the title being typed, best match first. */
export async function findSimilarIdeas(title: string, limit = 5) {
  const fts = toFtsQuery(title, "any");
  if (!fts) return [];
  return db
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount })
    .from(sql`ideas_fts`)
    .innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    .where(and(sql`ideas_fts match ${fts}`, isNull(ideas.hiddenAt), isNull(ideas.mergedIntoId)))
    .orderBy(sql`bm25(ideas_fts, 3.0, 1.0)`)
    .limit(limit);
}
