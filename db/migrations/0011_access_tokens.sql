CREATE TABLE "access_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"secret_hash" text NOT NULL,
	"hint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "access_token_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "via_token" text;--> statement-breakpoint
ALTER TABLE "access_token" ADD CONSTRAINT "access_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_token_user_idx" ON "access_token" USING btree ("user_id");--> statement-breakpoint
-- Hand-written from here. The token a write was made with is part of the entry's hashed
-- content, as the correlation id is (0010_audit_correlation): an entry without one hashes
-- exactly as before, so the chain written so far still verifies.
DROP FUNCTION audit_entry_hash(text, bigint, bigint, timestamptz, text, text, text, text, jsonb, jsonb, text, text);--> statement-breakpoint
CREATE FUNCTION audit_entry_hash(
	p_prev_hash text, p_seq bigint, p_id bigint, p_at timestamptz, p_actor_id text, p_action text,
	p_entity text, p_entity_id text, p_before jsonb, p_after jsonb, p_reason text, p_correlation_id text,
	p_via_token text
) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to((
		jsonb_build_array(
			p_prev_hash, p_seq, p_id, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
			p_actor_id, p_action, p_entity, p_entity_id, p_before::text, p_after::text, p_reason
		) || CASE WHEN p_correlation_id IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(p_correlation_id) END
		  || CASE WHEN p_via_token IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('token', p_via_token)) END
	)::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	last_seq bigint;
	last_hash text;
	tail text[];
BEGIN
	PERFORM pg_advisory_xact_lock(1635083369); -- 'audi'
	tail := string_to_array(current_setting('audit.chain_tail', true), ' ');
	IF tail[1] = txid_current()::text THEN
		last_seq := tail[2]::bigint;
		last_hash := nullif(tail[3], '');
	ELSE
		SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
	END IF;
	IF NEW.correlation_id IS NULL THEN
		NEW.correlation_id := nullif(current_setting('audit.correlation_id', true), '');
		IF NEW.correlation_id IS NULL THEN
			NEW.correlation_id := gen_random_uuid()::text;
			PERFORM set_config('audit.correlation_id', NEW.correlation_id, true);
		END IF;
	END IF;
	NEW.at := now();
	NEW.seq := coalesce(last_seq, 0) + 1;
	NEW.prev_hash := last_hash;
	NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.action,
		NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.reason, NEW.correlation_id, NEW.via_token);
	PERFORM set_config('audit.chain_tail', concat_ws(' ', txid_current(), NEW.seq, NEW.hash), true);
	RETURN NEW;
END $$;
