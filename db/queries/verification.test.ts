import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { createTestDatabase, makeCohort, makeSite, patientInput, refusedWritesNothing, visitInput, type TestDatabase } from '@/test-support/db';
import type { Db } from '../client';
import { auditLog } from '../schema';
import { createAdverseEvent, reviewAdverseEvent } from './adverse-events';
import { setCohortLock } from './cohort-lock';
import { createPatient } from './patients';
import { patientVerifications, verificationCounts, verifyRecord } from './verification';
import { createVisit, updateVisit } from './visits';
import { voidVisit } from './void';

// Source data verification: a mark holds the record's content as verified, so a later change of
// that content shows as "changed since verified", and a review or a lock does not.

let t: TestDatabase;
let db: Db;
let siteA: string;
let siteB: string;
let cohort: { id: string; code: string };
const AUDITOR = 'user-auditor';
const CLINICIAN = 'user-clinician';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = (await makeSite(db)).id;
  siteB = (await makeSite(db)).id;
  cohort = await makeCohort(db);
});

after(async () => {
  await t?.cleanup();
});

const aeInput = adverseEventSchema.parse({ term: 'Zoster', category: 'other', onsetDate: '2024-03-01', endDate: '2024-03-20', ctcaeGrade: '2', outcome: 'recovered' });

test('a verified visit shows as verified until its content changes, then as changed since verified', async () => {
  const patientId = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId: cohort.id }) });
  const visitId = await createVisit(db, { actorId: CLINICIAN, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  const eventId = await createAdverseEvent(db, { actorId: CLINICIAN, siteIds: [siteA], patientId, input: aeInput });
  const state = async (id: string) => (await patientVerifications(db, { patientId, siteIds: [siteA] })).get(id)?.state;

  assert.equal(await state(visitId), 'not_verified');
  await verifyRecord(db, { actorId: AUDITOR, siteIds: [siteA], input: { kind: 'visit', id: visitId, version: 1 } });
  assert.equal(await state(visitId), 'verified');
  const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'verify'));
  assert.equal(entry?.actorId, AUDITOR);
  assert.equal(entry?.entityId, visitId);

  await updateVisit(db, { actorId: CLINICIAN, siteIds: [siteA], visitId, version: 1, reason: 'CK from the lab report', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '240' }) });
  assert.equal(await state(visitId), 'changed');
  // Verified again at the new version: verified.
  await verifyRecord(db, { actorId: AUDITOR, siteIds: [siteA], input: { kind: 'visit', id: visitId, version: 2 } });
  assert.equal(await state(visitId), 'verified');

  // An auditor's review of an event changes who looked at it, not what it says.
  await verifyRecord(db, { actorId: AUDITOR, siteIds: [siteA], input: { kind: 'adverse_event', id: eventId, version: 1 } });
  await reviewAdverseEvent(db, { actorId: AUDITOR, siteIds: [siteA], eventId, version: 1, comment: 'Checked' });
  assert.equal(await state(eventId), 'verified');

  // A locked cohort may still be verified.
  await setCohortLock(db, { actorId: 'user-coordinator', cohortCode: cohort.code, locked: true, reason: 'analysis' });
  const again = await verifyRecord(db, { actorId: AUDITOR, siteIds: [siteA], input: { kind: 'visit', id: visitId, version: 2 } });
  assert.equal(again.patientId, patientId);
  await setCohortLock(db, { actorId: 'user-coordinator', cohortCode: cohort.code, locked: false, reason: 'done' });

  const { bySite, byPatient } = await verificationCounts(db, { siteIds: [siteA, siteB] });
  assert.deepEqual(byPatient.get(patientId), { verified: 2, changed: 0, total: 2 });
  assert.deepEqual(bySite.get(siteA), { verified: 2, changed: 0, total: 2 });

  // A voided record leaves the count.
  await voidVisit(db, { actorId: CLINICIAN, siteIds: [siteA], id: visitId, version: 2, reason: 'entered twice' });
  assert.deepEqual((await verificationCounts(db, { siteIds: [siteA] })).byPatient.get(patientId), { verified: 1, changed: 0, total: 1 });
});

test('a stale page, another site’s record, a voided or malformed one: refused, nothing marked', async () => {
  const patientId = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteB], input: patientInput({ siteId: siteB, cohortId: cohort.id }) });
  const visitId = await createVisit(db, { actorId: CLINICIAN, siteIds: [siteB], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  await updateVisit(db, { actorId: CLINICIAN, siteIds: [siteB], visitId, version: 1, reason: 'CK from the lab report', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '240' }) });
  const refused = (await refusedWritesNothing(db, () => verifyRecord(db, { actorId: AUDITOR, siteIds: [siteB], input: { kind: 'visit', id: visitId, version: 1 } }), ConflictError)) as Error;
  assert.match(refused.message, /changed after you opened the page.*Nothing was marked/);
  await refusedWritesNothing(db, () => verifyRecord(db, { actorId: AUDITOR, siteIds: [siteA], input: { kind: 'visit', id: visitId, version: 2 } }), NotFoundError);
  await refusedWritesNothing(db, () => verifyRecord(db, { actorId: AUDITOR, siteIds: [siteB], input: { kind: 'relapse', id: visitId, version: 2 } }), NotFoundError);
  await refusedWritesNothing(db, () => verifyRecord(db, { actorId: AUDITOR, siteIds: [siteB], input: { kind: 'visit', id: "1' or 1=1", version: 2 } }), NotFoundError);
  assert.equal((await patientVerifications(db, { patientId, siteIds: [siteB] })).get(visitId)?.state, 'not_verified');
  assert.equal((await patientVerifications(db, { patientId, siteIds: [siteA] })).size, 0, 'another site sees nothing');
});
