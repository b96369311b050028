import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { RELAPSE_ACTIONS, RELAPSE_DOMAINS } from '@/lib/codes';
import { attribution, voiding } from './columns';
import { patients } from './patients';

// A return of disease activity that made the clinician act (docs/domain.md): counted apart from
// adverse events, which are the drug's.
export const relapses = pgTable(
  'relapse',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    relapseDate: date('relapse_date').notNull(),
    domain: text('domain', { enum: RELAPSE_DOMAINS }).notNull(),
    action: text('action', { enum: RELAPSE_ACTIONS }),
    ...attribution,
    ...voiding,
  },
  (t) => [
    index('relapse_patient_idx').on(t.patientId),
    // One relapse per domain per day: a second entry is the same relapse typed twice.
    uniqueIndex('relapse_patient_domain_date_idx').on(t.patientId, t.domain, t.relapseDate).where(sql`${t.voidedAt} is null`),
  ],
);
