import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseWithTwoSites, patientInput, visitInput, type SitesWorld } from '@/test-support/db';
import { patientCasebook } from './casebook';
import { createPatient } from './patients';
import { verifyRecord } from './verification';
import { createVisit, updateVisit } from './visits';
import { voidVisit } from './void';

// What a casebook reads: every record of the patient, voided ones too, with each record's
// history and source verification; nothing for a patient of another site.

let w: SitesWorld;
databaseWithTwoSites((world) => (w = world));
const CLINICIAN = 'user-clinician';

test("a patient's records, voided ones too, with their history and checks; another site's patient is not found", async () => {
  const { db, siteA, siteB, cohortId } = w;
  const patientId = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });
  const kept = await createVisit(db, { actorId: CLINICIAN, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  const voided = await createVisit(db, { actorId: CLINICIAN, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-04-05', visitType: 'follow_up' }) });
  await verifyRecord(db, { actorId: 'user-auditor', siteIds: [siteA], input: { kind: 'visit', id: kept, version: 1 } });
  await updateVisit(db, { actorId: CLINICIAN, siteIds: [siteA], visitId: kept, version: 1, reason: 'CK from the lab report', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '240' }) });
  await voidVisit(db, { actorId: CLINICIAN, siteIds: [siteA], id: voided, version: 1, reason: 'entered twice' });

  const book = await patientCasebook(db, { patientId, siteIds: [siteA] });
  assert.ok(book);
  assert.deepEqual(book.records.map((r) => [r.entity, r.id]), [['patient', patientId], ['visit', kept], ['visit', voided]]);
  assert.equal(book.records[2]!.values.voidReason, 'entered twice');
  assert.equal(typeof book.records[2]!.values.voidedAt, 'string', 'values as the trail keeps them: times as ISO strings');
  assert.deepEqual(book.history.get(kept)!.map((h) => h.action), ['create', 'verify', 'update']);
  assert.deepEqual(book.history.get(voided)!.map((h) => h.action), ['create', 'void']);
  assert.equal(book.checks.get(kept)?.state, 'changed');
  assert.equal(book.checks.has(voided), false, 'a voided record is no longer to be verified');

  assert.equal(await patientCasebook(db, { patientId, siteIds: [siteB] }), null);
  assert.equal(await patientCasebook(db, { patientId: 'not-a-uuid', siteIds: [siteA] }), null);
});
