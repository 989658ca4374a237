CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idea_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`target_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`previous_status` text NOT NULL,
	`moved_voter_ids` text NOT NULL,
	`moved_follower_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`undone_at` integer,
	FOREIGN KEY (`source_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `idea_merges_source_idx` ON `idea_merges` (`source_id`);--> statement-breakpoint
CREATE INDEX `idea_merges_target_idx` ON `idea_merges` (`target_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter_id` text NOT NULL,
	`idea_id` integer NOT NULL,
	`comment_id` integer,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_by_id` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `comments` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `from_status` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `to_status` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `note_html` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `note_text` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `related_idea_id` integer REFERENCES ideas(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `idea_events_actor_idx` ON `idea_events` (`actor_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `ideas` ADD `assignee_id` text REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `merged_into_id` integer REFERENCES ideas(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `adopted_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `adopted_by_id` text REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `hidden_reason` text;--> statement-breakpoint
CREATE INDEX `ideas_waiting_idx` ON `ideas` (`created_at`) WHERE "ideas"."first_response_at" is null;--> statement-breakpoint
CREATE INDEX `ideas_assignee_idx` ON `ideas` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ideas_adopted_idx` ON `ideas` (`adopted_at`) WHERE "ideas"."status" = 'adopted';--> statement-breakpoint
ALTER TABLE `notifications` ADD `status` text;--> statement-breakpoint
ALTER TABLE `users` ADD `blocked_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `blocked_reason` text;