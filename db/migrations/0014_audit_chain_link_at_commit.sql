-- The chain's lock taken last, at commit, not at a transaction's first entry.
--
-- Until now the BEFORE INSERT trigger took the chain's advisory lock at a transaction's first
-- entry and the lock was held to commit: every audited write of the database waited for the
-- whole of any other one in progress (its checks, its round trips, a whole import). Now an
-- entry is written unlinked: its time and correlation id set as before, its place in the chain
-- a placeholder (seq = -id, hash ''), and the transaction is noted once in audit_chain_pending,
-- whose deferred constraint trigger runs when the transaction commits. That step, the chain
-- link, takes the lock, reads the chain's end, hashes the transaction's entries in id order
-- (from data already in the rows) and writes their seq, prev_hash and hash in one UPDATE; the
-- lock is then held only while the link and the commit run, and places are still given in
-- commit order. A rolled-back transaction leaves neither entries nor a note. Placeholders are
-- negative, so the chain's end (the highest seq) is never one, and the unique index on seq
-- keeps a transaction's own unlinked entries together for the link to find (seq <= -its first id).
CREATE UNLOGGED TABLE audit_chain_pending (txid bigint PRIMARY KEY);--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.correlation_id IS NULL THEN
		NEW.correlation_id := nullif(current_setting('audit.correlation_id', true), '');
		IF NEW.correlation_id IS NULL THEN
			NEW.correlation_id := gen_random_uuid()::text;
			PERFORM set_config('audit.correlation_id', NEW.correlation_id, true);
		END IF;
	END IF;
	NEW.at := now();
	NEW.seq := -NEW.id;
	NEW.prev_hash := NULL;
	NEW.hash := '';
	-- The first unlinked entry of the transaction (a setting rolled back with its savepoint, as the entry is).
	IF coalesce(current_setting('audit.link_from', true), '') = '' THEN
		INSERT INTO audit_chain_pending (txid) VALUES (txid_current());
		PERFORM set_config('audit.link_from', NEW.id::text, true);
	END IF;
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE FUNCTION audit_log_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	first_id bigint := current_setting('audit.link_from')::bigint;
	last_seq bigint;
	last_hash text;
	n bigint;
	r record;
	ids bigint[] := '{}';
	seqs bigint[] := '{}';
	prevs text[] := '{}';
	hashes text[] := '{}';
BEGIN
	PERFORM set_config('audit.link_from', '', true);
	DELETE FROM audit_chain_pending WHERE txid = NEW.txid;
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
CREATE CONSTRAINT TRIGGER audit_chain_link AFTER INSERT ON audit_chain_pending
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_link();--> statement-breakpoint
-- Still append-only: an entry in the chain is never changed, none is removed. The one update
-- allowed gives an unlinked entry (visible to its own transaction only) its place, and changes
-- nothing else.
DROP TRIGGER audit_log_no_update_delete ON audit_log;--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
	WHEN (OLD.seq > 0 OR NEW.seq <= 0 OR NEW.id <> OLD.id OR NEW.at <> OLD.at OR NEW.actor_id <> OLD.actor_id
		OR NEW.action <> OLD.action OR NEW.entity <> OLD.entity OR NEW.entity_id <> OLD.entity_id
		OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
		OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.correlation_id IS DISTINCT FROM OLD.correlation_id
		OR NEW.via_token IS DISTINCT FROM OLD.via_token)
	EXECUTE FUNCTION audit_log_refuse_change();
