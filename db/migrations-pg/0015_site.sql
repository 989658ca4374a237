CREATE TABLE "upload_blobs" (
	"key" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"uploader_id" text,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uploads_kind_valid" CHECK ("uploads"."kind" in ('photo', 'image', 'cover', 'logo'))
);
--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "cover_id" text;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "welcome_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "logo_id" text;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "accent_colour" text;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "signup_mode" text DEFAULT 'anyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "signup_domains" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "site" ADD COLUMN "sender_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "photo_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_seen_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_uploader_idx" ON "uploads" USING btree ("uploader_id","created_at");--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_cover_id_uploads_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site" ADD CONSTRAINT "site_logo_id_uploads_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_photo_id_uploads_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "users_blocked_idx" ON "users" USING btree ("display_name","id") WHERE "users"."blocked_at" is not null;--> statement-breakpoint
CREATE INDEX "users_unverified_idx" ON "users" USING btree ("display_name","id") WHERE "users"."email_verified_at" is null;--> statement-breakpoint
ALTER TABLE "site" ADD CONSTRAINT "site_signup_mode_valid" CHECK ("site"."signup_mode" in ('anyone', 'invited'));