import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per form submission that creates a record: the key the form made when it opened,
 * and the record it created. A second submission with the same key (a double click, a retry
 * after a timeout) gets the first one's record instead of a new one.
 */
export const idempotencyKeys = pgTable('idempotency_key', {
  key: uuid('key').primaryKey(),
  actorId: text('actor_id').notNull(),
  action: text('action').notNull(),
  recordId: text('record_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
