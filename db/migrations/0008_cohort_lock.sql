ALTER TABLE "cohort" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cohort" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "cohort" ADD COLUMN "lock_reason" text;