import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ConflictError, ValidationError } from '@/lib/errors';
import type { VisitInput } from '@/lib/schemas/visit';
import { byField } from '@/lib/rules';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { mmt8ScaleProblems, visitPlacementProblems } from '@/lib/visits/rules';
import { writeAudit } from '../audit';
import { earlierRecord, rememberRecord } from '../idempotency';
import type { Db } from '../client';
import { constraintViolation } from '../pg-errors';
import { cohorts, patients, visits } from '../schema';
import { lockPatient, lockRecord, type Patient } from './lock';
import { canReach, recordInScope } from './scope';

export type Visit = typeof visits.$inferSelect;

export async function listVisits(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }) {
  if (siteIds.length === 0) return [];
  return db
    .select({ visit: visits })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.patientId, patientId), recordInScope(visits, siteIds)))
    .orderBy(asc(visits.visitDate))
    .then((rows) => rows.map((r) => r.visit));
}

export async function getVisit(db: Db, { visitId, siteIds }: { visitId: string; siteIds: string[] }) {
  if (!canReach(siteIds, visitId)) return null;
  const [row] = await db
    .select({ visit: visits })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.id, visitId), recordInScope(visits, siteIds)));
  return row?.visit ?? null;
}

/**
 * The visit's place among the patient's other visits and against its dates, and its MMT8
 * against the cohort's scale (lib/visits/rules.ts), as field errors. The visits are read
 * under the patient's lock, so that placement is checked against every other save.
 */
async function checkPlacement(tx: Db, input: VisitInput & { id?: string }, patient: Patient) {
  const others = await tx
    .select({ id: visits.id, visitType: visits.visitType, visitDate: visits.visitDate })
    .from(visits)
    .where(and(eq(visits.patientId, patient.id), isNull(visits.voidedAt)));
  const [cohort] = input.mmt8 === null ? [] : await tx.select({ reportSettings: cohorts.reportSettings }).from(cohorts).where(eq(cohorts.id, patient.cohortId));
  const problems = [
    ...visitPlacementProblems(input, others, patient),
    ...(cohort ? mmt8ScaleProblems(input, storedReportSettings(cohort.reportSettings).mmt8Max) : []),
  ];
  if (problems.length) throw new ValidationError(byField(problems));
}

function rethrowAsFieldError(error: unknown): never {
  const violation = constraintViolation(error);
  if (violation?.constraint === 'visit_one_baseline_idx')
    throw new ValidationError({ visitType: 'This patient already has a baseline visit' });
  if (violation?.constraint === 'visit_patient_date_idx')
    throw new ValidationError({ visitDate: 'There is already a visit on this date' });
  throw error;
}

export async function createVisit(
  db: Db,
  args: { actorId: string; siteIds: string[]; patientId: string; input: VisitInput; requestKey?: string },
): Promise<string> {
  const { actorId, siteIds, patientId, input, requestKey } = args;
  try {
    return await db.transaction(async (tx) => {
      const earlier = await earlierRecord(tx, { key: requestKey, actorId, action: 'create_visit' });
      if (earlier) return earlier;
      await checkPlacement(tx, input, await lockPatient(tx, patientId, siteIds));
      const [row] = await tx
        .insert(visits)
        .values({ ...input, patientId, createdBy: actorId, updatedBy: actorId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await writeAudit(tx, { actorId, action: 'create', entity: 'visit', entityId: row.id, after: row });
      await rememberRecord(tx, requestKey, row.id);
      return row.id;
    });
  } catch (e) {
    rethrowAsFieldError(e);
  }
}

/** Saves an edit only if nobody saved the visit since `version` was read. */
export async function updateVisit(
  db: Db,
  args: { actorId: string; siteIds: string[]; visitId: string; version: number; reason: string; input: VisitInput },
): Promise<{ patientId: string }> {
  const { actorId, siteIds, visitId, version, reason, input } = args;
  try {
    return await db.transaction(async (tx) => {
      const { patient, record: before } = await lockRecord(tx, 'visit', visitId, siteIds);
      if (before.version !== version) throw new ConflictError();
      await checkPlacement(tx, { ...input, id: visitId }, patient);
      const [after] = await tx
        .update(visits)
        .set({ ...input, version: version + 1, updatedBy: actorId, updatedAt: new Date() })
        .where(and(eq(visits.id, visitId), eq(visits.version, version)))
        .returning();
      if (!after) throw new ConflictError();
      await writeAudit(tx, { actorId, action: 'update', entity: 'visit', entityId: visitId, before, after, reason });
      return { patientId: patient.id };
    });
  } catch (e) {
    rethrowAsFieldError(e);
  }
}
