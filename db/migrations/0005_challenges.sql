CREATE TABLE `challenge_winners` (
	`challenge_id` integer NOT NULL,
	`idea_id` integer NOT NULL,
	`rank` integer,
	PRIMARY KEY(`challenge_id`, `idea_id`),
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "challenge_winners_rank_positive" CHECK("challenge_winners"."rank" is null or "challenge_winners"."rank" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `challenge_winners_rank_unique` ON `challenge_winners` (`challenge_id`,`rank`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`brief_json` text NOT NULL,
	`brief_html` text NOT NULL,
	`brief_text` text NOT NULL,
	`submission_opens_at` integer NOT NULL,
	`submission_closes_at` integer NOT NULL,
	`voting_opens_at` integer NOT NULL,
	`voting_closes_at` integer NOT NULL,
	`vote_budget` integer,
	`published_at` integer,
	`published_by_id` text,
	`voting_announced_at` integer,
	`results_published_at` integer,
	`results_by_id` text,
	`results_note_html` text,
	`results_note_text` text,
	`created_by_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`results_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "challenges_submission_window" CHECK("challenges"."submission_opens_at" < "challenges"."submission_closes_at"),
	CONSTRAINT "challenges_voting_window" CHECK("challenges"."voting_opens_at" < "challenges"."voting_closes_at"),
	CONSTRAINT "challenges_voting_after_submission" CHECK("challenges"."submission_closes_at" <= "challenges"."voting_opens_at"),
	CONSTRAINT "challenges_vote_budget_positive" CHECK("challenges"."vote_budget" is null or "challenges"."vote_budget" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `challenges_slug_unique` ON `challenges` (`slug`);--> statement-breakpoint
CREATE INDEX `challenges_published_idx` ON `challenges` (`published_at`,`submission_opens_at`);--> statement-breakpoint
CREATE INDEX `challenges_voting_announce_idx` ON `challenges` (`voting_opens_at`) WHERE "challenges"."published_at" is not null and "challenges"."voting_announced_at" is null;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`idea_id` integer,
	`challenge_id` integer,
	`comment_id` integer,
	`status` text,
	`read_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_subject" CHECK("__new_notifications"."idea_id" is not null or "__new_notifications"."challenge_id" is not null)
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "recipient_id", "kind", "actor_id", "idea_id", "challenge_id", "comment_id", "status", "read_at", "created_at") SELECT "id", "recipient_id", "kind", "actor_id", "idea_id", NULL, "comment_id", "status", "read_at", "created_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`recipient_id`,`read_at`);--> statement-breakpoint
ALTER TABLE `ideas` ADD `challenge_id` integer REFERENCES challenges(id);--> statement-breakpoint
CREATE INDEX `ideas_challenge_votes_idx` ON `ideas` (`challenge_id`,`vote_count`,`id`) WHERE "ideas"."challenge_id" is not null;