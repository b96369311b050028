import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CdasiItems } from '@/lib/instruments/cdasi';
import type { Mmt8Items } from '@/lib/instruments/mmt8';
import { attribution, voiding } from './columns';
import { patients } from './patients';

export const visits = pgTable(
  'visit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    visitDate: date('visit_date').notNull(),
    visitType: text('visit_type', { enum: ['baseline', 'follow_up'] }).notNull(),
    cdasiActivity: integer('cdasi_activity'),
    cdasiDamage: integer('cdasi_damage'),
    cdasiItems: jsonb('cdasi_items').$type<CdasiItems>(),
    mmt8: integer('mmt8'),
    mmt8Items: jsonb('mmt8_items').$type<Mmt8Items>(),
    prednisoneMgDay: numeric('prednisone_mg_day', { mode: 'number' }),
    ivig: text('ivig', { enum: ['none', 'ongoing', 'stopped'] }),
    ivigDoseGKg: numeric('ivig_dose_g_kg', { mode: 'number' }),
    ivigIntervalWeeks: integer('ivig_interval_weeks'),
    jakiDoseMgDay: numeric('jaki_dose_mg_day', { mode: 'number' }),
    activeCutaneous: boolean('active_cutaneous'),
    activeMuscle: boolean('active_muscle'),
    physicianGlobal: numeric('physician_global', { mode: 'number' }),
    patientGlobal: numeric('patient_global', { mode: 'number' }),
    extramuscularGlobal: numeric('extramuscular_global', { mode: 'number' }),
    haq: numeric('haq', { mode: 'number' }),
    ckUL: numeric('ck_u_l', { mode: 'number' }),
    ...attribution,
    ...voiding,
  },
  (t) => [
    // A voided visit no longer holds its patient's baseline or its day.
    uniqueIndex('visit_one_baseline_idx').on(t.patientId).where(sql`${t.visitType} = 'baseline' and ${t.voidedAt} is null`),
    uniqueIndex('visit_patient_date_idx').on(t.patientId, t.visitDate).where(sql`${t.voidedAt} is null`),
  ],
);
