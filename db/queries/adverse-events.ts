import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { eventPatientProblems } from '@/lib/adverse-events/rules';
import { ConflictError, ValidationError } from '@/lib/errors';
import { patientProblems, patientRecordsProblems } from '@/lib/patients/rules';
import { byField } from '@/lib/rules';
import { isSerious, type AdverseEventInput } from '@/lib/schemas/adverse-event';
import { writeAudit } from '../audit';
import { earlierRecord, rememberRecord } from '../idempotency';
import type { Db } from '../client';
import { adverseEvents, patients, sites } from '../schema';
import { lockPatient, lockRecord, type Patient } from './lock';
import { patientRecords } from './patients';
import { canReach, recordInScope } from './scope';
import { insertAudited } from '../insert-many';

export type AdverseEvent = typeof adverseEvents.$inferSelect;
export type AdverseEventDetail = AdverseEvent & { patientCode: string; siteCode: string; patientDeathDate: string | null; patientJakiStopDate: string | null };

/** The columns an input sets; `serious` follows from the criteria. */
function columns(input: AdverseEventInput) {
  const { deathDate: _deathDate, stopJakiAtDeath: _stop, ...fields } = input;
  return { ...fields, serious: isSerious(fields) };
}

/**
 * A grade 5 event is a death: the patient must have a death date. If the patient has none,
 * the form's `deathDate` sets it (and, when asked, stops the JAK inhibitor that day, reason
 * death), in the same transaction and with its own audit entry, provided the patient's
 * dates and records still agree (lib/patients/rules.ts). No event begins after the patient's
 * death or follow-up end (lib/adverse-events/rules.ts).
 */
async function settleDeathDate(tx: Db, actorId: string, patient: Patient, input: AdverseEventInput) {
  let current = patient;
  if (input.ctcaeGrade === 5 && !patient.deathDate) {
    if (!input.deathDate)
      throw new ValidationError({ deathDate: "Death date is required: a grade 5 event is a death, and the patient's death date is not recorded" });
    const stop = input.stopJakiAtDeath && !patient.jakiStopDate ? { jakiStopDate: input.deathDate, jakiStopReason: 'death' } : {};
    const next = { ...patient, deathDate: input.deathDate, ...stop };
    // Only the dates this event changes are checked: an older problem elsewhere on the record is the patient form's to show.
    const changed = patientProblems(next).filter((p) => ['deathDate', 'jakiStopDate', 'followUpEndDate'].includes(p.field));
    const [problem] = [...changed, ...patientRecordsProblems(next, await patientRecords(tx, patient.id))];
    if (problem) throw new ValidationError({ deathDate: problem.message });
    const [after] = await tx
      .update(patients)
      .set({ deathDate: next.deathDate, ...stop, version: patient.version + 1, updatedBy: actorId, updatedAt: new Date() })
      .where(eq(patients.id, patient.id))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, {
      actorId,
      action: 'update',
      entity: 'patient',
      entityId: patient.id,
      before: patient,
      after,
      reason: stop.jakiStopDate ? 'Death and JAK inhibitor stop recorded with a grade 5 adverse event' : 'Death date recorded with a grade 5 adverse event',
    });
    current = after;
  } else if (input.deathDate && patient.deathDate && input.deathDate !== patient.deathDate) {
    throw new ValidationError({ deathDate: `The patient's death date is already recorded (${patient.deathDate}); correct it on the patient's record` });
  }
  const problems = eventPatientProblems(input, current);
  if (problems.length) throw new ValidationError(byField(problems));
}

export async function createAdverseEvent(
  db: Db,
  args: { actorId: string; siteIds: string[]; patientId: string; input: AdverseEventInput; requestKey?: string },
): Promise<string> {
  const { actorId, siteIds, patientId, input, requestKey } = args;
  return db.transaction(async (tx) => {
    const earlier = await earlierRecord(tx, { key: requestKey, actorId, action: 'create_adverse_event' });
    if (earlier) return earlier;
    const patient = await lockPatient(tx, patientId, siteIds);
    await settleDeathDate(tx, actorId, patient, input);
    const id = await insertAudited(tx, adverseEvents, { ...columns(input), patientId, createdBy: actorId, updatedBy: actorId }, { actorId, entity: 'adverse_event' });
    await rememberRecord(tx, requestKey, id);
    return id;
  });
}

/**
 * Saves an edit only if nobody saved the event since `version` was read. An edit clears the
 * review: the review covered the version the reviewer saw (the history keeps it).
 */
export async function updateAdverseEvent(
  db: Db,
  args: { actorId: string; siteIds: string[]; eventId: string; version: number; reason: string; input: AdverseEventInput },
): Promise<{ patientId: string }> {
  const { actorId, siteIds, eventId, version, reason, input } = args;
  return db.transaction(async (tx) => {
    const { patient, record: before } = await lockRecord(tx, 'adverseEvent', eventId, siteIds);
    if (before.version !== version) throw new ConflictError();
    await settleDeathDate(tx, actorId, patient, input);
    const [after] = await tx
      .update(adverseEvents)
      .set({
        ...columns(input),
        reviewedAt: null,
        reviewedBy: null,
        reviewComment: null,
        version: version + 1,
        updatedBy: actorId,
        updatedAt: new Date(),
      })
      .where(and(eq(adverseEvents.id, eventId), eq(adverseEvents.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'update', entity: 'adverse_event', entityId: eventId, before, after, reason });
    return { patientId: before.patientId };
  });
}

/** The auditor's review of one version of an event. */
export async function reviewAdverseEvent(
  db: Db,
  { actorId, siteIds, eventId, version, comment }: { actorId: string; siteIds: string[]; eventId: string; version: number; comment: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { record: before } = await lockRecord(tx, 'adverseEvent', eventId, siteIds);
    if (before.version !== version) throw new ConflictError();
    const [after] = await tx
      .update(adverseEvents)
      .set({ reviewedAt: new Date(), reviewedBy: actorId, reviewComment: comment, version: version + 1 })
      .where(and(eq(adverseEvents.id, eventId), eq(adverseEvents.version, version)))
      .returning();
    if (!after) throw new ConflictError();
    await writeAudit(tx, { actorId, action: 'review', entity: 'adverse_event', entityId: eventId, before, after });
  });
}

export async function getAdverseEvent(db: Db, { eventId, siteIds }: { eventId: string; siteIds: string[] }): Promise<AdverseEventDetail | null> {
  if (!canReach(siteIds, eventId)) return null;
  const [row] = await db
    .select({ event: adverseEvents, patientCode: patients.code, siteCode: sites.code, patientDeathDate: patients.deathDate, patientJakiStopDate: patients.jakiStopDate })
    .from(adverseEvents)
    .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(and(eq(adverseEvents.id, eventId), recordInScope(adverseEvents, siteIds)));
  return row ? { ...row.event, patientCode: row.patientCode, siteCode: row.siteCode, patientDeathDate: row.patientDeathDate, patientJakiStopDate: row.patientJakiStopDate } : null;
}

export async function listAdverseEventsForPatient(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }): Promise<AdverseEvent[]> {
  if (!canReach(siteIds, patientId)) return [];
  const rows = await db
    .select({ event: adverseEvents })
    .from(adverseEvents)
    .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
    .where(and(eq(adverseEvents.patientId, patientId), recordInScope(adverseEvents, siteIds)))
    .orderBy(asc(adverseEvents.onsetDate), asc(adverseEvents.createdAt));
  return rows.map((r) => r.event);
}
