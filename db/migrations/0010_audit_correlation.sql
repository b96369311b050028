ALTER TABLE "audit_log" ADD COLUMN "correlation_id" text;--> statement-breakpoint
CREATE INDEX "audit_correlation_idx" ON "audit_log" USING btree ("correlation_id");--> statement-breakpoint
-- Hand-written from here. The correlation id is part of an entry's hashed content: a trail
-- whose entries were regrouped after the fact no longer verifies. An entry without one (every
-- entry written before this migration) hashes exactly as before, so the chain still verifies.
DROP FUNCTION audit_entry_hash(text, bigint, bigint, timestamptz, text, text, text, text, jsonb, jsonb, text);--> statement-breakpoint
CREATE FUNCTION audit_entry_hash(
	p_prev_hash text, p_seq bigint, p_id bigint, p_at timestamptz, p_actor_id text, p_action text,
	p_entity text, p_entity_id text, p_before jsonb, p_after jsonb, p_reason text, p_correlation_id text
) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to((
		jsonb_build_array(
			p_prev_hash, p_seq, p_id, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
			p_actor_id, p_action, p_entity, p_entity_id, p_before::text, p_after::text, p_reason
		) || CASE WHEN p_correlation_id IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(p_correlation_id) END
	)::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- As 0006_audit_chain_tail, and: an entry whose writer gave no correlation id takes its
-- transaction's, made at its first such entry and kept in a transaction-local setting, so the
-- entries one transaction writes always read as one action.
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
		NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.reason, NEW.correlation_id);
	PERFORM set_config('audit.chain_tail', concat_ws(' ', txid_current(), NEW.seq, NEW.hash), true);
	RETURN NEW;
END $$;
