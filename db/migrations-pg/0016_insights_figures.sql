CREATE TABLE "insights_figures" (
	"ask" text PRIMARY KEY NOT NULL,
	"asked_at" timestamp (3) with time zone NOT NULL,
	"counted_for" text,
	"counted_at" timestamp (3) with time zone,
	"figures" text
);
--> statement-breakpoint
CREATE INDEX "insights_figures_asked_idx" ON "insights_figures" USING btree ("asked_at");