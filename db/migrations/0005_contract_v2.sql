CREATE TABLE "relapse" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"relapse_date" date NOT NULL,
	"domain" text NOT NULL,
	"action" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" text,
	"void_reason" text
);
--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "follow_up_end_date" date;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "steroid_drug" text;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "steroid_mg_day" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "ck_uln" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "aldolase_u_l" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "aldolase_uln" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "ldh_u_l" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "ldh_uln" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "ast_u_l" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "ast_uln" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "alt_u_l" numeric;--> statement-breakpoint
ALTER TABLE "visit" ADD COLUMN "alt_uln" numeric;--> statement-breakpoint
ALTER TABLE "relapse" ADD CONSTRAINT "relapse_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relapse_patient_idx" ON "relapse" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relapse_patient_domain_date_idx" ON "relapse" USING btree ("patient_id","domain","relapse_date") WHERE "relapse"."voided_at" is null;