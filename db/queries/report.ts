import 'server-only';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ReportInput, ReportPatient, ReportVisit } from '@/lib/cohort/types';
import type { ReportSettings } from '@/lib/cohort/windows';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { selectValues, type Db } from '../client';
import { adverseEvents, cohorts, patients, relapses, sites, visits } from '../schema';
import { patientInScope } from './scope';

/**
 * What the cohort report reads, for the patients of the given sites (voided records left
 * out), kept by a server between reports (server/make-report.ts): the cohort, its report
 * settings, the sites read, and the patients by id.
 */
export type ReportData = {
  cohort: string;
  site: string | null;
  settings: ReportSettings;
  cohortId: string;
  scopeSites: string[];
  patients: Map<string, ReportPatient>;
};

/**
 * Everything the cohort report reads, for the patients of the given sites (voided records
 * left out), and the cohort's report settings. Null when the cohort does not exist.
 */
export async function loadReportInput(
  db: Db,
  args: { cohortCode: string; siteIds: string[]; siteCode?: string | null; today: string },
): Promise<(ReportInput & { settings: ReportSettings }) | null> {
  const data = await loadReportData(db, args);
  return data && reportInputOf(data, args.today);
}

/** The report's input from what was read, its patients in code order. */
export function reportInputOf(data: ReportData, today: string): ReportInput & { settings: ReportSettings } {
  const list = [...data.patients.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { cohort: data.cohort, site: data.site, today, patients: list, settings: data.settings };
}

/**
 * loadReportInput's data, patients by id. A cohort can hold ten thousand patients and their
 * fifty thousand visits, and a report must come back within a few times what PostgreSQL
 * takes to aggregate the same figures (`npm run bench -- cohort`): four raw queries run side
 * by side, typed in the SQL (numerics as float8, dates as text) so that both drivers hand back
 * plain values, read as arrays (selectValues) and made into objects of one shape here, and
 * only the columns the report reads.
 */
export async function loadReportData(
  db: Db,
  { cohortCode, siteIds, siteCode }: { cohortCode: string; siteIds: string[]; siteCode?: string | null },
): Promise<ReportData | null> {
  // The code comes from the address bar: one holding a NUL names no cohort (PostgreSQL would refuse the query).
  if (cohortCode.includes('\u0000')) return null;
  const [cohort] = await db.select({ id: cohorts.id, code: cohorts.code, reportSettings: cohorts.reportSettings }).from(cohorts).where(eq(cohorts.code, cohortCode));
  if (!cohort) return null;
  const scopeSites = siteCode
    ? (await db.select({ id: sites.id }).from(sites).where(eq(sites.code, siteCode))).map((s) => s.id).filter((id) => siteIds.includes(id))
    : siteIds;
  const data = { cohort: cohort.code, site: siteCode ?? null, settings: storedReportSettings(cohort.reportSettings), cohortId: cohort.id, scopeSites };
  if (scopeSites.length === 0) return { ...data, patients: new Map() };
  return { ...data, patients: await readPatients(db, and(eq(patients.cohortId, cohort.id), patientInScope(scopeSites))!) };
}

/**
 * `data` brought up to date: the cohort's settings read again (one small query, so that a
 * report always states the settings it was computed with), and the given patients
 * (patientsChangedBetween, db/audit.ts, says which): a patient that has left the cohort or
 * the sites read, or was voided, leaves; one that has come in joins. The other patients are
 * the same objects, so a report after one saved visit reads one patient rather than the
 * cohort. `data` itself is left as it was. Null when the cohort is gone.
 */
export async function refreshReportData(db: Db, data: ReportData, patientIds: readonly string[]): Promise<ReportData | null> {
  const readAgain = patientIds.length > 0 && data.scopeSites.length > 0;
  const [[cohort], read] = await Promise.all([
    db.select({ code: cohorts.code, reportSettings: cohorts.reportSettings }).from(cohorts).where(eq(cohorts.id, data.cohortId)),
    readAgain ? readPatients(db, and(inArray(patients.id, [...patientIds]), eq(patients.cohortId, data.cohortId), patientInScope(data.scopeSites))!) : null,
  ]);
  if (!cohort) return null;
  const refreshed = { ...data, cohort: cohort.code, settings: storedReportSettings(cohort.reportSettings) };
  if (!read) return refreshed;
  const next = new Map(data.patients);
  for (const id of patientIds) next.delete(id);
  for (const [id, patient] of read) next.set(id, patient);
  return { ...refreshed, patients: next };
}

type PatientValues = [
  id: string, code: string, siteCode: string, sex: ReportPatient['sex'], birthYear: number, diagnosisDate: string | null, dmSubtype: string | null,
  antibodies: string[], previousTreatments: string[], ild: boolean | null, jakiDrug: string, jakiDoseMgDay: number, jakiStartDate: string,
  jakiStopDate: string | null, jakiStopReason: string | null, deathDate: string | null, deathCause: string | null, followUpEndDate: string | null,
];

type VisitValues = [
  patientId: string, visitDate: string, visitType: ReportVisit['visitType'], cdasiActivity: number | null, cdasiDamage: number | null, mmt8: number | null,
  prednisoneMgDay: number | null, ivig: ReportVisit['ivig'], activeCutaneous: boolean | null, activeMuscle: boolean | null, jakiDoseMgDay: number | null,
  physicianGlobal: number | null, patientGlobal: number | null, extramuscularGlobal: number | null, haq: number | null,
  ckUL: number | null, ckUln: number | null, aldolaseUL: number | null, aldolaseUln: number | null, ldhUL: number | null, ldhUln: number | null,
  astUL: number | null, astUln: number | null, altUL: number | null, altUln: number | null,
];

type EventValues = [patientId: string, category: string, serious: boolean, ctcaeGrade: number, onsetDate: string, term: string, action: string | null];

type RelapseValues = [patientId: string, relapseDate: string, domain: string];

/** The patients `where` picks (a condition on the table `patient`) with their records that are not voided, by id, in code order. */
async function readPatients(db: Db, where: SQL): Promise<Map<string, ReportPatient>> {
  const [patientRows, visitRows, eventRows, relapseRows] = await Promise.all([
    selectValues<PatientValues>(
      db,
      sql`select patient.id, patient.code, s.code, patient.sex, patient.birth_year, patient.diagnosis_date::text, patient.dm_subtype, patient.antibodies,
            patient.previous_treatments, patient.ild, patient.jaki_drug, patient.jaki_dose_mg_day::float8, patient.jaki_start_date::text,
            patient.jaki_stop_date::text, patient.jaki_stop_reason, patient.death_date::text, patient.death_cause, patient.follow_up_end_date::text
          from ${patients} join ${sites} s on s.id = patient.site_id
          where ${where}
          order by patient.code`,
    ),
    selectValues<VisitValues>(
      db,
      sql`select v.patient_id, v.visit_date::text, v.visit_type, v.cdasi_activity, v.cdasi_damage, v.mmt8, v.prednisone_mg_day::float8, v.ivig,
            v.active_cutaneous, v.active_muscle, v.jaki_dose_mg_day::float8, v.physician_global::float8, v.patient_global::float8,
            v.extramuscular_global::float8, v.haq::float8, v.ck_u_l::float8, v.ck_uln::float8, v.aldolase_u_l::float8, v.aldolase_uln::float8,
            v.ldh_u_l::float8, v.ldh_uln::float8, v.ast_u_l::float8, v.ast_uln::float8, v.alt_u_l::float8, v.alt_uln::float8
          from ${visits} v join ${patients} on patient.id = v.patient_id
          where ${where} and v.voided_at is null`,
    ),
    selectValues<EventValues>(
      db,
      sql`select a.patient_id, a.category, a.serious, a.ctcae_grade, a.onset_date::text, a.term, a.action
          from ${adverseEvents} a join ${patients} on patient.id = a.patient_id
          where ${where} and a.voided_at is null`,
    ),
    selectValues<RelapseValues>(
      db,
      sql`select r.patient_id, r.relapse_date::text, r.domain
          from ${relapses} r join ${patients} on patient.id = r.patient_id
          where ${where} and r.voided_at is null`,
    ),
  ]);

  const byId = new Map<string, ReportPatient>();
  for (const p of patientRows) {
    byId.set(p[0], {
      code: p[1], siteCode: p[2], sex: p[3], birthYear: p[4], diagnosisDate: p[5], dmSubtype: p[6], antibodies: p[7], previousTreatments: p[8],
      ild: p[9], jakiDrug: p[10], jakiDoseMgDay: p[11], jakiStartDate: p[12], jakiStopDate: p[13], jakiStopReason: p[14], deathDate: p[15],
      deathCause: p[16], followUpEndDate: p[17], visits: [], adverseEvents: [], relapses: [],
    });
  }
  for (const v of visitRows) {
    byId.get(v[0])?.visits.push({
      visitDate: v[1], visitType: v[2], cdasiActivity: v[3], cdasiDamage: v[4], mmt8: v[5], prednisoneMgDay: v[6], ivig: v[7],
      activeCutaneous: v[8], activeMuscle: v[9], jakiDoseMgDay: v[10], physicianGlobal: v[11], patientGlobal: v[12], extramuscularGlobal: v[13],
      haq: v[14], ckUL: v[15], ckUln: v[16], aldolaseUL: v[17], aldolaseUln: v[18], ldhUL: v[19], ldhUln: v[20], astUL: v[21], astUln: v[22],
      altUL: v[23], altUln: v[24],
    });
  }
  for (const [patientId, category, serious, ctcaeGrade, onsetDate, term, action] of eventRows)
    byId.get(patientId)?.adverseEvents.push({ category, serious, ctcaeGrade, onsetDate, term, action });
  for (const [patientId, relapseDate, domain] of relapseRows) byId.get(patientId)?.relapses.push({ relapseDate, domain });
  return byId;
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
