CREATE TABLE `upload_blobs` (
	`key` text PRIMARY KEY NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`uploader_id` text,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "uploads_kind_valid" CHECK("uploads"."kind" in ('photo', 'image', 'cover', 'logo'))
);
--> statement-breakpoint
CREATE INDEX `uploads_uploader_idx` ON `uploads` (`uploader_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `challenges` ADD `cover_id` text REFERENCES uploads(id) ON DELETE set null;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_site` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`welcome_text` text DEFAULT '' NOT NULL,
	`logo_id` text,
	`accent_colour` text,
	`default_locale` text NOT NULL,
	`reply_promise_days` integer DEFAULT 3 NOT NULL,
	`settings_version` integer DEFAULT 0 NOT NULL,
	`signup_mode` text DEFAULT 'anyone' NOT NULL,
	`signup_domains` text DEFAULT '' NOT NULL,
	`sender_name` text,
	`listening_public` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`logo_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "site_single_row" CHECK("__new_site"."id" = 1),
	CONSTRAINT "site_reply_promise_positive" CHECK("__new_site"."reply_promise_days" between 1 and 60),
	CONSTRAINT "site_signup_mode_valid" CHECK("__new_site"."signup_mode" in ('anyone', 'invited'))
);
--> statement-breakpoint
INSERT INTO `__new_site`("id", "name", "default_locale", "reply_promise_days", "settings_version", "listening_public", "created_at") SELECT "id", "name", "default_locale", "reply_promise_days", "settings_version", "listening_public", "created_at" FROM `site`;--> statement-breakpoint
DROP TABLE `site`;--> statement-breakpoint
ALTER TABLE `__new_site` RENAME TO `site`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `users` ADD `photo_id` text REFERENCES uploads(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `users` ADD `last_seen_at` integer;--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`display_name`,`id`);--> statement-breakpoint
CREATE INDEX `users_blocked_idx` ON `users` (`display_name`,`id`) WHERE "users"."blocked_at" is not null;--> statement-breakpoint
CREATE INDEX `users_unverified_idx` ON `users` (`display_name`,`id`) WHERE "users"."email_verified_at" is null;