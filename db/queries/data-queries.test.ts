import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { changeText, describeChanges } from '@/lib/audit/describe';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { raiseQuerySchema } from '@/lib/schemas/data-query';
import { createTestDatabase, makeCohort, makeSite, patientInput, refusedWritesNothing, visitInput, type TestDatabase } from '@/test-support/db';
import { verifyAuditChain } from '../audit-verify';
import type { Db } from '../client';
import { asOneAction } from '../correlation';
import { auditLog } from '../schema';
import { setCohortLock } from './cohort-lock';
import { listQueries } from './data-query-list';
import { answerQuery, awaitingCount, closeQuery, editAnsweringQuery, getQuery, patientQueries, raiseQuery, reopenQuery } from './data-queries';
import { createPatient } from './patients';
import { createVisit, getVisit, updateVisit } from './visits';

// Queries on data: each step in its table and in the audit chain, an answer that changes the
// value linked to the edit it made, and the refusals (state, raiser, site, locked cohort).

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

async function patientWithVisit(siteId: string) {
  const patientId = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteId], input: patientInput({ siteId, cohortId: cohort.id }) });
  const visitId = await createVisit(db, { actorId: CLINICIAN, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  return { patientId, visitId };
}

const raise = (siteIds: string[], visitId: string, question = 'CK 1800 in the lab report: please check') =>
  raiseQuery(db, { actorId: AUDITOR, siteIds, input: raiseQuerySchema.parse({ entity: 'visit', recordId: visitId, field: 'ckUL', question }) });

test('raise, answer with a value change, send back, answer, close: every step in the query and in the audit chain', async () => {
  const { patientId, visitId } = await patientWithVisit(siteA);
  const { id } = await raise([siteA], visitId);
  assert.equal(await awaitingCount(db, { userId: CLINICIAN, siteIds: [siteA], answers: true, raises: false }), 1);
  assert.equal(await awaitingCount(db, { userId: CLINICIAN, siteIds: [siteB], answers: true, raises: false }), 0, 'another site counts none');

  // The clinician changes the value through the visit's edit, answering the query in the same action.
  const reason = 'Lab report says 1800';
  await asOneAction(() =>
    editAnsweringQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, reason, entity: 'visit', recordId: visitId }, (tx) =>
      updateVisit(tx, { actorId: CLINICIAN, siteIds: [siteA], visitId, version: 1, reason, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '1800' }) }),
    ),
  );
  assert.equal((await getVisit(db, { visitId, siteIds: [siteA] }))?.ckUL, 1800);
  assert.equal(await awaitingCount(db, { userId: AUDITOR, siteIds: [siteA], answers: false, raises: true }), 1, 'the raiser has an answer to read');
  const edit = (await db.select().from(auditLog).where(and(eq(auditLog.entityId, visitId), eq(auditLog.action, 'update'))))[0]!;
  const answer = (await getQuery(db, { queryId: id, siteIds: [siteA] }))!.query.steps[1]!;
  assert.equal(answer.step, 'answer');
  assert.equal(answer.changedVersion, 2);
  assert.equal(answer.changeCorrelationId, edit.correlationId, 'the answer names the edit it made');

  await reopenQuery(db, { actorId: AUDITOR, siteIds: [siteA], queryId: id, text: 'Also check the unit' });
  await answerQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, text: 'U/L, as reported' });
  await closeQuery(db, { actorId: AUDITOR, siteIds: [siteA], queryId: id, text: null });

  const [query] = await patientQueries(db, { patientId, siteIds: [siteA] });
  assert.equal(query?.state, 'closed');
  assert.deepEqual(query?.steps.map((s) => s.step), ['raise', 'answer', 'reopen', 'answer', 'close']);
  const steps = await db.select().from(auditLog).where(and(eq(auditLog.entityId, visitId), like(auditLog.action, 'query_%')));
  assert.deepEqual(steps.map((s) => s.action), ['query_raise', 'query_answer', 'query_reopen', 'query_answer', 'query_close']);
  assert.deepEqual(describeChanges('visit', steps[0]!.before, steps[0]!.after).map(changeText), ['Query on: CK (U/L)', 'Question: CK 1800 in the lab report: please check', 'Query: open']);
  assert.ok(describeChanges('visit', steps[1]!.before, steps[1]!.after).map(changeText).includes('Value changed in version: 2'));
  assert.deepEqual(await verifyAuditChain(db).then((r) => r.ok), true);
  assert.equal((await listQueries(db, { siteIds: [siteA], filters: { state: 'closed' } })).some((q) => q.id === id), true);
  assert.equal((await listQueries(db, { siteIds: [siteB] })).some((q) => q.id === id), false, 'another site lists none');
});

test('a step from the wrong state, by someone not the raiser, or from another site: refused, nothing written', async () => {
  const { visitId } = await patientWithVisit(siteA);
  const { id } = await raise([siteA], visitId);
  await refusedWritesNothing(db, () => closeQuery(db, { actorId: 'user-other-auditor', siteIds: [siteA], queryId: id, text: null }), ForbiddenError);
  await refusedWritesNothing(db, () => reopenQuery(db, { actorId: AUDITOR, siteIds: [siteA], queryId: id, text: 'again' }), ConflictError);
  await refusedWritesNothing(db, () => answerQuery(db, { actorId: CLINICIAN, siteIds: [siteB], queryId: id, text: 'from B' }), NotFoundError);
  await refusedWritesNothing(db, () => answerQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: "1' or 1=1", text: 'x' }), NotFoundError);
  await refusedWritesNothing(db, () => raise([siteB], visitId), NotFoundError);
  await answerQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, text: 'Checked: right' });
  await refusedWritesNothing(db, () => answerQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, text: 'twice' }), ConflictError);
  assert.equal(await getQuery(db, { queryId: id, siteIds: [siteB] }), null);
});

test('a locked cohort refuses an answer that changes the value, and writes nothing; an answer alone is taken', async () => {
  const { visitId } = await patientWithVisit(siteA);
  const { id } = await raise([siteA], visitId);
  await setCohortLock(db, { actorId: 'user-coordinator', cohortCode: cohort.code, locked: true, reason: 'analysis' });
  try {
    const reason = 'Lab report says 1800';
    await refusedWritesNothing(
      db,
      () =>
        editAnsweringQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, reason, entity: 'visit', recordId: visitId }, (tx) =>
          updateVisit(tx, { actorId: CLINICIAN, siteIds: [siteA], visitId, version: 1, reason, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '1800' }) }),
        ),
      ConflictError,
    );
    assert.equal((await getQuery(db, { queryId: id, siteIds: [siteA] }))?.query.state, 'open');
    await answerQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId: id, text: 'The source says 180: the value stands' });
    assert.equal((await getQuery(db, { queryId: id, siteIds: [siteA] }))?.query.state, 'answered');
  } finally {
    await setCohortLock(db, { actorId: 'user-coordinator', cohortCode: cohort.code, locked: false, reason: 'done' });
  }
});

test('an edit naming a query on another record, or a malformed one, is refused whole', async () => {
  const { visitId } = await patientWithVisit(siteA);
  const other = await patientWithVisit(siteA);
  const { id } = await raise([siteA], other.visitId);
  const reason = 'Lab report says 1800';
  for (const queryId of [id, "1' or 1=1"])
    await refusedWritesNothing(
      db,
      () =>
        editAnsweringQuery(db, { actorId: CLINICIAN, siteIds: [siteA], queryId, reason, entity: 'visit', recordId: visitId }, (tx) =>
          updateVisit(tx, { actorId: CLINICIAN, siteIds: [siteA], visitId, version: 1, reason, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '1800' }) }),
        ),
      NotFoundError,
    );
});
