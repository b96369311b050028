ALTER TABLE "cohort" ADD COLUMN "report_settings" jsonb;--> statement-breakpoint
ALTER TABLE "cohort" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;