import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';

// Queries on data: an auditor's or a coordinator's question about one field of a patient, a
// visit, an adverse event or a relapse, answered by the site's clinicians (lib/queries/rules.ts
// says who takes which step from which state). The query row holds where it stands; its steps
// (raise, answer, close, reopen) are kept one per row so that its history reads in order. Each
// step is also an audit entry on the record queried.
export const dataQueries = pgTable(
  'data_query',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    entity: text('entity', { enum: ['patient', 'visit', 'adverse_event', 'relapse'] }).notNull(),
    recordId: uuid('record_id').notNull(),
    /** The field's key in its record's field table (lib/records/fields.ts). */
    field: text('field').notNull(),
    question: text('question').notNull(),
    state: text('state', { enum: ['open', 'answered', 'closed'] }).notNull().default('open'),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_query_patient_state_idx').on(t.patientId, t.state), index('data_query_record_idx').on(t.recordId), index('data_query_state_idx').on(t.state, t.raisedBy)],
);

export const dataQuerySteps = pgTable(
  'data_query_step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queryId: uuid('query_id').notNull().references(() => dataQueries.id),
    step: text('step', { enum: ['raise', 'answer', 'close', 'reopen'] }).notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The question, the answer, or the raiser's comment. */
    text: text('text'),
    /** An answer that changed the value: the record's version after the edit, and the edit's audit correlation id. */
    changedVersion: integer('changed_version'),
    changeCorrelationId: text('change_correlation_id'),
  },
  (t) => [index('data_query_step_query_idx').on(t.queryId)],
);
