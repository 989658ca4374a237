-- Full-text search over ideas' titles and body text. External-content FTS5 table kept in
-- sync by triggers, so every write to `ideas` updates the index in the same transaction.
-- `remove_diacritics 2` folds accents and case: "adopcion" finds "adopción".
CREATE VIRTUAL TABLE `ideas_fts` USING fts5(
	title,
	body_text,
	content='ideas',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_insert` AFTER INSERT ON `ideas` BEGIN
	INSERT INTO ideas_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_delete` AFTER DELETE ON `ideas` BEGIN
	INSERT INTO ideas_fts(ideas_fts, rowid, title, body_text) VALUES ('delete', old.id, old.title, old.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_after_update` AFTER UPDATE OF title, body_text ON `ideas` BEGIN
	INSERT INTO ideas_fts(ideas_fts, rowid, title, body_text) VALUES ('delete', old.id, old.title, old.body_text);
	INSERT INTO ideas_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;
