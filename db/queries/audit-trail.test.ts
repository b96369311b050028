import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { relapseSchema } from '@/lib/schemas/relapse';
import type { Db } from '../client';
import { sql } from 'drizzle-orm';
import { createTestDatabase, makeCohort, makeSite, patientInput, visitInput, type TestDatabase } from '@/test-support/db';
import { patients } from '../schema';
import { createAdverseEvent } from './adverse-events';
import { auditTrailCsv, listAuditTrail } from './audit-trail';
import { createPatient, patientCodeStartsWith } from './patients';
import { createRelapse } from './relapses';
import { createVisit } from './visits';

let t: TestDatabase;
let db: Db;
const ids = { siteA: '', siteB: '', cohort: '', patientA: '', patientB: '', visitB: '', eventB: '', relapseB: '' };

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  ids.siteA = (await makeSite(db)).id;
  ids.siteB = (await makeSite(db)).id;
  const cohortId = (ids.cohort = (await makeCohort(db)).id);
  const all = [ids.siteA, ids.siteB];
  ids.patientA = await createPatient(db, { actorId: 'user-a', siteIds: all, input: patientInput({ siteId: ids.siteA, cohortId }) });
  ids.patientB = await createPatient(db, { actorId: 'user-b', siteIds: all, input: patientInput({ siteId: ids.siteB, cohortId }) });
  ids.visitB = await createVisit(db, { actorId: 'user-b', siteIds: all, patientId: ids.patientB, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  ids.eventB = await createAdverseEvent(db, {
    actorId: 'user-b',
    siteIds: all,
    patientId: ids.patientB,
    input: adverseEventSchema.parse({ term: 'Zoster', category: 'herpes_zoster', onsetDate: '2024-05-02', ongoing: true, ctcaeGrade: '2' }),
  });
  ids.relapseB = await createRelapse(db, {
    actorId: 'user-b',
    siteIds: all,
    patientId: ids.patientB,
    input: relapseSchema.parse({ relapseDate: '2024-06-01', domain: 'muscle' }),
  });
  await db.transaction(async (tx) => {
    const { writeAudit } = await import('../audit');
    await writeAudit(tx, { actorId: 'user-a', action: 'sign_in', entity: 'session', entityId: 'session-1', after: {} });
  });
});

after(async () => {
  await t?.cleanup();
});

describe('the audit trail seen from some sites', () => {
  test("another site's patient, visit, adverse event and relapse entries are hidden; entries about no patient stay", async () => {
    const { entries, total } = await listAuditTrail(db, { filters: { siteIds: [ids.siteA] } });
    const about = entries.map((e) => e.entityId);
    assert.ok(about.includes(ids.patientA));
    assert.ok(about.includes('session-1'));
    for (const hidden of [ids.patientB, ids.visitB, ids.eventB, ids.relapseB]) assert.ok(!about.includes(hidden), `${hidden} should be hidden`);
    assert.equal(total, entries.length);
  });

  test('without a site scope (an admin) every entry is listed', async () => {
    const { entries } = await listAuditTrail(db, { filters: {} });
    const about = entries.map((e) => e.entityId);
    for (const id of [ids.patientA, ids.patientB, ids.visitB, ids.eventB, ids.relapseB, 'session-1']) assert.ok(about.includes(id));
  });

  test('the CSV export applies the same scope', async () => {
    const csv = await auditTrailCsv(db, { filters: { siteIds: [ids.siteA] } });
    assert.ok(csv.includes(ids.patientA));
    assert.ok(!csv.includes(ids.patientB));
  });

  test('a user with no sites sees no clinical entries', async () => {
    const { entries } = await listAuditTrail(db, { filters: { siteIds: [] } });
    assert.deepEqual(entries.map((e) => e.entity), ['session']);
  });
});

describe('the patient filter matches the beginning of a code', () => {
  test('"wlk" finds WLK-001 and WLK-002, in any case, and not a code that only holds it; LIKE wildcards are taken literally', async () => {
    const all = [ids.siteA, ids.siteB];
    const made: Record<string, string> = {};
    for (const code of ['WLK-001', 'WLK-002', 'XWLK-003', 'A_B-1', 'AXB-1'])
      made[code] = await createPatient(db, { actorId: 'user-a', siteIds: all, input: patientInput({ siteId: ids.siteA, cohortId: ids.cohort, code }) });
    const found = async (prefix: string) => (await listAuditTrail(db, { filters: { patientCodePrefix: prefix } })).entries.map((e) => e.record.patientCode).sort();
    assert.deepEqual(await found('wlk'), ['WLK-001', 'WLK-002']);
    assert.deepEqual(await found('WLK-001'), ['WLK-001']);
    assert.deepEqual(await found('A_B'), ['A_B-1'], 'the _ is no wildcard');
    assert.deepEqual(await found('NOPE'), []);
    // Another site's auditor finds none of them by their prefix.
    assert.equal((await listAuditTrail(db, { filters: { patientCodePrefix: 'WLK', siteIds: [ids.siteB] } })).total, 0);
  });

  test('the prefix is read through the index on upper(code)', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return JSON.stringify(await tx.execute(sql`explain select ${patients.id} from ${patients} where ${patientCodeStartsWith('wlk')}`));
    });
    assert.match(plan, /patient_code_upper_idx/);
  });
});
