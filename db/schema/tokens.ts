import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';

// Personal access tokens for scripts (docs/api-tokens.md). Only a SHA-256 of the secret is kept:
// the secret is shown once, when the token is made. A token acts as its user, with the user's
// role and sites as they are at each request, and only within its scopes.
export const accessTokens = pgTable(
  'access_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull().references(() => user.id),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    // The secret's first characters, so that a user can tell their tokens apart.
    hint: text('hint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('access_token_user_idx').on(t.userId)],
);
