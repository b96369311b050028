import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { newUserSchema } from '@/lib/schemas/user';
import { selectRows, type Db } from '../client';
import { createTestDatabase, makeCohort, makeSite, patientInput, visitInput, type TestDatabase } from '@/test-support/db';
import { createAdverseEvent, reviewAdverseEvent, updateAdverseEvent } from './adverse-events';
import { auditTrailCsv, auditTrailCsvChunks, listAuditTrail } from './audit-trail';
import { changedFields, recordHistory } from './history';
import { createPatient, updatePatient } from './patients';
import { createUser } from './users';
import { createVisit, updateVisit } from './visits';
import { voidAdverseEvent, voidVisit } from './void';

let t: TestDatabase;
let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
let clinician: string;
let patientId: string;
let visitId: string;
let eventId: string;
let code: string;

const aeForm = { term: 'Herpes zoster', category: 'herpes_zoster', onsetDate: '2024-05-02', ongoing: true, ctcaeGrade: '2' };

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = (await makeSite(db)).id;
  siteB = (await makeSite(db)).id;
  cohortId = (await makeCohort(db)).id;
  clinician = await createUser(db, {
    actorId: 'system:seed',
    input: newUserSchema.parse({ name: 'Claire Martin', email: 'claire@history.test', role: 'clinician', password: 'a-long-password', siteIds: [siteA] }),
  });
  const input = patientInput({ siteId: siteA, cohortId });
  code = input.code;
  patientId = await createPatient(db, { actorId: clinician, siteIds: [siteA], input });
  await updatePatient(db, { actorId: clinician, siteIds: [siteA], patientId, version: 1, reason: 'Dose was 2 mg', input: { ...input, jakiDoseMgDay: 2 } });
  visitId = await createVisit(db, { actorId: clinician, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  await updateVisit(db, { actorId: clinician, siteIds: [siteA], visitId, version: 1, reason: 'HAQ misread', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', haq: '0.5' }) });
  await voidVisit(db, { actorId: clinician, siteIds: [siteA], id: visitId, version: 2, reason: 'Wrong patient' });
  eventId = await createAdverseEvent(db, { actorId: clinician, siteIds: [siteA], patientId, input: adverseEventSchema.parse(aeForm) });
  await reviewAdverseEvent(db, { actorId: 'user-auditor', siteIds: [siteA], eventId, version: 1, comment: 'Seen' });
  await updateAdverseEvent(db, {
    actorId: clinician,
    siteIds: [siteA],
    eventId,
    version: 2,
    reason: 'Resolved',
    input: adverseEventSchema.parse({ ...aeForm, ongoing: false, endDate: '2024-05-30', outcome: 'recovered' }),
  });
  await voidAdverseEvent(db, { actorId: clinician, siteIds: [siteA], id: eventId, version: 3, reason: 'Duplicate report' });
});

after(async () => {
  await t?.cleanup();
});

describe('recordHistory', () => {
  test("a patient's versions, with who, when, why and what changed", async () => {
    const h = await recordHistory(db, { siteIds: [siteA], entity: 'patient', id: patientId });
    assert.deepEqual(h?.map((e) => [e.action, e.version, e.reason, e.actorName, e.actorEmail]), [
      ['create', 1, null, 'Claire Martin', 'claire@history.test'],
      ['update', 2, 'Dose was 2 mg', 'Claire Martin', 'claire@history.test'],
    ]);
    assert.deepEqual(h![1]!.changes, [{ field: 'jakiDoseMgDay', before: 4, after: 2 }]);
    const created = Object.fromEntries(h![0]!.changes.map((c) => [c.field, c.after]));
    assert.equal(created.code, code);
    assert.equal(created.jakiDrug, 'baricitinib');
    assert.ok(!('version' in created) && !('createdAt' in created) && !('deathDate' in created));
    assert.ok(h![0]!.at instanceof Date && h![0]!.seq < h![1]!.seq);
  });

  test("a voided visit's history ends with its void and reason", async () => {
    const h = await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: visitId });
    assert.deepEqual(h?.map((e) => [e.action, e.version, e.reason]), [
      ['create', 1, null],
      ['update', 2, 'HAQ misread'],
      ['void', 3, 'Wrong patient'],
    ]);
    assert.deepEqual(h![1]!.changes, [{ field: 'haq', before: 1.25, after: 0.5 }]);
    assert.deepEqual(h![2]!.changes, [{ field: 'voidReason', before: null, after: 'Wrong patient' }]);
  });

  test("an adverse event's history shows the review and the edit that cleared it", async () => {
    const h = await recordHistory(db, { siteIds: [siteA], entity: 'adverse_event', id: eventId });
    assert.deepEqual(h?.map((e) => [e.action, e.version, e.reason, e.actorId]), [
      ['create', 1, null, clinician],
      ['review', 2, null, 'user-auditor'],
      ['update', 3, 'Resolved', clinician],
      ['void', 4, 'Duplicate report', clinician],
    ]);
    assert.equal(h![1]!.actorName, null); // not a user of this database
    assert.deepEqual(h![1]!.changes, [{ field: 'reviewComment', before: null, after: 'Seen' }]);
    assert.deepEqual(
      h![2]!.changes.map((c) => c.field).sort(),
      ['endDate', 'ongoing', 'outcome', 'reviewComment'],
    );
  });

  test("null outside the user's sites, or for an unknown or malformed id", async () => {
    assert.equal(await recordHistory(db, { siteIds: [siteB], entity: 'patient', id: patientId }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteB], entity: 'visit', id: visitId }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteB], entity: 'adverse_event', id: eventId }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: patientId }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteA], entity: 'patient', id: 'nope' }), null);
  });

  test("null for a visit or an adverse event asked for under a patient it is not of", async () => {
    const other = crypto.randomUUID();
    assert.ok(await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: visitId, patientId }));
    assert.ok(await recordHistory(db, { siteIds: [siteA], entity: 'adverse_event', id: eventId, patientId }));
    assert.equal(await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: visitId, patientId: other }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteA], entity: 'adverse_event', id: eventId, patientId: other }), null);
    assert.equal(await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: visitId, patientId: 'not-a-uuid' }), null);
  });

  test('changedFields compares JSON values, arrays included', () => {
    assert.deepEqual(changedFields({ a: ['x'], b: 1, version: 1 }, { a: ['x', 'y'], b: 1, version: 2 }), [{ field: 'a', before: ['x'], after: ['x', 'y'] }]);
    assert.deepEqual(changedFields(null, { a: [], b: null, c: 0 }), [{ field: 'c', before: null, after: 0 }]);
  });
});

describe('listAuditTrail and its CSV', () => {
  test('newest first, with the actor name, filtered and paged', async () => {
    const all = await listAuditTrail(db, {});
    assert.ok(all.total >= 10);
    assert.ok(all.entries[0]!.seq > all.entries[1]!.seq);
    const mine = await listAuditTrail(db, { filters: { actorId: clinician, entity: 'visit' }, limit: 2 });
    assert.equal(mine.total, 3);
    assert.deepEqual(mine.entries.map((e) => e.action), ['void', 'update']);
    assert.equal(mine.entries[0]!.actorName, 'Claire Martin');
    const next = await listAuditTrail(db, { filters: { actorId: clinician, entity: 'visit' }, limit: 2, offset: 2 });
    assert.deepEqual(next.entries.map((e) => e.action), ['create']);
    const reviews = await listAuditTrail(db, { filters: { action: 'review', entityId: eventId } });
    assert.equal(reviews.total, 1);
  });

  test('a date range is of calendar days, inclusive', async () => {
    const [row] = await selectRows<{ today: string }>(db, sql`select current_date::text as today`);
    const today = row!.today;
    const day = await listAuditTrail(db, { filters: { from: today, to: today } });
    assert.equal(day.total, (await listAuditTrail(db, {})).total);
    assert.equal((await listAuditTrail(db, { filters: { to: '2000-01-01' } })).total, 0);
  });

  test('the CSV holds the filtered entries in chain order, a batch at a time', async () => {
    const csv = await auditTrailCsv(db, { filters: { entity: 'adverse_event' } });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r.action), ['create', 'review', 'update', 'void']);
    assert.equal(rows[3]!.reason, 'Duplicate report');
    assert.equal(rows[3]!.actor_name, 'Claire Martin');
    assert.equal(JSON.parse(rows[1]!.after!).reviewComment, 'Seen');
    assert.match(rows[0]!.hash!, /^[0-9a-f]{64}$/);
    let chunks = 0;
    for await (const _ of auditTrailCsvChunks(db, { filters: { entity: 'adverse_event' }, batchSize: 1 })) chunks++;
    assert.equal(chunks, 1 + 4);
  });
});
