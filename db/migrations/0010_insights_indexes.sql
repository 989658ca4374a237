CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_created_idx` ON `comments` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ideas_first_response_idx` ON `ideas` (`first_response_at`);--> statement-breakpoint
CREATE INDEX `votes_created_idx` ON `votes` (`created_at`,`idea_id`,`user_id`);