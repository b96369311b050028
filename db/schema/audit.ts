import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The trail's vocabulary lives in lib/audit/vocabulary.ts, where the pure code that words it reads it too.
export { AUDIT_ACTIONS, AUDIT_ENTITIES, CLINICAL_ENTITIES, type AuditAction, type AuditEntity } from '@/lib/audit/vocabulary';

// One row per write, inserted in the writer's transaction. The table is append-only and
// hash-chained: a BEFORE INSERT trigger (migration 0002_audit_chain) sets `at`, and `seq`,
// `prev_hash` and `hash` are set when the transaction commits (0014_audit_chain_link_at_commit),
// whatever the insert says; UPDATE, DELETE and TRUNCATE are refused.
// `npm run audit:verify` walks the chain.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    // The user action that wrote the entry (db/correlation.ts): the entries of one action share it.
    // Part of the hashed content; the trigger gives one per transaction when the writer gives none.
    correlationId: text('correlation_id'),
    // The personal access token the write was made with (its name), null for the app's pages.
    // Part of the hashed content when set (migration 0011_access_tokens).
    viaToken: text('via_token'),
    // Set by the triggers: inserts send null (NOT NULL is checked after BEFORE triggers); a
    // negative placeholder and '' until the transaction commits.
    seq: bigint('seq', { mode: 'number' }).notNull().unique().$defaultFn(() => sql`null`),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull().$defaultFn(() => sql`null`),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_correlation_idx').on(t.correlationId)],
);
