import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { attribution, voiding } from './columns';
import { patients } from './patients';

export const adverseEvents = pgTable(
  'adverse_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    term: text('term').notNull(),
    category: text('category').notNull(),
    onsetDate: date('onset_date').notNull(),
    endDate: date('end_date'),
    ongoing: boolean('ongoing').notNull().default(false),
    ctcaeGrade: integer('ctcae_grade').notNull(),
    // ICH E2A criteria, each kept; `serious` follows from them. An imported event may say
    // serious without naming a criterion, so `serious` is stored too and checked against them.
    seriousDeath: boolean('serious_death').notNull().default(false),
    seriousLifeThreatening: boolean('serious_life_threatening').notNull().default(false),
    seriousHospitalisation: boolean('serious_hospitalisation').notNull().default(false),
    seriousDisability: boolean('serious_disability').notNull().default(false),
    seriousCongenitalAnomaly: boolean('serious_congenital_anomaly').notNull().default(false),
    seriousOtherImportant: boolean('serious_other_important').notNull().default(false),
    serious: boolean('serious').notNull(),
    related: text('related'),
    action: text('action'),
    outcome: text('outcome'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    reviewComment: text('review_comment'),
    ...attribution,
    ...voiding,
  },
  (t) => [
    index('adverse_event_patient_idx').on(t.patientId),
    check('adverse_event_grade_range', sql`${t.ctcaeGrade} between 1 and 5`),
    check(
      'adverse_event_serious_follows_criteria',
      sql`not (${t.seriousDeath} or ${t.seriousLifeThreatening} or ${t.seriousHospitalisation} or ${t.seriousDisability} or ${t.seriousCongenitalAnomaly} or ${t.seriousOtherImportant}) or ${t.serious}`,
    ),
    check('adverse_event_end_after_onset', sql`${t.endDate} is null or ${t.endDate} >= ${t.onsetDate}`),
  ],
);
