import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { relapseSchema } from '@/lib/schemas/relapse';
import type { Db } from '../client';
import { createTestDatabase, makeCohort, makeSite, patientInput, visitInput, type TestDatabase } from '@/test-support/db';
import { createAdverseEvent } from './adverse-events';
import { auditTrailCsv, listAuditTrail } from './audit-trail';
import { createPatient } from './patients';
import { createRelapse } from './relapses';
import { createVisit } from './visits';

let t: TestDatabase;
let db: Db;
const ids = { siteA: '', siteB: '', patientA: '', patientB: '', visitB: '', eventB: '', relapseB: '' };

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  ids.siteA = (await makeSite(db)).id;
  ids.siteB = (await makeSite(db)).id;
  const cohortId = (await makeCohort(db)).id;
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
