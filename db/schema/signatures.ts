import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SIGNATURE_MEANINGS, SIGNED_KINDS } from '@/lib/signatures/meaning';
import { user } from './auth';
import { patients } from './patients';
import { sites } from './sites';

// Electronic signatures (docs/signatures.md). The investigator right is given per user and site
// by an admin; it counts only while the user works at the site as a clinician or coordinator
// (db/queries/investigators.ts).
export const investigatorSites = pgTable(
  'investigator_site',
  {
    userId: text('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.siteId] })],
);

// One row per signature, never changed nor deleted (a trigger refuses it, migration
// `signatures`): the printed name as it was at signing, the meaning, the time, and a hash of the
// signed content taken by PostgreSQL (db/queries/content-hash.ts). A later change of the content
// no longer matches the hash, so the signature shows as no longer valid without any writer
// having to clear it. Each signature is also an entry of the audit trail.
export const signatures = pgTable(
  'signature',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity', { enum: SIGNED_KINDS }).notNull(),
    recordId: uuid('record_id').notNull(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    meaning: text('meaning', { enum: SIGNATURE_MEANINGS }).notNull(),
    contentHash: text('content_hash').notNull(),
    signedBy: text('signed_by').notNull().references(() => user.id),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('signature_patient_idx').on(t.patientId), index('signature_record_idx').on(t.entity, t.recordId)],
);
