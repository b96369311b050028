CREATE TABLE "data_query" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"field" text NOT NULL,
	"question" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_query_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"query_id" uuid NOT NULL,
	"step" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"text" text,
	"changed_version" integer,
	"change_correlation_id" text
);
--> statement-breakpoint
ALTER TABLE "data_query" ADD CONSTRAINT "data_query_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_query_step" ADD CONSTRAINT "data_query_step_query_id_data_query_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."data_query"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_query_patient_state_idx" ON "data_query" USING btree ("patient_id","state");--> statement-breakpoint
CREATE INDEX "data_query_record_idx" ON "data_query" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "data_query_state_idx" ON "data_query" USING btree ("state","raised_by");--> statement-breakpoint
CREATE INDEX "data_query_step_query_idx" ON "data_query_step" USING btree ("query_id");