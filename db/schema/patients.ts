import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { attribution, voiding } from './columns';
import { cohorts, sites } from './sites';

export const patients = pgTable(
  'patient',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    cohortId: uuid('cohort_id').notNull().references(() => cohorts.id),
    sex: text('sex', { enum: ['F', 'M'] }).notNull(),
    birthYear: integer('birth_year').notNull(),
    diagnosisDate: date('diagnosis_date'),
    dmSubtype: text('dm_subtype'),
    antibodies: text('antibodies').array().notNull().default([]),
    previousTreatments: text('previous_treatments').array().notNull().default([]),
    ild: boolean('ild'),
    jakiDrug: text('jaki_drug').notNull(),
    jakiDoseMgDay: numeric('jaki_dose_mg_day', { mode: 'number' }).notNull(),
    jakiStartDate: date('jaki_start_date').notNull(),
    jakiStopDate: date('jaki_stop_date'),
    jakiStopReason: text('jaki_stop_reason'),
    deathDate: date('death_date'),
    deathCause: text('death_cause'),
    // The day the patient left follow-up (study closed, lost, moved): no visit after it.
    followUpEndDate: date('follow_up_end_date'),
    ...attribution,
    ...voiding,
  },
  (t) => [
    index('patient_site_idx').on(t.siteId),
    index('patient_cohort_idx').on(t.cohortId),
    // The audit trail's filter by the beginning of a code, in any case (upper(code) LIKE 'WLK%').
    index('patient_code_upper_idx').on(sql`upper(${t.code}) text_pattern_ops`),
  ],
);
