import 'server-only';
import { and, asc, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { ConflictError, ValidationError } from '@/lib/errors';
import { patientRecordsProblems, type PatientRecords } from '@/lib/patients/rules';
import { byField } from '@/lib/rules';
import type { PatientInput } from '@/lib/schemas/patient';
import { writeAudit } from '../audit';
import { earlierRecord, rememberRecord } from '../idempotency';
import type { Db } from '../client';
import { adverseEvents, cohorts, patients, relapses, sites, visits } from '../schema';
import { constraintViolation } from '../pg-errors';
import { assertCohortsOpen } from './cohort-lock';
import { lockPatient } from './lock';
import { canReach, patientInScope } from './scope';
import { insertAudited } from '../insert-many';

export type { Patient } from './lock';

/** Patients of the given sites, with what the list needs to plan the next visit. */
export async function listPatients(db: Db, { siteIds, q }: { siteIds: string[]; q?: string }) {
  if (siteIds.length === 0) return [];
  const search = q?.trim();
  return db
    .select({
      id: patients.id,
      code: patients.code,
      siteCode: sites.code,
      cohortCode: cohorts.code,
      sex: patients.sex,
      birthYear: patients.birthYear,
      jakiDrug: patients.jakiDrug,
      jakiDoseMgDay: patients.jakiDoseMgDay,
      jakiStartDate: patients.jakiStartDate,
      jakiStopDate: patients.jakiStopDate,
      deathDate: patients.deathDate,
      followUpEndDate: patients.followUpEndDate,
      visitDates: sql<string[]>`coalesce(array_agg(${visits.visitDate}::text order by ${visits.visitDate}) filter (where ${visits.id} is not null), '{}')`,
      hasBaseline: sql<boolean>`coalesce(bool_or(${visits.visitType} = 'baseline'), false)`,
    })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .leftJoin(visits, and(eq(visits.patientId, patients.id), isNull(visits.voidedAt)))
    .where(and(patientInScope(siteIds), search ? patientCodeContains(search) : undefined))
    .groupBy(patients.id, sites.code, cohorts.code)
    .orderBy(asc(patients.code));
}

/** `text` for a LIKE pattern, its wildcards (and the escape character) taken literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Patients whose code holds `text` in any case: the list's search, the API's too. */
export function patientCodeContains(text: string): SQL {
  return ilike(patients.code, `%${likeLiteral(text)}%`);
}

/**
 * Patients whose code begins with `prefix` in any case: the audit trail's patient filter. Written
 * as upper(code) LIKE 'PREFIX%' so that the index on upper(code) (patient_code_upper_idx) serves it.
 */
export function patientCodeStartsWith(prefix: string): SQL {
  return sql`upper(${patients.code}) like ${`${likeLiteral(prefix.toUpperCase())}%`}`;
}

/** The patient if it belongs to one of the sites; null otherwise, so callers answer not-found. */
export async function getPatient(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }) {
  if (!canReach(siteIds, patientId)) return null;
  const [row] = await db
    .select({ patient: patients, siteCode: sites.code, siteName: sites.name, cohortCode: cohorts.code, cohortLockedAt: cohorts.lockedAt })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(eq(patients.id, patientId), patientInScope(siteIds)));
  return row ?? null;
}

function rethrowAsFieldError(error: unknown, code: string): never {
  const violation = constraintViolation(error);
  if (violation?.kind === 'unique') throw new ValidationError({ code: `Patient code ${code} is already in use` });
  if (violation?.kind === 'foreign_key') throw new ValidationError({ cohortId: 'Choose a cohort from the list' });
  throw error;
}

export async function createPatient(
  db: Db,
  { actorId, siteIds, input, requestKey }: { actorId: string; siteIds: string[]; input: PatientInput; requestKey?: string },
): Promise<string> {
  if (!siteIds.includes(input.siteId)) throw new ValidationError({ siteId: 'Choose one of your sites' });
  try {
    return await db.transaction(async (tx) => {
      const earlier = await earlierRecord(tx, { key: requestKey, actorId, action: 'create_patient' });
      if (earlier) return earlier;
      await assertCohortsOpen(tx, [input.cohortId]);
      const id = await insertAudited(tx, patients, { ...input, createdBy: actorId, updatedBy: actorId }, { actorId, entity: 'patient' });
      await rememberRecord(tx, requestKey, id);
      return id;
    });
  } catch (e) {
    rethrowAsFieldError(e, input.code);
  }
}

/** A locked patient's saved records, as far as its dates constrain them (lib/patients/rules.ts). */
export async function patientRecords(tx: Db, patientId: string): Promise<PatientRecords> {
  const visitRows = await tx
    .select({ visitDate: visits.visitDate, visitType: visits.visitType, jakiDoseMgDay: visits.jakiDoseMgDay })
    .from(visits)
    .where(and(eq(visits.patientId, patientId), isNull(visits.voidedAt)));
  const eventRows = await tx
    .select({ onsetDate: adverseEvents.onsetDate, term: adverseEvents.term, ctcaeGrade: adverseEvents.ctcaeGrade })
    .from(adverseEvents)
    .where(and(eq(adverseEvents.patientId, patientId), isNull(adverseEvents.voidedAt)));
  const relapseRows = await tx
    .select({ relapseDate: relapses.relapseDate, domain: relapses.domain })
    .from(relapses)
    .where(and(eq(relapses.patientId, patientId), isNull(relapses.voidedAt)));
  return { visits: visitRows, adverseEvents: eventRows, relapses: relapseRows };
}

/** Refuses dates that would leave a saved visit, event or relapse outside the patient's course. */
export async function checkPatientRecords(tx: Db, patientId: string, dates: Parameters<typeof patientRecordsProblems>[0]): Promise<void> {
  const problems = patientRecordsProblems(dates, await patientRecords(tx, patientId));
  if (problems.length) throw new ValidationError(byField(problems));
}

/** Saves an edit only if nobody saved the patient since `version` was read. */
export async function updatePatient(
  db: Db,
  args: { actorId: string; siteIds: string[]; patientId: string; version: number; reason: string; input: PatientInput },
): Promise<void> {
  const { actorId, siteIds, patientId, version, reason, input } = args;
  if (!siteIds.includes(input.siteId)) throw new ValidationError({ siteId: 'Choose one of your sites' });
  try {
    await db.transaction(async (tx) => {
      const before = await lockPatient(tx, patientId, siteIds);
      if (before.version !== version) throw new ConflictError();
      await assertCohortsOpen(tx, [input.cohortId]);
      await checkPatientRecords(tx, patientId, input);
      const [after] = await tx
        .update(patients)
        .set({ ...input, version: version + 1, updatedBy: actorId, updatedAt: new Date() })
        .where(and(eq(patients.id, patientId), eq(patients.version, version)))
        .returning();
      if (!after) throw new ConflictError();
      await writeAudit(tx, { actorId, action: 'update', entity: 'patient', entityId: patientId, before, after, reason });
    });
  } catch (e) {
    rethrowAsFieldError(e, input.code);
  }
}
