ALTER TABLE `ideas` ADD `search_title` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `search_body` text;--> statement-breakpoint
CREATE INDEX `ideas_search_pending_idx` ON `ideas` (`id`) WHERE "ideas"."search_title" is null;--> statement-breakpoint
-- Search now matches the terms app/domain/search-terms.server.ts computes from each idea's
-- title and text (stop words left out, English and Spanish stems, accents folded), written to
-- search_title and search_body with them; the FTS5 table indexes those columns instead of the
-- raw text. The terms are already folded, so the tokenizer only splits them at spaces.
-- `detail=column`: the index keeps which column holds a term, not where, as search looks for
-- terms (and prefixes), never phrases; `prefix='3'` indexes three-letter beginnings, the
-- shortest a query matches as a prefix. Existing ideas get their terms from a background job
-- (the update trigger then indexes them); the rebuild registers every row, still empty, so
-- that those updates find what they replace.
DROP TRIGGER `ideas_fts_after_insert`;
--> statement-breakpoint
DROP TRIGGER `ideas_fts_after_delete`;
--> statement-breakpoint
DROP TRIGGER `ideas_fts_after_update`;
--> statement-breakpoint
DROP TABLE `ideas_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `ideas_fts` USING fts5(
	search_title,
	search_body,
	content='ideas',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 0',
	detail='column',
	prefix='3'
);
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_insert` AFTER INSERT ON `ideas` BEGIN
	INSERT INTO ideas_fts(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_delete` AFTER DELETE ON `ideas` BEGIN
	INSERT INTO ideas_fts(ideas_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_update` AFTER UPDATE OF search_title, search_body ON `ideas` BEGIN
	INSERT INTO ideas_fts(ideas_fts, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body);
	INSERT INTO ideas_fts(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
END;
--> statement-breakpoint
INSERT INTO ideas_fts(ideas_fts) VALUES ('rebuild');
