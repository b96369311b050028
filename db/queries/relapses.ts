import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ConflictError, ValidationError } from '@/lib/errors';
import { relapseProblems } from '@/lib/relapses/rules';
import { byField } from '@/lib/rules';
import type { RelapseInput } from '@/lib/schemas/relapse';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { earlierRecord, rememberRecord } from '../idempotency';
import { constraintViolation } from '../pg-errors';
import { patients, relapses } from '../schema';
import { lockPatient, lockRecord, type Patient } from './lock';
import { canReach, recordInScope } from './scope';
import { insertAudited } from '../insert-many';

// Relapses of a patient: recorded from the patient page, edited with a reason, voided, never
// deleted. Every write locks the patient first (./lock.ts), as visits and adverse events do, so
// that the checks against the patient's dates and other relapses see a settled record.

export type Relapse = typeof relapses.$inferSelect;

export async function listRelapses(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }): Promise<Relapse[]> {
  if (!canReach(siteIds, patientId)) return [];
  const rows = await db
    .select({ relapse: relapses })
    .from(relapses)
    .innerJoin(patients, eq(patients.id, relapses.patientId))
    .where(and(eq(relapses.patientId, patientId), recordInScope(relapses, siteIds)))
    .orderBy(asc(relapses.relapseDate), asc(relapses.domain));
  return rows.map((r) => r.relapse);
}

export async function getRelapse(db: Db, { relapseId, siteIds }: { relapseId: string; siteIds: string[] }): Promise<Relapse | null> {
  if (!canReach(siteIds, relapseId)) return null;
  const [row] = await db
    .select({ relapse: relapses })
    .from(relapses)
    .innerJoin(patients, eq(patients.id, relapses.patientId))
    .where(and(eq(relapses.id, relapseId), recordInScope(relapses, siteIds)));
  return row?.relapse ?? null;
}

/** The relapse against the locked patient's dates and its other relapses. */
async function checkRelapse(tx: Db, patient: Patient, input: RelapseInput, id?: string) {
  const others = await tx
    .select({ id: relapses.id, relapseDate: relapses.relapseDate, domain: relapses.domain })
    .from(relapses)
    .where(and(eq(relapses.patientId, patient.id), isNull(relapses.voidedAt)));
  const problems = relapseProblems({ ...input, id }, patient, others);
  if (problems.length) throw new ValidationError(byField(problems));
}

function rethrowAsFieldError(error: unknown): never {
  if (constraintViolation(error)?.constraint === 'relapse_patient_domain_date_idx')
    throw new ValidationError({ domain: 'There is already a relapse of this domain on this date' });
  throw error;
}

export async function createRelapse(
  db: Db,
  args: { actorId: string; siteIds: string[]; patientId: string; input: RelapseInput; requestKey?: string },
): Promise<string> {
  const { actorId, siteIds, patientId, input, requestKey } = args;
  try {
    return await db.transaction(async (tx) => {
      const earlier = await earlierRecord(tx, { key: requestKey, actorId, action: 'create_relapse' });
      if (earlier) return earlier;
      const patient = await lockPatient(tx, patientId, siteIds);
      await checkRelapse(tx, patient, input);
      const id = await insertAudited(tx, relapses, { ...input, patientId, createdBy: actorId, updatedBy: actorId }, { actorId, entity: 'relapse' });
      await rememberRecord(tx, requestKey, id);
      return id;
    });
  } catch (e) {
    rethrowAsFieldError(e);
  }
}

/** Saves an edit only if nobody saved the relapse since `version` was read. */
export async function updateRelapse(
  db: Db,
  args: { actorId: string; siteIds: string[]; relapseId: string; version: number; reason: string; input: RelapseInput },
): Promise<{ patientId: string }> {
  const { actorId, siteIds, relapseId, version, reason, input } = args;
  try {
    return await db.transaction(async (tx) => {
      const { patient, record: before } = await lockRecord(tx, 'relapse', relapseId, siteIds);
      if (before.version !== version) throw new ConflictError();
      await checkRelapse(tx, patient, input, relapseId);
      const [after] = await tx
        .update(relapses)
        .set({ ...input, version: version + 1, updatedBy: actorId, updatedAt: new Date() })
        .where(and(eq(relapses.id, relapseId), eq(relapses.version, version)))
        .returning();
      if (!after) throw new ConflictError();
      await writeAudit(tx, { actorId, action: 'update', entity: 'relapse', entityId: relapseId, before, after, reason });
      return { patientId: patient.id };
    });
  } catch (e) {
    rethrowAsFieldError(e);
  }
}
