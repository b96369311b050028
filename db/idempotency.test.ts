import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { ConflictError } from '@/lib/errors';
import { newRequestKey } from '@/lib/request-key';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import type { Db } from './client';
import { createAdverseEvent } from './queries/adverse-events';
import { createPatient } from './queries/patients';
import { createVisit } from './queries/visits';
import { adverseEvents, auditLog, patients, visits } from './schema';
import { countRows, createTestDatabase, makeCohort, makeSite, patientInput, visitInput, type TestDatabase } from '@/test-support/db';

// A form submitted twice (double click, retry after a timeout) creates one record.

let t: TestDatabase;
let db: Db;
let siteIds: string[];
let cohortId: string;
const ACTOR = 'user-idem';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteIds = [(await makeSite(db)).id];
  cohortId = (await makeCohort(db)).id;
});

after(async () => {
  await t?.cleanup();
});

const auditCreates = async (entity: 'patient' | 'visit' | 'adverse_event') =>
  (await db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.action, 'create')))).length;

test('a patient submitted twice with one key, at once and again later, is created once', async () => {
  const requestKey = newRequestKey();
  const input = patientInput({ siteId: siteIds[0]!, cohortId });
  const [a, b] = await Promise.all([
    createPatient(db, { actorId: ACTOR, siteIds, input, requestKey }),
    createPatient(db, { actorId: ACTOR, siteIds, input, requestKey }),
  ]);
  assert.equal(a, b);
  assert.equal(await createPatient(db, { actorId: ACTOR, siteIds, input, requestKey }), a);
  assert.equal(await countRows(db, patients), 1);
  assert.equal(await auditCreates('patient'), 1);
});

test('visits and adverse events: one record per key, a new key makes a new record', async () => {
  const patientId = await createPatient(db, { actorId: ACTOR, siteIds, input: patientInput({ siteId: siteIds[0]!, cohortId }) });
  await createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-01-09', visitType: 'baseline' }) });
  const followUp = visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' });
  const visitKey = newRequestKey();
  const ids = await Promise.all(Array.from({ length: 5 }, () => createVisit(db, { actorId: ACTOR, siteIds, patientId, input: followUp, requestKey: visitKey })));
  assert.equal(new Set(ids).size, 1);
  assert.equal((await db.select().from(visits).where(eq(visits.patientId, patientId))).length, 2);

  const event = adverseEventSchema.parse({ term: 'Herpes zoster', category: 'herpes_zoster', onsetDate: '2024-05-02', endDate: '2024-05-20', ctcaeGrade: '2', outcome: 'recovered' });
  const eventKey = newRequestKey();
  const first = await createAdverseEvent(db, { actorId: ACTOR, siteIds, patientId, input: event, requestKey: eventKey });
  assert.equal(await createAdverseEvent(db, { actorId: ACTOR, siteIds, patientId, input: event, requestKey: eventKey }), first);
  assert.notEqual(await createAdverseEvent(db, { actorId: ACTOR, siteIds, patientId, input: event, requestKey: newRequestKey() }), first);
  assert.equal(await countRows(db, adverseEvents), 2);
  assert.equal(await auditCreates('adverse_event'), 2);
});

test('a key is not honoured for another user or another kind of record', async () => {
  const requestKey = newRequestKey();
  const patientId = await createPatient(db, { actorId: ACTOR, siteIds, input: patientInput({ siteId: siteIds[0]!, cohortId }), requestKey });
  await assert.rejects(
    createPatient(db, { actorId: 'someone-else', siteIds, input: patientInput({ siteId: siteIds[0]!, cohortId }), requestKey }),
    ConflictError,
  );
  await assert.rejects(
    createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-01-09', visitType: 'baseline' }), requestKey }),
    ConflictError,
  );
});

test('a refused first submission holds no key: the corrected form saves', async () => {
  const requestKey = newRequestKey();
  const patientId = await createPatient(db, { actorId: ACTOR, siteIds, input: patientInput({ siteId: siteIds[0]!, cohortId }) });
  await assert.rejects(createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' }), requestKey }));
  const id = await createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-01-09', visitType: 'baseline' }), requestKey });
  assert.ok(id);
});
