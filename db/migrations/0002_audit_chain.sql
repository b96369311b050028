ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_seq_unique" UNIQUE("seq");--> statement-breakpoint
-- Hand-written from here (drizzle-kit made seq and hash NOT NULL at once, which a table with
-- entries refuses: they are added nullable, the existing entries chained, then made NOT NULL).
--
-- The hash of an entry: SHA-256 of a canonical text of its content and of the previous hash.
-- One function, used by the insert trigger and by the verifier (db/audit-verify.ts).
-- `at` is written in UTC so that the session's TimeZone does not change the text; jsonb's
-- text form is canonical (keys sorted, fixed spacing); a JSON array keeps every value apart.
CREATE FUNCTION audit_entry_hash(
	p_prev_hash text, p_seq bigint, p_id bigint, p_at timestamptz, p_actor_id text, p_action text,
	p_entity text, p_entity_id text, p_before jsonb, p_after jsonb, p_reason text
) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to(jsonb_build_array(
		p_prev_hash, p_seq, p_id, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		p_actor_id, p_action, p_entity, p_entity_id, p_before::text, p_after::text, p_reason
	)::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Entries written before this migration join the chain in the order they were written.
DO $$
DECLARE
	r record;
	n bigint := 0;
	prev text := NULL;
BEGIN
	FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
		n := n + 1;
		UPDATE audit_log
		SET seq = n, prev_hash = prev,
			hash = audit_entry_hash(prev, n, r.id, r.at, r.actor_id, r.action, r.entity, r.entity_id, r.before, r.after, r.reason)
		WHERE id = r.id
		RETURNING hash INTO prev;
	END LOOP;
END $$;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
-- Every insert joins the end of the chain, whatever it says about at, seq, prev_hash, hash.
-- The advisory lock (held to the end of the writer's transaction) puts writers in a line, so
-- the last entry read is the one committed just before: no two entries share a predecessor.
-- Run under READ COMMITTED (the default): each statement here sees what committed before it.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	last_seq bigint;
	last_hash text;
BEGIN
	PERFORM pg_advisory_xact_lock(1635083369); -- 'audi'
	SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
	NEW.at := now();
	NEW.seq := coalesce(last_seq, 0) + 1;
	NEW.prev_hash := last_hash;
	NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.action,
		NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.reason);
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();--> statement-breakpoint
-- Append-only: no entry is changed or removed, not even by the application's own role.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
