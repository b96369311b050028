import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, recordCounts, refusedWritesNothing, visitInput, type TestDatabase } from '@/test-support/db';
import { files, patientCells, visitCells } from '@/test-support/interchange';
import type { Db } from '../client';
import { auditLog, cohorts } from '../schema';
import { createAdverseEvent } from './adverse-events';
import { changeText, describeChanges } from '@/lib/audit/describe';
import { listAuditTrail } from './audit-trail';
import { getCohortLock, setCohortLock } from './cohort-lock';
import { userNames } from './history';
import { importCohort } from './import';
import { lockPatient } from './lock';
import { createPatient, updatePatient } from './patients';
import { createUser } from './users';
import { createVisit, updateVisit } from './visits';
import { voidVisit } from './void';

// A cohort locked for analysis refuses every write to its patients' records, from a form or an
// import, and writes nothing; the lock and the unlock are audited with their reason.

let t: TestDatabase;
let db: Db;
let siteId: string;
let site: string;
let cohort: { id: string; code: string };
let open: { id: string; code: string };
const ACTOR = 'user-coordinator';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  const s = await makeSite(db);
  siteId = s.id;
  site = s.code;
  cohort = await makeCohort(db);
  open = await makeCohort(db);
});

after(async () => {
  await t?.cleanup();
});

const scope = () => ({ actorId: 'user-clinician', siteIds: [siteId] });

test('a locked cohort refuses every write to its records, and the unlock lets them through again', async () => {
  const patientId = await createPatient(db, { ...scope(), input: patientInput({ siteId, cohortId: cohort.id }) });
  const visitId = await createVisit(db, { ...scope(), patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  const otherPatient = await createPatient(db, { ...scope(), input: patientInput({ siteId, cohortId: open.id }) });

  await setCohortLock(db, { actorId: ACTOR, cohortCode: cohort.code, locked: true, reason: 'Database lock for the 2024 analysis' });
  const found = await getCohortLock(db, cohort.code);
  assert.equal(found?.lock?.reason, 'Database lock for the 2024 analysis');
  assert.equal(found?.lock?.lockedBy, ACTOR);

  const refused = (await refusedWritesNothing(
    db,
    () => createVisit(db, { ...scope(), patientId, input: visitInput({ visitDate: '2024-04-05', visitType: 'follow_up' }) }),
    ConflictError,
  )) as Error;
  assert.match(refused.message, new RegExp(`Cohort ${cohort.code} is locked for analysis since .* UTC.*Nothing was saved`));
  await refusedWritesNothing(db, () => updateVisit(db, { ...scope(), visitId, version: 1, reason: 'CK corrected', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '200' }) }), ConflictError);
  await refusedWritesNothing(db, () => voidVisit(db, { ...scope(), id: visitId, version: 1, reason: 'entered twice' }), ConflictError);
  const aeInput = adverseEventSchema.parse({ term: 'Zoster', category: 'other', onsetDate: '2024-03-01', endDate: '2024-03-20', ctcaeGrade: '2', outcome: 'recovered' });
  await refusedWritesNothing(db, () => createAdverseEvent(db, { ...scope(), patientId, input: aeInput }), ConflictError);
  await refusedWritesNothing(db, () => createPatient(db, { ...scope(), input: patientInput({ siteId, cohortId: cohort.id }) }), ConflictError);
  // Moving a patient of an open cohort into the locked one is a write to the locked cohort too.
  const moving = patientInput({ siteId, cohortId: cohort.id });
  await refusedWritesNothing(db, () => updatePatient(db, { ...scope(), patientId: otherPatient, version: 1, reason: 'wrong cohort', input: moving }), ConflictError);

  // The open cohort is not held up.
  await createVisit(db, { ...scope(), patientId: otherPatient, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });

  await setCohortLock(db, { actorId: ACTOR, cohortCode: cohort.code, locked: false, reason: 'Query from the statistician: CK to correct' });
  assert.equal((await getCohortLock(db, cohort.code))?.lock, null);
  await updateVisit(db, { ...scope(), visitId, version: 1, reason: 'CK corrected', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '200' }) });

  const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, cohort.id));
  const lockEntries = entries.filter((e) => e.action === 'lock' || e.action === 'unlock');
  assert.deepEqual(
    lockEntries.map((e) => [e.action, e.actorId, e.reason]),
    [
      ['lock', ACTOR, 'Database lock for the 2024 analysis'],
      ['unlock', ACTOR, 'Query from the statistician: CK to correct'],
    ],
  );
  assert.equal((lockEntries[1]!.before as { lockedBy: string }).lockedBy, ACTOR);
});

test('locking twice, unlocking an open cohort or an unknown one is refused and writes nothing', async () => {
  const c = await makeCohort(db);
  await setCohortLock(db, { actorId: ACTOR, cohortCode: c.code, locked: true, reason: 'analysis' });
  await refusedWritesNothing(db, () => setCohortLock(db, { actorId: ACTOR, cohortCode: c.code, locked: true, reason: 'again' }), ConflictError);
  await setCohortLock(db, { actorId: ACTOR, cohortCode: c.code, locked: false, reason: 'done' });
  await refusedWritesNothing(db, () => setCohortLock(db, { actorId: ACTOR, cohortCode: c.code, locked: false, reason: 'again' }), ConflictError);
  await refusedWritesNothing(db, () => setCohortLock(db, { actorId: ACTOR, cohortCode: 'NO-SUCH', locked: true, reason: 'x y z' }), NotFoundError);
});

test('an import into a locked cohort is refused line by line, naming the cohort, and writes nothing', async () => {
  const c = await makeCohort(db);
  const first = await importCohort(db, { actorId: ACTOR, files: files({ patients: [patientCells({ patient_code: 'LCK-001', site, cohort: c.code })], visits: [visitCells({ patient_code: 'LCK-001' })], events: [] }) });
  assert.ok(first.ok, JSON.stringify(first));
  await setCohortLock(db, { actorId: ACTOR, cohortCode: c.code, locked: true, reason: 'analysis' });

  const before = await recordCounts(db);
  const result = await importCohort(db, {
    actorId: ACTOR,
    files: files({
      patients: [patientCells({ patient_code: 'LCK-002', site, cohort: c.code })],
      visits: [visitCells({ patient_code: 'LCK-001', visit_date: '2024-04-10', visit_type: 'follow_up' }), visitCells({ patient_code: 'LCK-002' })],
      events: [],
    }),
  });
  assert.equal(result.ok, false);
  const problems = result.ok ? [] : result.problems;
  const today = new Date().toISOString().slice(0, 10);
  assert.ok(problems.includes(`patients.csv:2: cohort: cohort ${c.code} is locked for analysis since ${today}: nothing can be imported into it until a coordinator unlocks it`), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('visits.csv:2: patient_code: cohort') && p.includes('locked for analysis')), problems.join('\n'));
  assert.deepEqual(await recordCounts(db), before);
});

test('a write under way when the lock comes finishes first; the lock waits for it', postgresOnly('PGlite runs one transaction at a time'), async () => {
  const patientId = await createPatient(db, { ...scope(), input: patientInput({ siteId, cohortId: open.id }) });
  const order: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const patientLocked = new Promise<void>((resolve) => (locked = resolve));
  const writer = db.transaction(async (tx) => {
    await lockPatient(tx, patientId, [siteId]);
    locked();
    await released;
    order.push('write committed');
  });
  await patientLocked;
  const lock = setCohortLock(db, { actorId: ACTOR, cohortCode: open.code, locked: true, reason: 'analysis' }).then(() => order.push('cohort locked'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(order, [], 'the lock waits for the write');
  release();
  await Promise.all([writer, lock]);
  assert.deepEqual(order, ['write committed', 'cohort locked']);
  const [row] = await db.select({ lockedAt: cohorts.lockedAt }).from(cohorts).where(eq(cohorts.id, open.id));
  assert.ok(row?.lockedAt);
  await setCohortLock(db, { actorId: ACTOR, cohortCode: open.code, locked: false, reason: 'reopen' });
});

test("the lock's entry names who locked it from one query for the page; the stored entry keeps the id", async () => {
  const site = await makeSite(db);
  const lockerId = await createUser(db, { actorId: 'system:test', input: { name: 'Cora Ordinator', email: 'cora@lock.test', role: 'coordinator', siteIds: [site.id], password: 'a-long-enough-password' } });
  const target = await makeCohort(db);
  await setCohortLock(db, { actorId: lockerId, cohortCode: target.code, locked: true, reason: 'Analysis' });
  await setCohortLock(db, { actorId: lockerId, cohortCode: target.code, locked: false, reason: 'Analysis done' });
  const { entries } = await listAuditTrail(db, { filters: { entity: 'cohort', entityId: target.id } });
  assert.deepEqual(entries.map((e) => e.action), ['unlock', 'lock']);
  const names = await userNames(db, entries);
  assert.deepEqual(names, { [lockerId]: 'Cora Ordinator' });
  const said = entries.map((e) => describeChanges(e.entity, e.before, e.after, names).filter((c) => c.key === 'lockedBy').map(changeText));
  assert.deepEqual(said, [['Locked by: Cora Ordinator → —'], ['Locked by: — → Cora Ordinator']]);
  assert.equal((entries[1]!.after as { lockedBy: string }).lockedBy, lockerId, 'the entry itself is unchanged');
  assert.deepEqual(await userNames(db, [{ before: null, after: { name: 'no user here' } }]), {});
});
