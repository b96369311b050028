import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';

// Source data verification: an auditor's mark that a visit, adverse event or relapse matches
// the source document. It holds a hash of the record's clinical content as verified
// (db/queries/verification.ts), so any later change of that content shows as "changed since
// verified" without the writers having to clear anything. One mark per record: the latest;
// every mark is also in the audit trail.
export const sourceVerifications = pgTable(
  'source_verification',
  {
    entity: text('entity', { enum: ['visit', 'adverse_event', 'relapse'] }).notNull(),
    recordId: uuid('record_id').notNull(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    contentHash: text('content_hash').notNull(),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] }), index('source_verification_patient_idx').on(t.patientId)],
);
