import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { ReportAdverseEvent, ReportInput, ReportPatient, ReportRelapse, ReportVisit } from '@/lib/cohort/types';
import type { ReportSettings } from '@/lib/cohort/windows';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { selectRows, type Db } from '../client';
import { adverseEvents, cohorts, patients, relapses, sites, visits } from '../schema';
import { patientInScope } from './scope';

type PatientRow = Omit<ReportPatient, 'visits' | 'adverseEvents' | 'relapses'> & { id: string };

/**
 * Everything the cohort report reads, for the patients of the given sites (voided records
 * left out), and the cohort's report settings. Null when the cohort does not exist.
 *
 * A cohort can hold ten thousand patients and their fifty thousand visits, and a report must
 * come back within a second: four raw queries run side by side, typed in the SQL (numerics
 * as float8, dates as text) so that both drivers hand back plain values without the query
 * builder's per-row mapping, and only the columns the report reads.
 */
export async function loadReportInput(
  db: Db,
  { cohortCode, siteIds, siteCode, today }: { cohortCode: string; siteIds: string[]; siteCode?: string | null; today: string },
): Promise<(ReportInput & { settings: ReportSettings }) | null> {
  // The code comes from the address bar: one holding a NUL names no cohort (PostgreSQL would refuse the query).
  if (cohortCode.includes('\u0000')) return null;
  const [cohort] = await db.select({ id: cohorts.id, code: cohorts.code, reportSettings: cohorts.reportSettings }).from(cohorts).where(eq(cohorts.code, cohortCode));
  if (!cohort) return null;
  const settings = storedReportSettings(cohort.reportSettings);
  const scopeSites = siteCode
    ? (await db.select({ id: sites.id }).from(sites).where(eq(sites.code, siteCode))).map((s) => s.id).filter((id) => siteIds.includes(id))
    : siteIds;
  if (scopeSites.length === 0) return { cohort: cohort.code, site: siteCode ?? null, today, patients: [], settings };
  const inScope = sql`${patients.cohortId} = ${cohort.id} and ${patientInScope(scopeSites)}`;

  const [patientRows, visitRows, eventRows, relapseRows] = await Promise.all([
    selectRows<PatientRow>(
      db,
      sql`select patient.id, patient.code, s.code as "siteCode", patient.sex, patient.birth_year as "birthYear", patient.diagnosis_date::text as "diagnosisDate",
            patient.dm_subtype as "dmSubtype", patient.antibodies, patient.previous_treatments as "previousTreatments", patient.ild, patient.jaki_drug as "jakiDrug",
            patient.jaki_dose_mg_day::float8 as "jakiDoseMgDay", patient.jaki_start_date::text as "jakiStartDate", patient.jaki_stop_date::text as "jakiStopDate",
            patient.jaki_stop_reason as "jakiStopReason", patient.death_date::text as "deathDate", patient.death_cause as "deathCause",
            patient.follow_up_end_date::text as "followUpEndDate"
          from ${patients} join ${sites} s on s.id = patient.site_id
          where ${inScope}
          order by patient.code`,
    ),
    selectRows<ReportVisit & { patientId: string }>(
      db,
      sql`select v.patient_id as "patientId", v.visit_date::text as "visitDate", v.visit_type as "visitType",
            v.cdasi_activity as "cdasiActivity", v.cdasi_damage as "cdasiDamage", v.mmt8,
            v.prednisone_mg_day::float8 as "prednisoneMgDay", v.ivig, v.active_cutaneous as "activeCutaneous",
            v.active_muscle as "activeMuscle", v.jaki_dose_mg_day::float8 as "jakiDoseMgDay",
            v.physician_global::float8 as "physicianGlobal", v.patient_global::float8 as "patientGlobal",
            v.extramuscular_global::float8 as "extramuscularGlobal", v.haq::float8 as haq,
            v.ck_u_l::float8 as "ckUL", v.ck_uln::float8 as "ckUln", v.aldolase_u_l::float8 as "aldolaseUL", v.aldolase_uln::float8 as "aldolaseUln",
            v.ldh_u_l::float8 as "ldhUL", v.ldh_uln::float8 as "ldhUln", v.ast_u_l::float8 as "astUL", v.ast_uln::float8 as "astUln",
            v.alt_u_l::float8 as "altUL", v.alt_uln::float8 as "altUln"
          from ${visits} v join ${patients} on patient.id = v.patient_id
          where ${inScope} and v.voided_at is null`,
    ),
    selectRows<ReportAdverseEvent & { patientId: string }>(
      db,
      sql`select a.patient_id as "patientId", a.category, a.serious, a.ctcae_grade as "ctcaeGrade", a.onset_date::text as "onsetDate", a.term, a.action
          from ${adverseEvents} a join ${patients} on patient.id = a.patient_id
          where ${inScope} and a.voided_at is null`,
    ),
    selectRows<ReportRelapse & { patientId: string }>(
      db,
      sql`select r.patient_id as "patientId", r.relapse_date::text as "relapseDate", r.domain
          from ${relapses} r join ${patients} on patient.id = r.patient_id
          where ${inScope} and r.voided_at is null`,
    ),
  ]);

  const byId = new Map<string, ReportPatient>();
  for (const { id, ...p } of patientRows) byId.set(id, { ...p, visits: [], adverseEvents: [], relapses: [] });
  for (const { patientId, ...visit } of visitRows) byId.get(patientId)?.visits.push(visit);
  for (const { patientId, ...event } of eventRows) byId.get(patientId)?.adverseEvents.push(event);
  for (const { patientId, ...relapse } of relapseRows) byId.get(patientId)?.relapses.push(relapse);
  return { cohort: cohort.code, site: siteCode ?? null, today, patients: [...byId.values()], settings };
}

/** Cohorts with how many of their patients sit at the given sites. */
export async function listCohortsWithCounts(db: Db, { siteIds }: { siteIds: string[] }) {
  const all = await db.select().from(cohorts).orderBy(asc(cohorts.code));
  if (siteIds.length === 0) return all.map((c) => ({ ...c, patients: 0 }));
  const rows = await db
    .select({ cohortId: patients.cohortId, n: count() })
    .from(patients)
    .where(patientInScope(siteIds))
    .groupBy(patients.cohortId);
  return all.map((c) => ({ ...c, patients: rows.find((r) => r.cohortId === c.id)?.n ?? 0 }));
}
