import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { newUserSchema } from '@/lib/schemas/user';
import { selectRows, type Db } from '../client';
import { createTestDatabase, makeCohort, makeSite, patientInput, visitInput, type TestDatabase } from '@/test-support/db';
import { createAdverseEvent, reviewAdverseEvent, updateAdverseEvent } from './adverse-events';
import { AUDIT_CSV_COLUMNS, auditTrailCsv, auditTrailCsvChunks, listAuditTrail } from './audit-trail';
import { changeText, describeChanges, recordName } from '@/lib/audit/describe';
import { recordHistory } from './history';
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
    const h = (await recordHistory(db, { siteIds: [siteA], entity: 'patient', id: patientId }))!;
    assert.equal(recordName(h.record).text, `${code} · patient`);
    const e = h.entries;
    assert.deepEqual(e.map((x) => [x.action, x.version, x.reason, x.actorName, x.actorEmail]), [
      ['create', 1, null, 'Claire Martin', 'claire@history.test'],
      ['update', 2, 'Dose was 2 mg', 'Claire Martin', 'claire@history.test'],
    ]);
    const said = (x: (typeof e)[number]) => describeChanges('patient', x.before, x.after, h.names).map(changeText);
    assert.deepEqual(said(e[1]!), ['JAK inhibitor dose: 4 mg/day → 2 mg/day']);
    const created = said(e[0]!);
    assert.equal(created[0], `Patient code: ${code}`);
    // The site and cohort by their codes, not their ids.
    const [site] = await selectRows<{ code: string }>(db, sql`select code from site where id = ${siteA}`);
    assert.equal(created[1], `Site: ${site!.code}`);
    assert.ok(created.includes('JAK inhibitor: Baricitinib'));
    assert.ok(!created.some((c) => /^(Version|Created|Death date)/.test(c)), created.join('\n'));
    assert.ok(e[0]!.at instanceof Date && e[0]!.seq < e[1]!.seq);
  });

  test("a voided visit's history ends with its void and reason", async () => {
    const h = (await recordHistory(db, { siteIds: [siteA], entity: 'visit', id: visitId }))!;
    assert.equal(recordName(h.record).text, `${code} · visit 2024-01-05 (voided)`);
    assert.deepEqual(h.entries.map((e) => [e.action, e.version, e.reason]), [
      ['create', 1, null],
      ['update', 2, 'HAQ misread'],
      ['void', 3, 'Wrong patient'],
    ]);
    const said = (i: number) => describeChanges('visit', h.entries[i]!.before, h.entries[i]!.after).map(changeText);
    assert.deepEqual(said(1), ['HAQ disability index: 1.25 → 0.5']);
    // A void changes no field: its reason says it.
    assert.deepEqual(said(2), []);
  });

  test("an adverse event's history shows the review and the edit that cleared it", async () => {
    const h = (await recordHistory(db, { siteIds: [siteA], entity: 'adverse_event', id: eventId }))!;
    assert.equal(recordName(h.record).text, `${code} · adverse event: Herpes zoster (voided)`);
    assert.deepEqual(h.entries.map((e) => [e.action, e.version, e.reason, e.actorId]), [
      ['create', 1, null, clinician],
      ['review', 2, null, 'user-auditor'],
      ['update', 3, 'Resolved', clinician],
      ['void', 4, 'Duplicate report', clinician],
    ]);
    assert.equal(h.entries[1]!.actorName, null); // not a user of this database
    const said = (i: number) => describeChanges('adverse_event', h.entries[i]!.before, h.entries[i]!.after).map(changeText);
    assert.deepEqual(said(1), ['Review comment: — → Seen']);
    assert.deepEqual(said(2), ['End date: — → 2024-05-30', 'Ongoing: yes → no', 'Outcome: — → Recovered', 'Review comment: Seen → —']);
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

  test('each entry names its record as a person would, from the same query', async () => {
    const { entries } = await listAuditTrail(db, { filters: { siteIds: [siteA] }, limit: 1000 });
    const named = (entity: string, action: string) => recordName(entries.find((e) => e.entity === entity && e.action === action)!.record);
    assert.deepEqual(named('visit', 'update'), { text: `${code} · visit 2024-01-05 (voided)`, href: `/patients/${patientId}/visits/${visitId}/history` });
    assert.deepEqual(named('adverse_event', 'review'), {
      text: `${code} · adverse event: Herpes zoster (voided)`,
      href: `/patients/${patientId}/adverse-events/${eventId}/history`,
    });
    assert.deepEqual(named('patient', 'update'), { text: `${code} · patient`, href: `/patients/${patientId}` });
    assert.equal(named('user', 'create').text, 'user Claire Martin (claire@history.test)');
  });

  test("the patient code filter finds the patient's entries and its records', in any case; none for another code", async () => {
    const mine = await listAuditTrail(db, { filters: { patientCodePrefix: code.toLowerCase(), siteIds: [siteA] }, limit: 1000 });
    assert.deepEqual([...new Set(mine.entries.map((e) => e.entity))].sort(), ['adverse_event', 'patient', 'visit']);
    assert.equal(mine.total, 2 + 3 + 4);
    assert.ok(mine.entries.every((e) => e.record.patientCode === code));
    assert.equal((await listAuditTrail(db, { filters: { patientCodePrefix: 'NO-SUCH-PATIENT' } })).total, 0);
    // Another site's auditor does not find it by its code.
    assert.equal((await listAuditTrail(db, { filters: { patientCodePrefix: code, siteIds: [siteB] } })).total, 0);
  });

  test("the correlation filter gives the entries of one action", async () => {
    const { entries } = await listAuditTrail(db, { filters: { entity: 'visit', action: 'update' } });
    const id = entries[0]!.correlationId!;
    const action = await listAuditTrail(db, { filters: { correlationId: id } });
    assert.deepEqual(action.entries.map((e) => e.seq), [entries[0]!.seq]);
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
    assert.equal(rows[0]!.record, `${code} · adverse event: Herpes zoster (voided)`);
    assert.match(rows[0]!.correlation_id!, /^[0-9a-f-]{36}$/);
    assert.notEqual(rows[0]!.correlation_id, rows[1]!.correlation_id);
    assert.deepEqual(Object.keys(rows[0]!), [...AUDIT_CSV_COLUMNS]);
    // docs/audit.md describes every column.
    const docs = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'audit.md'), 'utf8');
    for (const column of AUDIT_CSV_COLUMNS) assert.match(docs, new RegExp(`^\\| [^|]*\`${column}\``, 'm'), `docs/audit.md: ${column}`);
    let chunks = 0;
    for await (const _ of auditTrailCsvChunks(db, { filters: { entity: 'adverse_event' }, batchSize: 1 })) chunks++;
    assert.equal(chunks, 1 + 4);
  });
});
