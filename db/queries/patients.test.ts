import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { patientEditSchema } from '@/lib/schemas/patient';
import type { Db } from '../client';
import { auditLog, patients, visits } from '../schema';
import { countRows, createTestDatabase, makeCohort, makeSite, patientInput, uniqueCode, visitInput, type TestDatabase, refusedWritesNothing } from '@/test-support/db';
import { createPatient, getPatient, listPatients, updatePatient } from './patients';
import { createVisit } from './visits';

let t: TestDatabase;
let db: Db;
let siteA: { id: string; code: string };
let siteB: { id: string; code: string };
let cohortId: string;
const ACTOR = 'user-coordinator';
const OTHER_ACTOR = 'user-clinician';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = await makeSite(db);
  siteB = await makeSite(db);
  cohortId = (await makeCohort(db)).id;
});

after(async () => {
  await t?.cleanup();
});

async function newPatient(siteId: string, fields: Record<string, unknown> = {}) {
  return createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId, ...fields }) });
}

async function readPatient(id: string) {
  const [row] = await db.select().from(patients).where(eq(patients.id, id));
  assert.ok(row, `patient ${id} should exist`);
  return row;
}

/** An edit as the patient edit form sends it. */
function editForm(p: typeof patients.$inferSelect, changes: Record<string, unknown>, reason = 'Corrected from the clinic letter') {
  const { reason: r, version, ...input } = patientEditSchema.parse({
    code: p.code,
    siteId: p.siteId,
    cohortId: p.cohortId,
    sex: p.sex,
    birthYear: String(p.birthYear),
    diagnosisDate: p.diagnosisDate ?? '',
    dmSubtype: p.dmSubtype ?? '',
    antibodies: p.antibodies,
    previousTreatments: p.previousTreatments,
    ild: p.ild === null ? '' : p.ild ? 'yes' : 'no',
    jakiDrug: p.jakiDrug,
    jakiDoseMgDay: String(p.jakiDoseMgDay),
    jakiStartDate: p.jakiStartDate,
    jakiStopDate: p.jakiStopDate ?? '',
    jakiStopReason: p.jakiStopReason ?? '',
    deathDate: p.deathDate ?? '',
    deathCause: p.deathCause ?? '',
    version: String(p.version),
    reason,
    ...changes,
  });
  return { reason: r, version, input };
}

async function counts() {
  return { patients: await countRows(db, patients), visits: await countRows(db, visits), audit: await countRows(db, auditLog) };
}

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id));
}

describe('patients are scoped to the user\'s sites', () => {
  test('listPatients gives only the patients of the given sites', async () => {
    const a = await newPatient(siteA.id);
    const b = await newPatient(siteB.id);
    const ofA = (await listPatients(db, { siteIds: [siteA.id] })).map((p) => p.id);
    const ofB = (await listPatients(db, { siteIds: [siteB.id] })).map((p) => p.id);
    assert.ok(ofA.includes(a) && !ofA.includes(b));
    assert.ok(ofB.includes(b) && !ofB.includes(a));
    const ofBoth = (await listPatients(db, { siteIds: [siteA.id, siteB.id] })).map((p) => p.id);
    assert.ok(ofBoth.includes(a) && ofBoth.includes(b));
    assert.deepEqual(await listPatients(db, { siteIds: [] }), []);
  });

  test("getPatient of another site's patient is null", async () => {
    const b = await newPatient(siteB.id);
    assert.equal(await getPatient(db, { patientId: b, siteIds: [siteA.id] }), null);
    assert.equal(await getPatient(db, { patientId: b, siteIds: [] }), null);
    assert.equal(await getPatient(db, { patientId: 'not-a-uuid', siteIds: [siteA.id] }), null);
    const found = await getPatient(db, { patientId: b, siteIds: [siteB.id] });
    assert.equal(found?.patient.id, b);
    assert.equal(found?.siteCode, siteB.code);
  });

  test("updating another site's patient throws NotFoundError and writes nothing", async () => {
    const b = await newPatient(siteB.id);
    const patient = await readPatient(b);
    // the user of site A sends the edit with their own site, as their form would
    const edit = editForm(patient, { siteId: siteA.id, jakiDoseMgDay: '2' });
    await refusedWritesNothing(db, () => updatePatient(db, { actorId: OTHER_ACTOR, siteIds: [siteA.id], patientId: b, ...edit }), NotFoundError);
    assert.deepEqual(await readPatient(b), patient);
  });

  test('updating a malformed patient id throws NotFoundError, not a database fault', async () => {
    const patient = await readPatient(await newPatient(siteA.id));
    await refusedWritesNothing(db, 
      () => updatePatient(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: 'not-a-uuid', ...editForm(patient, {}) }),
      NotFoundError,
    );
  });

  test("an edit naming another site is refused, so a patient cannot be moved out of the user's sites", async () => {
    const a = await newPatient(siteA.id);
    const patient = await readPatient(a);
    const e = (await refusedWritesNothing(db, 
      () => updatePatient(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: a, ...editForm(patient, { siteId: siteB.id }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(Object.keys(e.fieldErrors), ['siteId']);
    assert.deepEqual(await readPatient(a), patient);
  });

  test('creating a patient in a site the user does not work at throws ValidationError and writes nothing', async () => {
    const e = (await refusedWritesNothing(db, 
      () => createPatient(db, { actorId: ACTOR, siteIds: [siteA.id], input: patientInput({ siteId: siteB.id, cohortId }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(e.fieldErrors, { siteId: 'Choose one of your sites' });
  });
});

describe('the patient list', () => {
  test('shows the visit dates and whether there is a baseline', async () => {
    const site = await makeSite(db);
    const withVisits = await newPatient(site.id);
    const without = await newPatient(site.id);
    await createVisit(db, { actorId: ACTOR, siteIds: [site.id], patientId: withVisits, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
    await createVisit(db, { actorId: ACTOR, siteIds: [site.id], patientId: withVisits, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' }) });
    const rows = await listPatients(db, { siteIds: [site.id] });
    const w = rows.find((r) => r.id === withVisits)!;
    const n = rows.find((r) => r.id === without)!;
    assert.deepEqual(w.visitDates, ['2024-01-05', '2024-04-10']);
    assert.equal(w.hasBaseline, true);
    assert.deepEqual(n.visitDates, []);
    assert.equal(n.hasBaseline, false);
    assert.equal(w.siteCode, site.code);
  });

  test('searches codes literally: % and _ are not wildcards', async () => {
    const site = await makeSite(db);
    const tag = uniqueCode('Q').replace(/-/g, '');
    await newPatient(site.id, { code: `${tag}_01` });
    await newPatient(site.id, { code: `${tag}X01` });
    assert.deepEqual((await listPatients(db, { siteIds: [site.id], q: `${tag}_` })).map((p) => p.code), [`${tag}_01`]);
    assert.deepEqual((await listPatients(db, { siteIds: [site.id], q: `${tag.toLowerCase()}x` })).map((p) => p.code), [`${tag}X01`]);
    assert.deepEqual(await listPatients(db, { siteIds: [site.id], q: '%' }), []);
  });
});

describe('a refused patient writes nothing', () => {
  test('a duplicate patient code is refused on the code', async () => {
    const code = uniqueCode('DUP');
    await newPatient(siteA.id, { code });
    const e = (await refusedWritesNothing(db, () => newPatient(siteB.id, { code }), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { code: `Patient code ${code} is already in use` });
  });

  test('an edit to a code already in use is refused and leaves the patient as it was', async () => {
    const taken = uniqueCode('TAKEN');
    await newPatient(siteA.id, { code: taken });
    const id = await newPatient(siteA.id);
    const patient = await readPatient(id);
    const e = (await refusedWritesNothing(db, 
      () => updatePatient(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: id, ...editForm(patient, { code: taken }) }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(e.fieldErrors, { code: `Patient code ${taken} is already in use` });
    assert.deepEqual(await readPatient(id), patient);
  });

  test('an unknown cohort is refused on the cohort', async () => {
    const e = (await refusedWritesNothing(db, 
      () => newPatient(siteA.id, { cohortId: '00000000-0000-4000-8000-000000000000' }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(e.fieldErrors, { cohortId: 'Choose a cohort from the list' });
  });
});

describe('editing a patient that someone else saved meanwhile is refused', () => {
  test('the second save with the same version throws ConflictError; the first survives', async () => {
    const id = await newPatient(siteA.id);
    const opened = await readPatient(id);
    await updatePatient(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: id, ...editForm(opened, { jakiDoseMgDay: '2' }) });
    await refusedWritesNothing(db, 
      () => updatePatient(db, { actorId: OTHER_ACTOR, siteIds: [siteA.id], patientId: id, ...editForm(opened, { jakiDoseMgDay: '8' }) }),
      ConflictError,
    );
    const saved = await readPatient(id);
    assert.equal(saved.jakiDoseMgDay, 2);
    assert.equal(saved.version, 2);
  });

  test('two simultaneous saves of the same version: exactly one succeeds', async () => {
    const id = await newPatient(siteA.id);
    const opened = await readPatient(id);
    const results = await Promise.allSettled([
      updatePatient(db, { actorId: ACTOR, siteIds: [siteA.id], patientId: id, ...editForm(opened, { jakiDoseMgDay: '2' }) }),
      updatePatient(db, { actorId: OTHER_ACTOR, siteIds: [siteA.id], patientId: id, ...editForm(opened, { jakiDoseMgDay: '8' }) }),
    ]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok((results[1 - won] as PromiseRejectedResult).reason instanceof ConflictError);
    const saved = await readPatient(id);
    assert.equal(saved.version, 2);
    assert.equal(saved.jakiDoseMgDay, won === 0 ? 2 : 8);
    assert.deepEqual((await auditOf(id)).map((e) => e.action), ['create', 'update']);
  });
});

describe('every saved patient writes one audit entry', () => {
  test('a new patient: who, what, and the values saved', async () => {
    const before = await counts();
    const code = uniqueCode('AUD');
    const id = await newPatient(siteA.id, { code });
    const after = await counts();
    assert.deepEqual(after, { ...before, patients: before.patients + 1, audit: before.audit + 1 });

    const entries = await auditOf(id);
    assert.equal(entries.length, 1);
    const entry = entries[0]!;
    assert.equal(entry.actorId, ACTOR);
    assert.equal(entry.action, 'create');
    assert.equal(entry.entity, 'patient');
    assert.equal(entry.before, null);
    assert.equal(entry.reason, null);
    const saved = entry.after as Record<string, unknown>;
    assert.equal(saved.id, id);
    assert.equal(saved.code, code);
    assert.equal(saved.jakiDrug, 'baricitinib');
    assert.equal(saved.createdBy, ACTOR);
  });

  test('an edit: who, before and after, and the reason', async () => {
    const id = await newPatient(siteA.id);
    const patient = await readPatient(id);
    const before = await counts();
    await updatePatient(db, {
      actorId: OTHER_ACTOR,
      siteIds: [siteA.id],
      patientId: id,
      ...editForm(patient, { jakiStopDate: '2024-06-01', jakiStopReason: 'adverse_event' }, 'JAKi stopped for zoster'),
    });
    assert.deepEqual(await counts(), { ...before, audit: before.audit + 1 });

    const update = (await auditOf(id))[1]!;
    assert.equal(update.actorId, OTHER_ACTOR);
    assert.equal(update.action, 'update');
    assert.equal(update.entity, 'patient');
    assert.equal(update.reason, 'JAKi stopped for zoster');
    assert.equal((update.before as Record<string, unknown>).jakiStopDate, null);
    assert.equal((update.after as Record<string, unknown>).jakiStopDate, '2024-06-01');
    assert.equal((update.after as Record<string, unknown>).jakiStopReason, 'adverse_event');
    assert.equal((update.after as Record<string, unknown>).version, 2);
  });
});
