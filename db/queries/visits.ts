import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import type { VisitInput } from '@/lib/schemas/visit';
import { byField } from '@/lib/rules';
import { visitPlacementProblems } from '@/lib/visits/rules';
import { writeAudit } from '../audit';
import { earlierRecord, rememberRecord } from '../idempotency';
import type { Db } from '../client';
import { constraintViolation } from '../pg-errors';
import { patients, visits } from '../schema';
import { isUuid, lockPatient, type Patient } from './patients';

export type Visit = typeof visits.$inferSelect;

export async function listVisits(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }) {
  if (siteIds.length === 0) return [];
  return db
    .select({ visit: visits })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.patientId, patientId), inArray(patients.siteId, siteIds), isNull(visits.voidedAt)))
    .orderBy(asc(visits.visitDate))
    .then((rows) => rows.map((r) => r.visit));
}

export async function getVisit(db: Db, { visitId, siteIds }: { visitId: string; siteIds: string[] }) {
  if (siteIds.length === 0 || !isUuid(visitId)) return null;
  const [row] = await db
    .select({ visit: visits })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.id, visitId), inArray(patients.siteId, siteIds), isNull(visits.voidedAt), isNull(patients.voidedAt)));
  return row?.visit ?? null;
}

/** The visit's place among the patient's other visits and against its dates (lib/visits/rules.ts), as field errors. */
function checkPlacement(input: VisitInput & { id?: string }, others: { id: string; visitType: Visit['visitType']; visitDate: string }[], patient: Patient) {
  const problems = visitPlacementProblems(input, others, patient);
  if (problems.length) throw new ValidationError(byField(problems));
}

/** Locks the patient so that two saves for one patient check placement one after the other. */
async function lockPatientVisits(tx: Db, patientId: string, siteIds: string[]) {
  const patient = await lockPatient(tx, patientId, siteIds);
  const others = await tx
    .select({ id: visits.id, visitType: visits.visitType, visitDate: visits.visitDate })
    .from(visits)
    .where(and(eq(visits.patientId, patientId), isNull(visits.voidedAt)));
  return { patient, others };
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
      const { patient, others } = await lockPatientVisits(tx, patientId, siteIds);
      checkPlacement(input, others, patient);
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
  const current = await getVisit(db, { visitId, siteIds });
  if (!current) throw new NotFoundError('Visit');
  try {
    return await db.transaction(async (tx) => {
      const { patient, others } = await lockPatientVisits(tx, current.patientId, siteIds);
      const [before] = await tx.select().from(visits).where(eq(visits.id, visitId));
      if (!before) throw new NotFoundError('Visit');
      if (before.version !== version) throw new ConflictError();
      checkPlacement({ ...input, id: visitId }, others, patient);
      const [after] = await tx
        .update(visits)
        .set({ ...input, version: version + 1, updatedBy: actorId, updatedAt: new Date() })
        .where(and(eq(visits.id, visitId), eq(visits.version, version)))
        .returning();
      if (!after) throw new ConflictError();
      await writeAudit(tx, { actorId, action: 'update', entity: 'visit', entityId: visitId, before, after, reason });
      return { patientId: current.patientId };
    });
  } catch (e) {
    rethrowAsFieldError(e);
  }
}
