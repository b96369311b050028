import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import type { Db } from '../client';
import { adverseEvents, patients, visits } from '../schema';
import { patientInput, refusedWritesNothing, visitInput, databaseWithTwoSites } from '@/test-support/db';
import { createAdverseEvent } from './adverse-events';
import { createPatient, getPatient, listPatients } from './patients';
import { createVisit, getVisit, listVisits } from './visits';
import { voidAdverseEvent, voidPatient, voidVisit } from './void';

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
const ACTOR = 'user-coordinator';

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

async function patientWithVisits(siteId: string) {
  const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId }) });
  const baseline = await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  const followUp = await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' }) });
  return { patientId, baseline, followUp };
}

describe('voiding keeps the row and says who, when and why', () => {
  test('a voided patient is kept, leaves the lists, and cannot be voided twice', async () => {
    const { patientId } = await patientWithVisits(siteA);
    await voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 1, reason: '  Entered twice  ' });
    const [row] = await db.select().from(patients).where(eq(patients.id, patientId));
    assert.equal(row?.voidedBy, ACTOR);
    assert.equal(row?.voidReason, 'Entered twice');
    assert.ok(row?.voidedAt instanceof Date);
    assert.equal(row?.version, 2);
    assert.equal(await getPatient(db, { patientId, siteIds: [siteA] }), null);
    assert.ok(!(await listPatients(db, { siteIds: [siteA] })).some((p) => p.id === patientId));
    assert.deepEqual(await listVisits(db, { patientId, siteIds: [siteA] }), [], 'a voided patient\'s visits leave the lists with it');
    await refusedWritesNothing(db, () => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 2, reason: 'again' }), NotFoundError);
  });

  test('a voided visit is kept and leaves the patient\'s visits; its day is free again', async () => {
    const { patientId, followUp } = await patientWithVisits(siteA);
    await voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: followUp, version: 1, reason: 'Wrong date' });
    const [row] = await db.select().from(visits).where(eq(visits.id, followUp));
    assert.deepEqual([row?.voidReason, row?.version], ['Wrong date', 2]);
    assert.equal(await getVisit(db, { visitId: followUp, siteIds: [siteA] }), null);
    assert.equal((await listVisits(db, { patientId, siteIds: [siteA] })).length, 1);
    await createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' }) });
  });

  test('a baseline with follow-ups after it is not voided', async () => {
    const { baseline } = await patientWithVisits(siteA);
    const e = await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: baseline, version: 1, reason: 'Wrong patient' }), ValidationError);
    assert.match((e as ValidationError).fieldErrors.reason!, /follow-up/);
  });

  test('a voided adverse event is kept', async () => {
    const { patientId } = await patientWithVisits(siteA);
    const input = adverseEventSchema.parse({ term: 'Zoster', category: 'herpes_zoster', onsetDate: '2024-03-01', ongoing: true, ctcaeGrade: '2' });
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input });
    assert.deepEqual(await voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], id, version: 1, reason: 'Duplicate' }), { patientId });
    const [row] = await db.select().from(adverseEvents).where(eq(adverseEvents.id, id));
    assert.deepEqual([row?.voidReason, row?.voidedBy, row?.version], ['Duplicate', ACTOR, 2]);
  });
});

describe('a void is refused, writing nothing', () => {
  test('on a stale version', async () => {
    const { patientId, followUp } = await patientWithVisits(siteA);
    await refusedWritesNothing(db, () => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 2, reason: 'stale' }), ConflictError);
    await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: followUp, version: 3, reason: 'stale' }), ConflictError);
  });

  test("outside the user's sites, or on a malformed id", async () => {
    const { patientId, followUp } = await patientWithVisits(siteB);
    await refusedWritesNothing(db, () => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 1, reason: 'not mine' }), NotFoundError);
    await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: followUp, version: 1, reason: 'not mine' }), NotFoundError);
    await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [], id: followUp, version: 1, reason: 'no sites' }), NotFoundError);
    await refusedWritesNothing(db, () => voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteB], id: 'x', version: 1, reason: 'bad id' }), NotFoundError);
  });

  test('without a reason', async () => {
    const { followUp } = await patientWithVisits(siteA);
    await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: followUp, version: 1, reason: '  ' }), ValidationError);
  });

  test('a visit of a voided patient cannot be voided on its own', async () => {
    const { patientId, followUp } = await patientWithVisits(siteA);
    await voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 1, reason: 'Entered twice' });
    await refusedWritesNothing(db, () => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: followUp, version: 1, reason: 'late' }), NotFoundError);
  });
});
