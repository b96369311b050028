import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The trail's vocabulary: what an entry records, and the kind of record it is about. Writers
// (db/audit.ts) and the trail's filters (server/review/audit-filters.ts) use these lists.
export const AUDIT_ACTIONS = ['create', 'update', 'void', 'review', 'verify', 'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_unlocked', 'lock', 'unlock', 'import', 'export'] as const;
export const AUDIT_ENTITIES = ['patient', 'visit', 'adverse_event', 'relapse', 'user', 'session', 'cohort', 'site', 'report', 'audit_log'] as const;
/** The entities that are a patient or one of its records: their entries are patient data, seen only at the patient's sites. */
export const CLINICAL_ENTITIES = ['patient', 'visit', 'adverse_event', 'relapse'] as const satisfies readonly (typeof AUDIT_ENTITIES)[number][];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

// One row per write, inserted in the writer's transaction. The table is append-only and
// hash-chained: a BEFORE INSERT trigger (migration 0002_audit_chain) sets `at`, `seq`,
// `prev_hash` and `hash` whatever the insert says, and UPDATE, DELETE and TRUNCATE are refused.
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
    // Set by the trigger: inserts send null (NOT NULL is checked after BEFORE triggers).
    seq: bigint('seq', { mode: 'number' }).notNull().unique().$defaultFn(() => sql`null`),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull().$defaultFn(() => sql`null`),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_correlation_idx').on(t.correlationId)],
);
