-- Full-text search over ideas' titles and body text: the PostgreSQL twin of SQLite's FTS5 table
-- (db/migrations/0002_ideas_search.sql), hand-written because drizzle's schema has no word for it.
--
-- `search_vector` is a stored generated column, so PostgreSQL computes it in the same statement
-- (and transaction) that writes the row: it cannot fall behind, and an import fills it by itself.
-- The 'simple' configuration folds case and stems nothing, like FTS5's unicode61 tokenizer (the
-- portal speaks English and Spanish; a stemmer for one would mangle the other); `unaccent`
-- folds accents like `remove_diacritics 2`: "adopcion" finds "adopción". The title weighs more
-- than the body (A over B), as bm25(ideas_fts, 3.0, 1.0) ranks it on SQLite.
--
-- Querying (the search module of phase two): each typed word as a prefix, e.g.
--   search_vector @@ to_tsquery('simple', tertulia_unaccent('adopcion:* & rapida:*'))
-- ranked by ts_rank('{0.1, 0.2, 0.33, 1.0}', search_vector, query) desc (B = 1/3 of A).
--
-- `unaccent()` itself is only STABLE (its dictionary could be changed), and a generated column
-- needs an IMMUTABLE expression: the wrapper names the dictionary explicitly and is declared
-- IMMUTABLE, the documented way to index it. `unaccent` is a trusted extension since
-- PostgreSQL 13: a database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE FUNCTION tertulia_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	RETURN public.unaccent('public.unaccent'::regdictionary, $1);
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('simple'::regconfig, tertulia_unaccent("title")), 'A') ||
	setweight(to_tsvector('simple'::regconfig, tertulia_unaccent("body_text")), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search_vector");
