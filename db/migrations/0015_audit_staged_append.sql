-- A bulk writer's entries written once, already linked, at the end of its transaction.
--
-- Since 0014 an entry is written unlinked and linked at commit by an UPDATE. For a few entries
-- that costs nothing; for an import's tens of thousands it wrote every entry twice (the
-- UPDATE copies the row and its four index entries), under the chain's lock. Now a bulk writer
-- stages its entries in a temporary table of its own session (audit_stage_begin: no WAL, no
-- index but the order), then, last, appends them in that order (audit_stage_append): the
-- append takes the chain's lock, and each entry is linked as it is inserted, from the chain's
-- end read under the lock, so the chain is read in commit order as before. Entries written
-- after the append in the same transaction are linked as they are inserted too (the lock is
-- already held); entries written unlinked before it are linked at commit after them.
-- A transaction that staged entries and did not append them cannot commit.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	last_seq bigint;
	last_hash text;
BEGIN
	IF NEW.correlation_id IS NULL THEN
		NEW.correlation_id := nullif(current_setting('audit.correlation_id', true), '');
		IF NEW.correlation_id IS NULL THEN
			NEW.correlation_id := gen_random_uuid()::text;
			PERFORM set_config('audit.correlation_id', NEW.correlation_id, true);
		END IF;
	END IF;
	NEW.at := now();
	IF current_setting('audit.append', true) = 'on' THEN
		-- Linked now: the chain's lock is held from the first such entry to commit.
		IF coalesce(current_setting('audit.append_seq', true), '') = '' THEN
			PERFORM pg_advisory_xact_lock(1635083369); -- 'audi'
			SELECT seq, hash INTO last_seq, last_hash FROM audit_log WHERE seq > 0 ORDER BY seq DESC LIMIT 1;
			last_seq := coalesce(last_seq, 0);
		ELSE
			last_seq := current_setting('audit.append_seq')::bigint;
			last_hash := nullif(current_setting('audit.append_hash'), '');
		END IF;
		NEW.seq := last_seq + 1;
		NEW.prev_hash := last_hash;
		NEW.hash := audit_entry_hash(last_hash, NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.action, NEW.entity, NEW.entity_id,
			NEW.before, NEW.after, NEW.reason, NEW.correlation_id, NEW.via_token);
		PERFORM set_config('audit.append_seq', NEW.seq::text, true);
		PERFORM set_config('audit.append_hash', NEW.hash, true);
		RETURN NEW;
	END IF;
	NEW.seq := -NEW.id;
	NEW.prev_hash := NULL;
	NEW.hash := '';
	-- The first unlinked entry of the transaction (a setting rolled back with its savepoint, as the entry is).
	IF coalesce(current_setting('audit.link_from', true), '') = '' THEN
		INSERT INTO audit_chain_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
		PERFORM set_config('audit.link_from', NEW.id::text, true);
	END IF;
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	first_id bigint := nullif(current_setting('audit.link_from', true), '')::bigint;
	last_seq bigint;
	last_hash text;
	n bigint;
	r record;
	ids bigint[] := '{}';
	seqs bigint[] := '{}';
	prevs text[] := '{}';
	hashes text[] := '{}';
BEGIN
	IF current_setting('audit.staged', true) = 'on' THEN
		RAISE EXCEPTION 'audit entries were staged and never appended (audit_stage_append): the transaction cannot commit';
	END IF;
	DELETE FROM audit_chain_pending WHERE txid = NEW.txid;
	IF first_id IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('audit.link_from', '', true);
	PERFORM pg_advisory_xact_lock(1635083369); -- 'audi'
	SELECT seq, hash INTO last_seq, last_hash FROM audit_log WHERE seq > 0 ORDER BY seq DESC LIMIT 1;
	n := coalesce(last_seq, 0);
	-- Other transactions' unlinked entries are not visible here: only this one's are read.
	FOR r IN SELECT * FROM audit_log WHERE seq < 0 AND seq <= -first_id ORDER BY seq DESC LOOP
		n := n + 1;
		ids := ids || r.id;
		seqs := seqs || n;
		prevs := prevs || last_hash;
		last_hash := audit_entry_hash(last_hash, n, r.id, r.at, r.actor_id, r.action, r.entity, r.entity_id,
			r.before, r.after, r.reason, r.correlation_id, r.via_token);
		hashes := hashes || last_hash;
	END LOOP;
	UPDATE audit_log a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
		FROM unnest(ids, seqs, prevs, hashes) AS u(id, seq, prev_hash, hash)
		WHERE a.id = u.id;
	RETURN NULL;
END $$;--> statement-breakpoint
-- The session's staging table for this transaction's entries (dropped at commit or rollback).
CREATE FUNCTION audit_stage_begin() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF to_regclass('pg_temp.audit_staged') IS NOT NULL THEN
		RETURN;
	END IF;
	CREATE TEMP TABLE audit_staged (
		ord bigserial PRIMARY KEY,
		actor_id text NOT NULL,
		action text NOT NULL,
		entity text NOT NULL,
		entity_id text NOT NULL,
		before jsonb,
		after jsonb,
		reason text,
		correlation_id text,
		via_token text
	) ON COMMIT DROP;
	PERFORM set_config('audit.staged', 'on', true);
	-- So that the commit checks the staged entries were appended.
	INSERT INTO audit_chain_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
END $$;--> statement-breakpoint
-- The staged entries into the chain, in the order they were staged, linked as they go in.
CREATE FUNCTION audit_stage_append() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	appended bigint;
BEGIN
	IF to_regclass('pg_temp.audit_staged') IS NULL THEN
		RETURN 0;
	END IF;
	PERFORM set_config('audit.append', 'on', true);
	INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after, reason, correlation_id, via_token)
		SELECT actor_id, action, entity, entity_id, before, after, reason, correlation_id, via_token
		FROM pg_temp.audit_staged ORDER BY ord;
	GET DIAGNOSTICS appended = ROW_COUNT;
	DROP TABLE pg_temp.audit_staged;
	PERFORM set_config('audit.staged', '', true);
	RETURN appended;
END $$;
