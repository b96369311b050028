import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { adverseEventSchema, type AdverseEventInput } from '@/lib/schemas/adverse-event';
import type { Db } from '../client';
import { auditLog, patients } from '../schema';
import { createTestDatabase, makeCohort, makeSite, patientInput, refusedWritesNothing, type TestDatabase } from '@/test-support/db';
import {
  createAdverseEvent,
  getAdverseEvent,
  listAdverseEventsForPatient,
  reviewAdverseEvent,
  updateAdverseEvent,
} from './adverse-events';
import { listAdverseEvents } from './adverse-event-listing';
import { createPatient } from './patients';
import { voidAdverseEvent, voidPatient } from './void';

let t: TestDatabase;
let db: Db;
let siteA: { id: string; code: string };
let siteB: { id: string; code: string };
let cohortId: string;
const ACTOR = 'user-clinician';
const AUDITOR = 'user-auditor';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = await makeSite(db, 'AE-NORD');
  siteB = await makeSite(db, 'AE-SUD');
  cohortId = (await makeCohort(db)).id;
});

after(async () => {
  await t?.cleanup();
});

function aeInput(fields: Record<string, unknown> = {}): AdverseEventInput {
  return adverseEventSchema.parse({
    term: 'Event',
    category: 'other',
    onsetDate: '2024-05-02',
    endDate: '2024-05-20',
    ctcaeGrade: '1',
    outcome: 'recovered',
    ...fields,
  });
}

const FATAL = { term: 'Pulmonary embolism', category: 'thromboembolic', ctcaeGrade: '5', outcome: 'fatal', seriousDeath: true, onsetDate: '2024-06-01', endDate: '2024-06-03' };

async function newPatient(siteId: string, fields: Record<string, unknown> = {}) {
  return createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId, ...fields }) });
}

async function readPatient(id: string) {
  const [p] = await db.select().from(patients).where(eq(patients.id, id));
  return p!;
}

describe('creating, reading and editing adverse events', () => {
  test('an event is read back with its patient and site, and serious follows its criteria', async () => {
    const patientId = await newPatient(siteA.id);
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ seriousOtherImportant: true }) });
    const ae = await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] });
    assert.equal(ae?.serious, true);
    assert.equal(ae?.siteCode, 'AE-NORD');
    assert.equal(ae?.version, 1);
    assert.equal(ae?.createdBy, ACTOR);
    assert.equal(await getAdverseEvent(db, { eventId: id, siteIds: [siteB.id] }), null);
    assert.equal(await getAdverseEvent(db, { eventId: 'nope', siteIds: [siteA.id] }), null);
    assert.deepEqual((await listAdverseEventsForPatient(db, { patientId, siteIds: [siteA.id] })).map((e) => e.id), [id]);
    assert.deepEqual(await listAdverseEventsForPatient(db, { patientId, siteIds: [siteB.id] }), []);
  });

  test("another site's patient, a voided patient or a malformed id: NotFoundError", async () => {
    const other = await newPatient(siteB.id);
    await assert.rejects(createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: other, input: aeInput() }), NotFoundError);
    await assert.rejects(createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: "1' or 1=1", input: aeInput() }), NotFoundError);
    const voided = await newPatient(siteA.id);
    await voidPatient(db, { actorId: ACTOR, siteIds: [siteA.id], id: voided, version: 1, reason: 'Entered twice' });
    await assert.rejects(createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: voided, input: aeInput() }), NotFoundError);
  });

  test('an edit on a stale version is a conflict; an edit clears the review', async () => {
    const patientId = await newPatient(siteA.id);
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput() });
    await reviewAdverseEvent(db, { actorId: AUDITOR, siteIds: [siteA.id], eventId: id, version: 1, comment: 'Fine' });
    const reviewed = await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] });
    assert.deepEqual([reviewed?.reviewedBy, reviewed?.reviewComment, reviewed?.version], [AUDITOR, 'Fine', 2]);
    await assert.rejects(updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], eventId: id, version: 1, reason: 'stale', input: aeInput() }), ConflictError);
    await updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], eventId: id, version: 2, reason: 'Grade 2', input: aeInput({ ctcaeGrade: '2' }) });
    const edited = await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] });
    assert.deepEqual([edited?.ctcaeGrade, edited?.reviewedAt, edited?.reviewedBy, edited?.version], [2, null, null, 3]);
    await assert.rejects(updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteB.id], eventId: id, version: 3, reason: 'x', input: aeInput() }), NotFoundError);
  });

  test('a voided event leaves every read', async () => {
    const patientId = await newPatient(siteA.id);
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ term: 'Voided one' }) });
    await voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], id, version: 1, reason: 'Wrong patient' });
    assert.equal(await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] }), null);
    assert.deepEqual(await listAdverseEventsForPatient(db, { patientId, siteIds: [siteA.id] }), []);
    assert.ok(!(await listAdverseEvents(db, { siteIds: [siteA.id] })).some((e) => e.id === id));
    await assert.rejects(reviewAdverseEvent(db, { actorId: AUDITOR, siteIds: [siteA.id], eventId: id, version: 2, comment: 'x' }), NotFoundError);
  });
});

describe('a grade 5 event needs the patient to have a death date', () => {
  test('refused on the deathDate field when the patient has none and none is given', async () => {
    const patientId = await newPatient(siteA.id);
    await assert.rejects(createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput(FATAL) }), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.fieldErrors.deathDate!, /^Death date is required/);
      return true;
    });
    assert.deepEqual(await listAdverseEventsForPatient(db, { patientId, siteIds: [siteA.id] }), []);
  });

  test("the death date sent along is set on the patient, with its own audit entry, in the same save", async () => {
    const patientId = await newPatient(siteA.id);
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ ...FATAL, deathDate: '2024-06-03' }) });
    const p = await readPatient(patientId);
    assert.deepEqual([p.deathDate, p.version, p.updatedBy], ['2024-06-03', 2, ACTOR]);
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'patient'), eq(auditLog.entityId, patientId), eq(auditLog.action, 'update')));
    assert.equal(entries.length, 1);
    assert.equal((entries[0]!.before as { deathDate: string | null }).deathDate, null);
    assert.equal((entries[0]!.after as { deathDate: string }).deathDate, '2024-06-03');
    assert.match(entries[0]!.reason!, /grade 5/);
    assert.equal((await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] }))?.patientDeathDate, '2024-06-03');
  });

  test('a patient already dead needs no date; a different one is refused; no event after the death', async () => {
    const patientId = await newPatient(siteA.id, { deathDate: '2024-06-05', deathCause: 'PE' });
    await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput(FATAL) });
    await assert.rejects(
      createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ ...FATAL, deathDate: '2024-06-04' }) }),
      (e) => e instanceof ValidationError && /already recorded \(2024-06-05\)/.test(e.fieldErrors.deathDate!),
    );
    await assert.rejects(
      createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ onsetDate: '2024-07-01', endDate: '2024-07-02' }) }),
      (e) => e instanceof ValidationError && /the patient died on 2024-06-05/.test(e.fieldErrors.onsetDate!),
    );
    assert.equal((await readPatient(patientId)).version, 1);
  });

  test('recording the death with a grade 5 event may stop the JAK inhibitor that day (reason death), in one audited change', async () => {
    const patientId = await newPatient(siteA.id);
    await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ ...FATAL, deathDate: '2024-06-03', stopJakiAtDeath: true }) });
    const p = await readPatient(patientId);
    assert.deepEqual([p.deathDate, p.jakiStopDate, p.jakiStopReason, p.version], ['2024-06-03', '2024-06-03', 'death', 2]);
    // Without the box ticked, the JAK inhibitor course is left as it was.
    const other = await newPatient(siteA.id);
    await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: other, input: aeInput({ ...FATAL, deathDate: '2024-06-03' }) });
    assert.deepEqual([(await readPatient(other)).jakiStopDate], [null]);
  });

  test('a death recorded with a grade 5 event must agree with the patient: not before the JAKi stop, not before a later visit', async () => {
    const stopped = await newPatient(siteA.id, { jakiStopDate: '2024-06-10', jakiStopReason: 'inefficacy' });
    const e = (await refusedWritesNothing(
      db,
      () => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: stopped, input: aeInput({ ...FATAL, deathDate: '2024-06-03' }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(e.fieldErrors, { deathDate: 'Death date cannot be before the JAK inhibitor stop (2024-06-10)' });
  });

  test('an edit to grade 5 asks for the death date too', async () => {
    const patientId = await newPatient(siteA.id);
    const id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], patientId, input: aeInput({ onsetDate: '2024-06-01', endDate: '2024-06-02' }) });
    await assert.rejects(updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], eventId: id, version: 1, reason: 'Died', input: aeInput(FATAL) }), ValidationError);
    assert.equal((await getAdverseEvent(db, { eventId: id, siteIds: [siteA.id] }))?.version, 1);
    await updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA.id], eventId: id, version: 1, reason: 'Died', input: aeInput({ ...FATAL, deathDate: '2024-06-03' }) });
    assert.equal((await readPatient(patientId)).deathDate, '2024-06-03');
  });
});

describe('listAdverseEvents: the auditor listing', () => {
  let x: string; // site C patients, alone in their sites
  let siteC: { id: string; code: string };
  let siteD: { id: string; code: string };
  const ids: Record<string, string> = {};

  before(async () => {
    siteC = await makeSite(db, 'LST-C');
    siteD = await makeSite(db, 'LST-D');
    const p1 = await newPatient(siteC.id, { code: 'LST-P1', jakiDrug: 'tofacitinib', jakiDoseMgDay: '10' });
    const p2 = await newPatient(siteC.id, { code: 'LST-P2' });
    const p3 = await newPatient(siteD.id, { code: 'LST-P0', jakiDrug: 'ruxolitinib', jakiDoseMgDay: '20' });
    x = p1;
    const add = async (name: string, patientId: string, siteId: string, fields: Record<string, unknown>) =>
      (ids[name] = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: aeInput({ term: name, ...fields }) }));
    await add('zoster', p1, siteC.id, { category: 'herpes_zoster', ctcaeGrade: '2', onsetDate: '2024-03-01' });
    await add('pneumonia', p1, siteC.id, { category: 'serious_infection', ctcaeGrade: '3', seriousHospitalisation: true, onsetDate: '2024-05-01' });
    await add('headache', p2, siteC.id, { category: 'other', ctcaeGrade: '1', onsetDate: '2024-04-01' });
    await add('dvt', p3, siteD.id, { category: 'thromboembolic', ctcaeGrade: '3', seriousOtherImportant: true, onsetDate: '2024-02-01' });
    await reviewAdverseEvent(db, { actorId: AUDITOR, siteIds: [siteC.id], eventId: ids.pneumonia!, version: 1, comment: 'Checked' });
  });

  const scope = () => [siteC.id, siteD.id];
  const terms = async (args: Omit<Parameters<typeof listAdverseEvents>[1], 'siteIds'>, siteIds = scope()) =>
    (await listAdverseEvents(db, { siteIds, ...args })).map((e) => e.term);

  test('rows carry patient code, site code, the JAKi drug and dose, and every field', async () => {
    const [row] = await listAdverseEvents(db, { siteIds: scope(), filters: { category: 'serious_infection' } });
    assert.deepEqual([row?.patientCode, row?.siteCode, row?.jakiDrug, row?.jakiDoseMgDay], ['LST-P1', 'LST-C', 'tofacitinib', 10]);
    assert.deepEqual([row?.serious, row?.seriousHospitalisation, row?.ctcaeGrade, row?.reviewComment, row?.patientId], [true, true, 3, 'Checked', x]);
  });

  test('scoped to the sites given', async () => {
    assert.deepEqual(await terms({}, [siteD.id]), ['dvt']);
    assert.deepEqual(await terms({}, []), []);
    assert.deepEqual(await terms({ filters: { siteCode: 'LST-D' } }, [siteC.id]), []);
  });

  test('filters', async () => {
    assert.deepEqual(await terms({ filters: { siteCode: 'LST-C' } }), ['zoster', 'headache', 'pneumonia']);
    assert.deepEqual(await terms({ filters: { grade: 3 } }), ['dvt', 'pneumonia']);
    assert.deepEqual(await terms({ filters: { serious: true } }), ['dvt', 'pneumonia']);
    assert.deepEqual(await terms({ filters: { serious: false } }), ['zoster', 'headache']);
    assert.deepEqual(await terms({ filters: { specialInterest: false } }), ['headache']);
    assert.deepEqual(await terms({ filters: { specialInterest: true } }), ['dvt', 'zoster', 'pneumonia']);
    assert.deepEqual(await terms({ filters: { from: '2024-03-01', to: '2024-04-01' } }), ['zoster', 'headache']);
    assert.deepEqual(await terms({ filters: { reviewed: true } }), ['pneumonia']);
    assert.deepEqual(await terms({ filters: { reviewed: false, siteCode: 'LST-C', grade: 2 } }), ['zoster']);
  });

  test('sorting', async () => {
    assert.deepEqual(await terms({ sort: { key: 'onset', dir: 'desc' } }), ['pneumonia', 'headache', 'zoster', 'dvt']);
    assert.deepEqual(await terms({ sort: { key: 'grade', dir: 'desc' } }), ['dvt', 'pneumonia', 'zoster', 'headache']);
    assert.deepEqual(await terms({ sort: { key: 'patient', dir: 'asc' } }), ['dvt', 'zoster', 'pneumonia', 'headache']);
    assert.deepEqual(await terms({ sort: { key: 'category', dir: 'asc' } }), ['zoster', 'headache', 'pneumonia', 'dvt']);
    assert.deepEqual(await terms({ sort: { key: 'site', dir: 'desc' } }), ['dvt', 'zoster', 'headache', 'pneumonia']);
  });
});
