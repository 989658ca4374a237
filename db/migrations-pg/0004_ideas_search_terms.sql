ALTER TABLE "ideas" ADD COLUMN "search_title" text;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "search_body" text;--> statement-breakpoint
CREATE INDEX "ideas_search_pending_idx" ON "ideas" USING btree ("id") WHERE "ideas"."search_title" is null;--> statement-breakpoint
-- Search now matches the terms app/domain/search-terms.server.ts computes from each idea's
-- title and text (stop words left out, English and Spanish stems, accents folded), the same
-- terms SQLite's FTS5 table indexes (db/migrations/0008_ideas_search_terms.sql). They are
-- folded already, so the 'simple' configuration only splits them at spaces, and unaccent is no
-- longer needed. A stored generated column, so that the vector cannot fall behind its columns;
-- the title's terms weigh A and the text's B, so that a query can ask for the title alone
-- ('pago:A | pago:*A'). Ideas written before this get their terms from a background job.
DROP INDEX "ideas_search_idx";
--> statement-breakpoint
ALTER TABLE "ideas" DROP COLUMN "search_vector";
--> statement-breakpoint
DROP FUNCTION tertulia_unaccent(text);
--> statement-breakpoint
DROP EXTENSION IF EXISTS unaccent;
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('simple'::regconfig, coalesce("search_title", '')), 'A') ||
	setweight(to_tsvector('simple'::regconfig, coalesce("search_body", '')), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search_vector");
