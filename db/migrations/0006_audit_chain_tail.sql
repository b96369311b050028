-- The chain's trigger (0002_audit_chain) read the last entry for every row it chained: for an
-- import's 70,000 entries that look-up was most of the audit's cost. A transaction that holds
-- the chain's lock is the only one appending, so the tail it last wrote is still the tail: it
-- keeps it in a transaction-local setting and reads the table only for its first entry.
-- A setting changed in a savepoint that is rolled back returns to its earlier value, as the
-- rolled-back entries disappear, so the kept tail never outlives its entry. A session that
-- forges the setting can only write an entry that does not link, which `audit:verify` finds.
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
	NEW.at := now();
	NEW.seq := coalesce(last_seq, 0) + 1;
	NEW.prev_hash := last_hash;
	NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.action,
		NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.reason);
	PERFORM set_config('audit.chain_tail', concat_ws(' ', txid_current(), NEW.seq, NEW.hash), true);
	RETURN NEW;
END $$;
