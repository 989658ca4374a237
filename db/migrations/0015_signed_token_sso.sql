CREATE TABLE `sso_secrets` (
	`id` integer PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "sso_secrets_single_row" CHECK("sso_secrets"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `sso_token_uses` (
	`jti` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sso_token_uses_expires_idx` ON `sso_token_uses` (`expires_at`);