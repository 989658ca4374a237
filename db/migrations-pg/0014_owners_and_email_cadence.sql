CREATE TABLE "email_schedules" (
	"user_id" text PRIMARY KEY NOT NULL,
	"own" text DEFAULT 'immediate' NOT NULL,
	"followed" text DEFAULT 'daily' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "from_name" text;--> statement-breakpoint
ALTER TABLE "idea_events" ADD COLUMN "related_user_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "excerpt" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "related_idea_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_cadence" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_schedules" ADD CONSTRAINT "email_schedules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_events" ADD CONSTRAINT "idea_events_related_user_id_users_id_fk" FOREIGN KEY ("related_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_related_idea_id_ideas_id_fk" FOREIGN KEY ("related_idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_email_due_idx" ON "notifications" USING btree ("email_due_at");