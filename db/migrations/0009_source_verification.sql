CREATE TABLE "source_verification" (
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"verified_by" text NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_verification_entity_record_id_pk" PRIMARY KEY("entity","record_id")
);
--> statement-breakpoint
ALTER TABLE "source_verification" ADD CONSTRAINT "source_verification_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_verification_patient_idx" ON "source_verification" USING btree ("patient_id");