import { integer, text, timestamp } from 'drizzle-orm/pg-core';

// Who wrote a clinical record and when; `version` guards against lost updates.
export const attribution = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
};

// Clinical records are never deleted: a void keeps the row, says who, when and why.
export const voiding = {
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: text('voided_by'),
  voidReason: text('void_reason'),
};
