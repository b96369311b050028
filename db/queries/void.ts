import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { reasonProblem } from '@/lib/schemas/fields';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { adverseEvents, patients, relapses, visits } from '../schema';
import { lockPatient, lockRecord } from './lock';
import { canReach } from './scope';

// Clinical records are never deleted: a void keeps the row and says who, when and why.
// A voided record leaves every list and read; its history stays in the audit trail.

export type VoidArgs = { actorId: string; siteIds: string[]; id: string; version: number; reason: string };

function voidColumns(actorId: string, reason: string, version: number) {
  return { voidedAt: new Date(), voidedBy: actorId, voidReason: reason, version: version + 1 };
}

function checkArgs({ siteIds, id, reason }: VoidArgs, what: string) {
  if (!canReach(siteIds, id)) throw new NotFoundError(what);
  const problem = reasonProblem('void', reason);
  if (problem) throw new ValidationError({ reason: problem });
}

export async function voidPatient(db: Db, args: VoidArgs): Promise<void> {
  checkArgs(args, 'Patient');
  const { actorId, siteIds, id, version, reason } = args;
  await db.transaction(async (tx) => {
    const before = await lockPatient(tx, id, siteIds);
    if (before.version !== version) throw new ConflictError();
    const [after] = await tx
      .update(patients)
      .set(voidColumns(actorId, reason.trim(), version))
      .where(and(eq(patients.id, id), eq(patients.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'void', entity: 'patient', entityId: id, before, after, reason: reason.trim() });
  });
}

/**
 * Voids a visit; a baseline with follow-ups after it stays, since they are measured from it.
 * The patient is locked first, as a save does: a follow-up saved meanwhile is seen here, and
 * a save waiting on this void sees the baseline gone.
 */
export async function voidVisit(db: Db, args: VoidArgs): Promise<{ patientId: string }> {
  checkArgs(args, 'Visit');
  const { actorId, siteIds, id, version, reason } = args;
  return db.transaction(async (tx) => {
    const { record: before } = await lockRecord(tx, 'visit', id, siteIds);
    if (before.version !== version) throw new ConflictError();
    if (before.visitType === 'baseline') {
      const [followUp] = await tx
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.patientId, before.patientId), ne(visits.id, id), isNull(visits.voidedAt)))
        .limit(1);
      if (followUp)
        throw new ValidationError({ reason: 'This baseline has follow-up visits: void them first, or correct the baseline by editing it' });
    }
    const [after] = await tx
      .update(visits)
      .set(voidColumns(actorId, reason.trim(), version))
      .where(and(eq(visits.id, id), eq(visits.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'void', entity: 'visit', entityId: id, before, after, reason: reason.trim() });
    return { patientId: before.patientId };
  });
}

export async function voidAdverseEvent(db: Db, args: VoidArgs): Promise<{ patientId: string }> {
  checkArgs(args, 'Adverse event');
  const { actorId, siteIds, id, version, reason } = args;
  return db.transaction(async (tx) => {
    const { record: before } = await lockRecord(tx, 'adverseEvent', id, siteIds);
    if (before.version !== version) throw new ConflictError();
    const [after] = await tx
      .update(adverseEvents)
      .set(voidColumns(actorId, reason.trim(), version))
      .where(and(eq(adverseEvents.id, id), eq(adverseEvents.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'void', entity: 'adverse_event', entityId: id, before, after, reason: reason.trim() });
    return { patientId: before.patientId };
  });
}

export async function voidRelapse(db: Db, args: VoidArgs): Promise<{ patientId: string }> {
  checkArgs(args, 'Relapse');
  const { actorId, siteIds, id, version, reason } = args;
  return db.transaction(async (tx) => {
    const { record: before } = await lockRecord(tx, 'relapse', id, siteIds);
    if (before.version !== version) throw new ConflictError();
    const [after] = await tx
      .update(relapses)
      .set(voidColumns(actorId, reason.trim(), version))
      .where(and(eq(relapses.id, id), eq(relapses.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'void', entity: 'relapse', entityId: id, before, after, reason: reason.trim() });
    return { patientId: before.patientId };
  });
}
