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
import { insertAudited } from '../insert-many';

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
 * What the placement check reads: the patient's other visits and, when the visit has an MMT8,
 * its cohort's scale. Called beside the patient's lock in one round trip (postgres.js pipelines
 * a transaction's queries in the order they were sent): PostgreSQL runs these after the lock is
 * granted, so they see every save before it; a patient out of scope is refused by the lock and
 * what was read here is thrown away with the transaction.
 */
async function placementData(tx: Db, patientId: string, input: VisitInput) {
  const [others, cohort] = await Promise.all([
    tx
      .select({ id: visits.id, visitType: visits.visitType, visitDate: visits.visitDate })
      .from(visits)
      .where(and(eq(visits.patientId, patientId), isNull(visits.voidedAt))),
    input.mmt8 === null
      ? Promise.resolve([])
      : tx
          .select({ reportSettings: cohorts.reportSettings })
          .from(cohorts)
          .where(eq(cohorts.id, tx.select({ id: patients.cohortId }).from(patients).where(eq(patients.id, patientId)))),
  ]);
  return { others, mmt8Max: cohort[0] ? storedReportSettings(cohort[0].reportSettings).mmt8Max : null };
}

/**
 * The visit's place among the patient's other visits and against its dates, and its MMT8
 * against the cohort's scale (lib/visits/rules.ts), as field errors.
 */
function checkPlacement(input: VisitInput & { id?: string }, patient: Patient, { others, mmt8Max }: Awaited<ReturnType<typeof placementData>>) {
  const problems = [...visitPlacementProblems(input, others, patient), ...(mmt8Max === null ? [] : mmt8ScaleProblems(input, mmt8Max))];
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
      const [patient, placement] = await Promise.all([lockPatient(tx, patientId, siteIds), placementData(tx, patientId, input)]);
      checkPlacement(input, patient, placement);
      const id = await insertAudited(tx, visits, { ...input, patientId, createdBy: actorId, updatedBy: actorId }, { actorId, entity: 'visit' });
      await rememberRecord(tx, requestKey, id);
      return id;
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
      checkPlacement({ ...input, id: visitId }, patient, await placementData(tx, patient.id, input));
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
