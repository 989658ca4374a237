CREATE TABLE `insights_figures` (
	`ask` text PRIMARY KEY NOT NULL,
	`asked_at` integer NOT NULL,
	`counted_for` text,
	`counted_at` integer,
	`figures` text
);
--> statement-breakpoint
CREATE INDEX `insights_figures_asked_idx` ON `insights_figures` (`asked_at`);