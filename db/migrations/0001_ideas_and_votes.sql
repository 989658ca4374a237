CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`colour` text NOT NULL,
	`archived_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (lower("name"));--> statement-breakpoint
CREATE TABLE `ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body_json` text NOT NULL,
	`body_html` text NOT NULL,
	`body_text` text NOT NULL,
	`author_id` text NOT NULL,
	`category_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`vote_count` integer DEFAULT 0 NOT NULL,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`trending_score` real DEFAULT 0 NOT NULL,
	`last_activity_at` integer NOT NULL,
	`first_response_at` integer,
	`first_responder_id` text,
	`edited_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`first_responder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ideas_status_valid" CHECK("ideas"."status" in ('open', 'under_review', 'planned', 'in_progress', 'adopted', 'declined', 'duplicate')),
	CONSTRAINT "ideas_counts_non_negative" CHECK("ideas"."vote_count" >= 0 and "ideas"."comment_count" >= 0)
);
--> statement-breakpoint
CREATE INDEX `ideas_author_idx` ON `ideas` (`author_id`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_trending_idx` ON `ideas` (`trending_score`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_status_trending_idx` ON `ideas` (`status`,`trending_score`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_trending_idx` ON `ideas` (`category_id`,`trending_score`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_status_trending_idx` ON `ideas` (`category_id`,`status`,`trending_score`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_top_idx` ON `ideas` (`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_status_top_idx` ON `ideas` (`status`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_top_idx` ON `ideas` (`category_id`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_status_top_idx` ON `ideas` (`category_id`,`status`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_new_idx` ON `ideas` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_status_new_idx` ON `ideas` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_new_idx` ON `ideas` (`category_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_status_new_idx` ON `ideas` (`category_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_active_idx` ON `ideas` (`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_status_active_idx` ON `ideas` (`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_active_idx` ON `ideas` (`category_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_category_status_active_idx` ON `ideas` (`category_id`,`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE TABLE `votes` (
	`idea_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`idea_id`, `user_id`),
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `votes_user_idx` ON `votes` (`user_id`,`created_at`);