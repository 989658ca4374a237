CREATE TABLE `email_schedules` (
	`user_id` text PRIMARY KEY NOT NULL,
	`own` text DEFAULT 'immediate' NOT NULL,
	`followed` text DEFAULT 'daily' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `from_name` text;--> statement-breakpoint
ALTER TABLE `idea_events` ADD `related_user_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `notifications` ADD `excerpt` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `related_idea_id` integer REFERENCES ideas(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `notifications` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `email_cadence` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `email_due_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `emailed_at` integer;--> statement-breakpoint
CREATE INDEX `notifications_email_due_idx` ON `notifications` (`email_due_at`);