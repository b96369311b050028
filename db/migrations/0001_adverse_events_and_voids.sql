CREATE TABLE "adverse_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"term" text NOT NULL,
	"category" text NOT NULL,
	"onset_date" date NOT NULL,
	"end_date" date,
	"ongoing" boolean DEFAULT false NOT NULL,
	"ctcae_grade" integer NOT NULL,
	"serious_death" boolean DEFAULT false NOT NULL,
	"serious_life_threatening" boolean DEFAULT false NOT NULL,
	"serious_hospitalisation" boolean DEFAULT false NOT NULL,
	"serious_disability" boolean DEFAULT false NOT NULL,
	"serious_congenital_anomaly" boolean DEFAULT false NOT NULL,
	"serious_other_important" boolean DEFAULT false NOT NULL,
	"serious" boolean NOT NULL,
	"related" text,
	"action" text,
	"outcome" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text,
	"review_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" text,
	"void_reason" text,
	CONSTRAINT "adverse_event_grade_range" CHECK ("adverse_event"."ctcae_grade" between 1 and 5),
	CONSTRAINT "adverse_event_serious_follows_criteria" CHECK (not ("adverse_event"."serious_death" or "adverse_event"."serious_life_threatening" or "adverse_event"."serious_hospitalisation" or "adverse_event"."serious_disability" or "adverse_event"."serious_congenital_anomaly" or "adverse_event"."serious_other_important") or "adverse_event"."serious"),
	CONSTRAINT "adverse_event_end_after_onset" CHECK ("adverse_event"."end_date" is null or "adverse_event"."end_date" >= "adverse_event"."onset_date")
);
--> statement-breakpoint
DROP INDEX "visit_one_baseline_idx";--> statement-breakpoint
DROP INDEX "visit_patient_date_idx";--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_event_patient_idx" ON "adverse_event" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_one_baseline_idx" ON "visit" USING btree ("patient_id") WHERE "visit"."visit_type" = 'baseline' and "visit"."voided_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_patient_date_idx" ON "visit" USING btree ("patient_id","visit_date") WHERE "visit"."voided_at" is null;