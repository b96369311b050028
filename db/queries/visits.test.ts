import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { visitEditSchema } from '@/lib/schemas/visit';
import { selectRows, type Db } from '../client';
import { auditLog, visits } from '../schema';
import { countRows, patientInput, visitInput, refusedWritesNothing, databaseWithTwoSites } from '@/test-support/db';
import { createPatient, updatePatient } from './patients';
import { createVisit, getVisit, listVisits, updateVisit } from './visits';

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
const ACTOR_A = 'user-clinician-a';
const ACTOR_B = 'user-clinician-b';

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

/** A patient of the site, JAKi started 2024-01-10, with a baseline on 2024-01-05 unless told otherwise. */
async function patientWithBaseline(siteId: string, { baseline = true } = {}) {
  const patientId = await createPatient(db, { actorId: ACTOR_A, siteIds: [siteId], input: patientInput({ siteId, cohortId }) });
  const baselineId = baseline
    ? await createVisit(db, {
        actorId: ACTOR_A,
        siteIds: [siteId],
        patientId,
        input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }),
      })
    : null;
  return { patientId, baselineId };
}

async function addFollowUp(siteId: string, patientId: string, visitDate: string, fields: Record<string, unknown> = {}) {
  return createVisit(db, { actorId: ACTOR_A, siteIds: [siteId], patientId, input: visitInput({ visitDate, visitType: 'follow_up', ...fields }) });
}

/** An edit as the edit form sends it: the visit's fields, the version it was opened at, a reason. */
function editForm(visit: typeof visits.$inferSelect, changes: Record<string, unknown>, reason = 'Corrected a typing error') {
  const { reason: r, version, ...input } = visitEditSchema.parse({
    visitDate: visit.visitDate,
    visitType: visit.visitType,
    cdasiActivity: visit.cdasiActivity,
    cdasiDamage: visit.cdasiDamage,
    mmt8: visit.mmt8,
    prednisoneMgDay: visit.prednisoneMgDay,
    ivig: visit.ivig,
    ivigDoseGKg: visit.ivigDoseGKg,
    ivigIntervalWeeks: visit.ivigIntervalWeeks,
    jakiDoseMgDay: visit.jakiDoseMgDay,
    activeCutaneous: visit.activeCutaneous,
    activeMuscle: visit.activeMuscle,
    physicianGlobal: visit.physicianGlobal,
    patientGlobal: visit.patientGlobal,
    extramuscularGlobal: visit.extramuscularGlobal,
    haq: visit.haq,
    ckUL: visit.ckUL,
    version: String(visit.version),
    reason,
    ...changes,
  });
  return { reason: r, version, input };
}

async function readVisit(id: string) {
  const [row] = await db.select().from(visits).where(eq(visits.id, id));
  assert.ok(row, `visit ${id} should exist`);
  return row;
}

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));
}

async function counts() {
  return { visits: await countRows(db, visits), audit: await countRows(db, auditLog) };
}

describe('visits are scoped to the user\'s sites', () => {
  test("another site's patient's visits are not listed, nor read by id", async () => {
    const { patientId, baselineId } = await patientWithBaseline(siteB);
    assert.deepEqual(await listVisits(db, { patientId, siteIds: [siteA] }), []);
    assert.equal(await getVisit(db, { visitId: baselineId!, siteIds: [siteA] }), null);
    assert.equal(await getVisit(db, { visitId: baselineId!, siteIds: [] }), null);
    // the patient's own site sees them
    assert.deepEqual((await listVisits(db, { patientId, siteIds: [siteB] })).map((v) => v.id), [baselineId]);
    assert.equal((await getVisit(db, { visitId: baselineId!, siteIds: [siteA, siteB] }))?.id, baselineId);
  });

  test('a malformed visit id reads as not found', async () => {
    assert.equal(await getVisit(db, { visitId: 'not-a-uuid', siteIds: [siteA] }), null);
  });

  test('creating a visit for a malformed patient id throws NotFoundError, not a database fault', async () => {
    await refusedWritesNothing(db, () => addFollowUp(siteA, "1' or '1'='1", '2024-04-10'), NotFoundError);
  });

  test("listVisits orders a patient's visits by date", async () => {
    const { patientId, baselineId } = await patientWithBaseline(siteA);
    const m6 = await addFollowUp(siteA, patientId, '2024-07-10');
    const m3 = await addFollowUp(siteA, patientId, '2024-04-10');
    assert.deepEqual((await listVisits(db, { patientId, siteIds: [siteA] })).map((v) => v.id), [baselineId, m3, m6]);
  });

  test("creating a visit for another site's patient throws NotFoundError and writes nothing", async () => {
    const { patientId } = await patientWithBaseline(siteB);
    await refusedWritesNothing(db, () => addFollowUp(siteA, patientId, '2024-04-10'), NotFoundError);
  });

  test("updating another site's visit throws NotFoundError and writes nothing", async () => {
    const { patientId } = await patientWithBaseline(siteB);
    const followUpId = await addFollowUp(siteB, patientId, '2024-04-10');
    const visit = await readVisit(followUpId);
    const { reason, version, input } = editForm(visit, { cdasiActivity: '3' });
    await refusedWritesNothing(db, 
      () => updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: followUpId, version, reason, input }),
      NotFoundError,
    );
    assert.deepEqual(await readVisit(followUpId), visit);
  });
});

describe('editing a visit that someone else saved meanwhile is refused', () => {
  test('the second save with the same version throws ConflictError; the first one\'s values survive', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10', { cdasiActivity: '20' });
    const opened = await readVisit(id); // both users open the visit at version 1
    assert.equal(opened.version, 1);

    const first = editForm(opened, { cdasiActivity: '12' }, 'First reading corrected');
    await updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: id, ...first });

    const second = editForm(opened, { cdasiActivity: '30' }, 'Second reading');
    await refusedWritesNothing(db, () => updateVisit(db, { actorId: ACTOR_B, siteIds: [siteA], visitId: id, ...second }), ConflictError);

    const saved = await readVisit(id);
    assert.equal(saved.cdasiActivity, 12);
    assert.equal(saved.version, 2);
    assert.equal(saved.updatedBy, ACTOR_A);
  });

  test('two simultaneous saves of the same version: exactly one succeeds', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10', { cdasiActivity: '20' });
    const opened = await readVisit(id);
    const auditBefore = (await auditOf(id)).length;

    const results = await Promise.allSettled([
      updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: id, ...editForm(opened, { cdasiActivity: '11' }) }),
      updateVisit(db, { actorId: ACTOR_B, siteIds: [siteA], visitId: id, ...editForm(opened, { cdasiActivity: '22' }) }),
    ]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(lost.length, 1, 'exactly one save must be refused');
    assert.ok((lost[0] as PromiseRejectedResult).reason instanceof ConflictError, String((lost[0] as PromiseRejectedResult).reason));

    const saved = await readVisit(id);
    assert.equal(saved.version, 2);
    assert.equal(saved.cdasiActivity, won === 0 ? 11 : 22);
    assert.equal(saved.updatedBy, won === 0 ? ACTOR_A : ACTOR_B);
    assert.equal((await auditOf(id)).length, auditBefore + 1);
  });

  test('a save with the fresh version after a conflict succeeds', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10');
    const opened = await readVisit(id);
    await updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: id, ...editForm(opened, { haq: '1' }) });
    const reloaded = await readVisit(id);
    await updateVisit(db, { actorId: ACTOR_B, siteIds: [siteA], visitId: id, ...editForm(reloaded, { haq: '0.5' }) });
    const saved = await readVisit(id);
    assert.equal(saved.haq, 0.5);
    assert.equal(saved.version, 3);
  });
});

describe('a refused visit writes nothing', () => {
  test('a second baseline is refused on the visit type', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const e = (await refusedWritesNothing(db, 
      () => createVisit(db, { actorId: ACTOR_A, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-08', visitType: 'baseline' }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(Object.keys(e.fieldErrors), ['visitType']);
  });

  test('a follow-up on or before the baseline is refused on the date', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const expected = { '2024-01-05': 'There is already a visit on 2024-01-05', '2024-01-01': 'A follow-up must be dated after the baseline (2024-01-05)' };
    for (const [date, message] of Object.entries(expected)) {
      const e = (await refusedWritesNothing(db, () => addFollowUp(siteA, patientId, date), ValidationError)) as ValidationError;
      assert.deepEqual(e.fieldErrors, { visitDate: message });
    }
  });

  test('a follow-up without a baseline is refused', async () => {
    const { patientId } = await patientWithBaseline(siteA, { baseline: false });
    const e = (await refusedWritesNothing(db, () => addFollowUp(siteA, patientId, '2024-04-10'), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { visitType: 'This patient has no baseline visit: enter the baseline before any follow-up' });
  });

  test('a follow-up before the JAK inhibitor start is refused', async () => {
    const { patientId } = await patientWithBaseline(siteA); // baseline 2024-01-05, JAKi start 2024-01-10
    const e = (await refusedWritesNothing(db, () => addFollowUp(siteA, patientId, '2024-01-08'), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { visitDate: 'A follow-up cannot be before the JAK inhibitor start (2024-01-10)' });
  });

  test('a second visit on the same day is refused', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    await addFollowUp(siteA, patientId, '2024-04-10');
    const e = (await refusedWritesNothing(db, () => addFollowUp(siteA, patientId, '2024-04-10'), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { visitDate: 'There is already a visit on 2024-04-10' });
  });

  test('an edit that would misplace the visit is refused and leaves it as it was', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10');
    const visit = await readVisit(id);
    const e = (await refusedWritesNothing(db, 
      () => updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: id, ...editForm(visit, { visitDate: '2024-01-03', cdasiActivity: '1' }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(Object.keys(e.fieldErrors), ['visitDate']);
    assert.deepEqual(await readVisit(id), visit);
  });

  test('an edit of a follow-up into a second baseline is refused', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10');
    const visit = await readVisit(id);
    await refusedWritesNothing(db, 
      () => updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: id, ...editForm(visit, { visitType: 'baseline' }) }),
      ValidationError,
    );
    assert.deepEqual(await readVisit(id), visit);
  });

  test('an edit that keeps the visit in place is not refused by the visit itself', async () => {
    const { patientId, baselineId } = await patientWithBaseline(siteA);
    await addFollowUp(siteA, patientId, '2024-04-10');
    const baseline = await readVisit(baselineId!);
    await updateVisit(db, { actorId: ACTOR_A, siteIds: [siteA], visitId: baselineId!, ...editForm(baseline, { mmt8: '118' }) });
    assert.equal((await readVisit(baselineId!)).mmt8, 118);
  });
});

describe('every saved visit writes one audit entry', () => {
  test('a new visit: who, what, and the values saved', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const before = await counts();
    const id = await addFollowUp(siteA, patientId, '2024-04-10', { cdasiActivity: '14', ivig: 'ongoing', ivigDoseGKg: '2', ivigIntervalWeeks: '4' });
    assert.deepEqual(await counts(), { visits: before.visits + 1, audit: before.audit + 1 });

    const entries = await auditOf(id);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry!.actorId, ACTOR_A);
    assert.equal(entry!.action, 'create');
    assert.equal(entry!.entity, 'visit');
    assert.equal(entry!.entityId, id);
    assert.equal(entry!.before, null);
    assert.equal(entry!.reason, null);
    const saved = entry!.after as Record<string, unknown>;
    assert.equal(saved.id, id);
    assert.equal(saved.patientId, patientId);
    assert.equal(saved.visitDate, '2024-04-10');
    assert.equal(saved.cdasiActivity, 14);
    assert.equal(saved.ivigDoseGKg, 2);
    assert.equal(saved.version, 1);
  });

  test('an edit: who, the values before and after, and the reason', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10', { cdasiActivity: '14' });
    const before = await counts();
    const visit = await readVisit(id);
    await updateVisit(db, { actorId: ACTOR_B, siteIds: [siteA], visitId: id, ...editForm(visit, { cdasiActivity: '9' }, '  CDASI recounted  ') });
    assert.deepEqual(await counts(), { visits: before.visits, audit: before.audit + 1 });

    const entries = await auditOf(id);
    assert.deepEqual(entries.map((e) => e.action), ['create', 'update']);
    const update = entries[1]!;
    assert.equal(update.actorId, ACTOR_B);
    assert.equal(update.entity, 'visit');
    assert.equal(update.reason, 'CDASI recounted');
    assert.equal((update.before as Record<string, unknown>).cdasiActivity, 14);
    assert.equal((update.before as Record<string, unknown>).version, 1);
    assert.equal((update.after as Record<string, unknown>).cdasiActivity, 9);
    assert.equal((update.after as Record<string, unknown>).version, 2);
    assert.equal((update.after as Record<string, unknown>).updatedBy, ACTOR_B);
  });

  test('the audit entry and the calculator items are stored as JSON objects, not strings', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const id = await addFollowUp(siteA, patientId, '2024-04-10', {
      mmt8: '0',
      mmt8Items: {
        neckFlexors: 'T',
        right: { deltoid: 0, biceps: 0, wristExtensors: 0, gluteusMaximus: 0, gluteusMedius: 0, quadriceps: 0, ankleDorsiflexors: 0 },
        left: { deltoid: 0, biceps: 0, wristExtensors: 0, gluteusMaximus: 0, gluteusMedius: 0, quadriceps: 0, ankleDorsiflexors: 0 },
      },
    });
    const [row] = await selectRows<{ audit_type: string; items_type: string; neck: string }>(
      db,
      sql`select jsonb_typeof(a.after) as audit_type, jsonb_typeof(v.mmt8_items) as items_type, v.mmt8_items->>'neckFlexors' as neck
          from audit_log a join visit v on v.id::text = a.entity_id where a.entity_id = ${id}`,
    );
    assert.deepEqual(row, { audit_type: 'object', items_type: 'object', neck: 'T' });
    assert.equal((await readVisit(id)).mmt8Items?.neckFlexors, 'T');
  });
});

describe('two baselines saved at the same moment', () => {
  test('exactly one lands, the other is refused on the visit type', async () => {
    for (let round = 0; round < 5; round++) {
      const { patientId } = await patientWithBaseline(siteA, { baseline: false });
      const results = await Promise.allSettled([
        createVisit(db, { actorId: ACTOR_A, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) }),
        createVisit(db, { actorId: ACTOR_B, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-06', visitType: 'baseline' }) }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}`);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused.reason instanceof ValidationError, String(refused.reason));
      assert.ok('visitType' in refused.reason.fieldErrors);

      const stored = await db.select().from(visits).where(and(eq(visits.patientId, patientId), eq(visits.visitType, 'baseline')));
      assert.equal(stored.length, 1);
      const audited = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'visit'), eq(auditLog.entityId, stored[0]!.id)));
      assert.equal(audited.length, 1);
    }
  });

  test('two follow-ups on the same day at the same moment: exactly one lands', async () => {
    const { patientId } = await patientWithBaseline(siteA);
    const results = await Promise.allSettled([addFollowUp(siteA, patientId, '2024-04-10'), addFollowUp(siteA, patientId, '2024-04-10')]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason instanceof ValidationError);
    assert.equal((await listVisits(db, { patientId, siteIds: [siteA] })).length, 2);
  });
});

describe("a visit against the patient's course (contract v2), refused at its field, writing nothing", () => {
  async function patient(fields: Record<string, unknown>) {
    return createPatient(db, { actorId: ACTOR_A, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId, ...fields }) });
  }

  test('the baseline lies from 90 days before to 14 days after the JAKi start', async () => {
    const patientId = await patient({});
    const base = (visitDate: string) => createVisit(db, { actorId: ACTOR_A, siteIds: [siteA], patientId, input: visitInput({ visitDate, visitType: 'baseline' }) });
    const e = (await refusedWritesNothing(db, () => base('2024-07-28'), ValidationError)) as ValidationError;
    assert.match(e.fieldErrors.visitDate!, /^The baseline must lie from 90 days before to 14 days after the JAK inhibitor start \(2023-10-12 to 2024-01-24\); this date is 200 days after it$/);
    await base('2024-01-24');
  });

  test('no visit after the death; none after the follow-up end; no JAKi dose after the stop', async () => {
    const dead = await patient({ jakiStopDate: '2024-05-01', jakiStopReason: 'death', deathDate: '2024-05-01' });
    await createVisit(db, { actorId: ACTOR_A, siteIds: [siteA], patientId: dead, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
    const late = (await refusedWritesNothing(db, () => addFollowUp(siteA, dead, '2025-11-01', { jakiDoseMgDay: '' }), ValidationError)) as ValidationError;
    assert.deepEqual(late.fieldErrors, { visitDate: 'No visit can be dated after 2024-05-01: the patient died on 2024-05-01' });

    const stopped = await patient({ jakiStopDate: '2024-03-01', jakiStopReason: 'inefficacy', followUpEndDate: '2024-09-30' });
    await createVisit(db, { actorId: ACTOR_A, siteIds: [siteA], patientId: stopped, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
    const dosed = (await refusedWritesNothing(db, () => addFollowUp(siteA, stopped, '2024-04-10'), ValidationError)) as ValidationError;
    assert.deepEqual(dosed.fieldErrors, { jakiDoseMgDay: 'The JAK inhibitor was stopped on 2024-03-01: leave the dose empty (or 0) for a later visit' });
    await addFollowUp(siteA, stopped, '2024-04-10', { jakiDoseMgDay: '' });
    const ended = (await refusedWritesNothing(db, () => addFollowUp(siteA, stopped, '2024-10-01', { jakiDoseMgDay: '0' }), ValidationError)) as ValidationError;
    assert.deepEqual(ended.fieldErrors, { visitDate: "No visit can be dated after 2024-09-30: the patient's follow-up ended on 2024-09-30" });
  });

  test("an edit of the patient that would leave a visit outside its course is refused at the patient's field", async () => {
    const { patientId } = await patientWithBaseline(siteA);
    await addFollowUp(siteA, patientId, '2024-04-10');
    const edit = (fields: Record<string, unknown>) => () =>
      updatePatient(db, { actorId: ACTOR_A, siteIds: [siteA], patientId, version: 1, reason: 'Corrected from the letter', input: patientInput({ siteId: siteA, cohortId, ...fields }) });
    const death = (await refusedWritesNothing(db, edit({ deathDate: '2024-03-01' }), ValidationError)) as ValidationError;
    assert.deepEqual(death.fieldErrors, { deathDate: 'There is a visit on 2024-04-10, after this date' });
    const stop = (await refusedWritesNothing(db, edit({ jakiStopDate: '2024-03-01', jakiStopReason: 'inefficacy' }), ValidationError)) as ValidationError;
    assert.deepEqual(stop.fieldErrors, { jakiStopDate: 'The visit of 2024-04-10 records a JAK inhibitor dose (4 mg/day) after this stop date' });
    const start = (await refusedWritesNothing(db, edit({ jakiStartDate: '2024-06-01' }), ValidationError)) as ValidationError;
    assert.deepEqual(start.fieldErrors, { jakiStartDate: 'The baseline visit (2024-01-05) must lie from 90 days before to 14 days after the JAK inhibitor start' });
  });
});
