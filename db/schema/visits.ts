import { sql } from 'drizzle-orm';
import { date, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CdasiItems } from '@/lib/instruments/cdasi';
import type { Mmt8Items } from '@/lib/instruments/mmt8';
import { VISIT_FIELD_KEYS, type VisitFieldKey } from '@/lib/visits/fields';
import { attribution, voiding } from './columns';
import { patients } from './patients';
import { measureColumns } from './visit-measures';

export const visits = pgTable(
  'visit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    visitDate: date('visit_date').notNull(),
    visitType: text('visit_type', { enum: ['baseline', 'follow_up'] }).notNull(),
    cdasiItems: jsonb('cdasi_items').$type<CdasiItems>(),
    mmt8Items: jsonb('mmt8_items').$type<Mmt8Items>(),
    ...measureColumns(),
    ...attribution,
    ...voiding,
  },
  (t) => [
    // A voided visit no longer holds its patient's baseline or its day.
    uniqueIndex('visit_one_baseline_idx').on(t.patientId).where(sql`${t.visitType} = 'baseline' and ${t.voidedAt} is null`),
    uniqueIndex('visit_patient_date_idx').on(t.patientId, t.visitDate).where(sql`${t.voidedAt} is null`),
  ],
);

/** The measure columns of a visit by field key, to select them all (`db.select({ ...visitMeasureColumns })`). */
export const visitMeasureColumns = Object.fromEntries(VISIT_FIELD_KEYS.map((k) => [k, visits[k]])) as { [K in VisitFieldKey]: (typeof visits)[K] };
