import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const sites = pgTable('site', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cohorts = pgTable('cohort', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The cohort's report settings (lib/cohort/settings.ts); null: the defaults. */
  reportSettings: jsonb('report_settings'),
  /** Counts the settings' changes, so that two coordinators' edits never overwrite each other. */
  version: integer('version').notNull().default(1),
  /** Locked for analysis: no record of the cohort's patients may change until a coordinator unlocks it. */
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  lockedBy: text('locked_by'),
  lockReason: text('lock_reason'),
});
