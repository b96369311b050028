import 'server-only';
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { FhirAdverseEvent, FhirCohort, FhirPatient, FhirVisit } from '@/lib/fhir/types';
import type { Db } from '../client';
import { adverseEvents, cohorts, patients, sites, visitMeasureColumns, visits } from '../schema';
import { isUuid, patientInScope } from './scope';

// What the FHIR export maps (lib/fhir): a cohort's patients, or one patient, with their visits
// and adverse events, voided records left out; three queries whatever the number of patients.

export type FhirData = { cohort: FhirCohort; patients: FhirPatient[] };

/**
 * A cohort's patients at the given sites (every site's when `siteIds` is not given: the
 * command line, an admin); null when no cohort has the code.
 */
export async function fhirCohortData(db: Db, { cohortCode, siteIds }: { cohortCode: string; siteIds?: readonly string[] }): Promise<FhirData | null> {
  // A code from the address bar holding a NUL names no cohort (PostgreSQL would refuse the query).
  if (cohortCode.includes('\u0000')) return null;
  const [cohort] = await db.select({ id: cohorts.id, code: cohorts.code, name: cohorts.name }).from(cohorts).where(eq(cohorts.code, cohortCode));
  if (!cohort) return null;
  return { cohort, patients: await readPatients(db, and(eq(patients.cohortId, cohort.id), patientInScope(siteIds ?? 'all'))!) };
}

/** One patient of the given sites (every site's when not given), with the patient's cohort; null when out of reach. */
export async function fhirPatientData(db: Db, { patientId, siteIds }: { patientId: string; siteIds?: readonly string[] }): Promise<FhirData | null> {
  if (!isUuid(patientId)) return null;
  const [row] = await db
    .select({ id: cohorts.id, code: cohorts.code, name: cohorts.name })
    .from(patients)
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(eq(patients.id, patientId), patientInScope(siteIds ?? 'all')));
  if (!row) return null;
  return { cohort: row, patients: await readPatients(db, and(eq(patients.id, patientId), patientInScope(siteIds ?? 'all'))!) };
}

async function readPatients(db: Db, scope: SQL): Promise<FhirPatient[]> {
  const patientRows = await db
    .select({
      id: patients.id,
      code: patients.code,
      site: sites.code,
      sex: patients.sex,
      birthYear: patients.birthYear,
      diagnosisDate: patients.diagnosisDate,
      jakiDrug: patients.jakiDrug,
      jakiDoseMgDay: patients.jakiDoseMgDay,
      jakiStartDate: patients.jakiStartDate,
      jakiStopDate: patients.jakiStopDate,
      jakiStopReason: patients.jakiStopReason,
      deathDate: patients.deathDate,
      followUpEndDate: patients.followUpEndDate,
    })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(scope)
    .orderBy(asc(patients.code));
  const byId = new Map<string, FhirPatient>(patientRows.map((p) => [p.id, { ...p, visits: [], adverseEvents: [] }]));

  const visitRows = await db
    .select({ patientId: visits.patientId, id: visits.id, visitDate: visits.visitDate, mmt8Items: visits.mmt8Items, ...visitMeasureColumns })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(scope, isNull(visits.voidedAt)))
    .orderBy(asc(visits.patientId), asc(visits.visitDate));
  // The rows go in as read (their patientId too): a copy of 55,000 visits costs more than it is worth.
  for (const v of visitRows) byId.get(v.patientId)?.visits.push(v satisfies FhirVisit);

  const a = adverseEvents;
  const eventRows = await db
    .select({
      patientId: a.patientId, id: a.id, term: a.term, category: a.category, onsetDate: a.onsetDate, endDate: a.endDate, ctcaeGrade: a.ctcaeGrade,
      serious: a.serious, seriousDeath: a.seriousDeath, seriousLifeThreatening: a.seriousLifeThreatening, seriousHospitalisation: a.seriousHospitalisation,
      seriousDisability: a.seriousDisability, seriousCongenitalAnomaly: a.seriousCongenitalAnomaly, seriousOtherImportant: a.seriousOtherImportant,
      related: a.related, action: a.action, outcome: a.outcome,
    })
    .from(a)
    .innerJoin(patients, eq(patients.id, a.patientId))
    .where(and(scope, isNull(a.voidedAt)))
    .orderBy(asc(a.patientId), asc(a.onsetDate), asc(a.id));
  for (const e of eventRows) byId.get(e.patientId)?.adverseEvents.push(e satisfies FhirAdverseEvent);

  return [...byId.values()];
}
