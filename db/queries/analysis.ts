import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AnalysisPatient } from '@/lib/analysis/columns';
import type { AnalysisInput } from '@/lib/analysis/files';
import type { Db } from '../client';
import { patients, sites, visitMeasureColumns, visits } from '../schema';
import { getCohortSettings } from './cohort-settings';
import { patientInScope } from './scope';

// What the analysis files (lib/analysis) are made of: a cohort's patients at the given sites
// with their visits, voided records left out, and the cohort's report settings, whose windows
// place the visits at the report's time points. Two queries whatever the number of patients.

export type AnalysisData = Omit<AnalysisInput, 'today'> & { cohortId: string };

/** Every site's patients when `siteIds` is not given (the command line, an admin); null when no cohort has the code. */
export async function analysisData(db: Db, { cohortCode, siteIds }: { cohortCode: string; siteIds?: readonly string[] }): Promise<AnalysisData | null> {
  const cohort = await getCohortSettings(db, cohortCode);
  if (!cohort) return null;
  const scope = and(eq(patients.cohortId, cohort.cohortId), patientInScope(siteIds ?? 'all'));
  const patientRows = await db
    .select({
      id: patients.id,
      code: patients.code,
      site: sites.code,
      sex: patients.sex,
      birthYear: patients.birthYear,
      diagnosisDate: patients.diagnosisDate,
      dmSubtype: patients.dmSubtype,
      antibodies: patients.antibodies,
      previousTreatments: patients.previousTreatments,
      ild: patients.ild,
      jakiDrug: patients.jakiDrug,
      jakiDoseMgDay: patients.jakiDoseMgDay,
      jakiStartDate: patients.jakiStartDate,
      jakiStopDate: patients.jakiStopDate,
      jakiStopReason: patients.jakiStopReason,
      deathDate: patients.deathDate,
      deathCause: patients.deathCause,
      followUpEndDate: patients.followUpEndDate,
    })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(scope);
  const byId = new Map<string, AnalysisPatient>(patientRows.map(({ id, ...p }) => [id, { ...p, visits: [] }]));
  const visitRows = await db
    .select({ patientId: visits.patientId, visitDate: visits.visitDate, visitType: visits.visitType, ...visitMeasureColumns })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(scope, isNull(visits.voidedAt)))
    .orderBy(asc(visits.visitDate));
  for (const { patientId, ...visit } of visitRows) byId.get(patientId)?.visits.push(visit);
  return { cohortId: cohort.cohortId, cohort: cohort.code, settings: cohort.settings, patients: [...byId.values()] };
}
