import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGroupedReport, makeReport } from '@/server/make-report';
import { recordExport } from '../audit';
import type { Db } from '../client';
import { databaseWithPilot, visitInput } from '@/test-support/db';
import { listPatients } from './patients';
import { createVisit } from './visits';

// The server keeps reports between requests: the same report object comes back while the
// data is unchanged (reads and exports do not count), and a new one after any write.

let db: Db;
let siteIds: string[];

databaseWithPilot((world) => ({ db, siteIds } = world));

test('a report is reused while the data is unchanged, and recomputed after a write', async () => {
  const first = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds });
  assert.ok(first);
  await recordExport(db, { actorId: 'system:test', entity: 'report', entityId: 'E2E-PILOT', details: { format: 'json' } });
  assert.equal(await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds }), first, 'an export changes no data');
  assert.equal((await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds: [] }))?.patients, 0, 'another scope is another report');

  const [patient] = await listPatients(db, { siteIds, q: 'E2E-P4' });
  assert.ok(patient);
  await createVisit(db, { actorId: 'system:test', siteIds, patientId: patient.id, input: visitInput({ visitDate: '2024-10-01', visitType: 'follow_up', cdasiActivity: 1, jakiDoseMgDay: null }) });
  const after = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds });
  assert.ok(after);
  assert.notEqual(after, first);
  assert.equal(after.measures.cdasi_activity.final.mean, (6 + 8 + 9 + 1) / 4);
});

test('a split report is kept under a key of its own, one per grouping', async () => {
  const byDrug = await makeGroupedReport(db, { cohortCode: 'E2E-PILOT', siteIds, by: 'drug' });
  assert.ok(byDrug);
  assert.deepEqual(
    byDrug.groups.map((g) => [g.key, g.report.patients]),
    [
      ['baricitinib', 2],
      ['ruxolitinib', 2],
    ],
  );
  assert.equal(await makeGroupedReport(db, { cohortCode: 'E2E-PILOT', siteIds, by: 'drug' }), byDrug, 'kept');
  const plain = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds });
  assert.deepEqual(byDrug.all, plain, 'the all-patients report is the report');

  const byAntibody = await makeGroupedReport(db, { cohortCode: 'E2E-PILOT', siteIds, by: 'antibody' });
  assert.notEqual(byAntibody, byDrug);
  // The antibodies as the database holds them (a text array), one patient each.
  assert.deepEqual(
    byAntibody?.groups.map((g) => [g.key, g.label, g.report.patients]),
    [
      ['mda5', 'MDA5', 1],
      ['none', 'None', 1],
      ['nxp2', 'NXP-2', 1],
      ['tif1g', 'TIF1-γ', 1],
    ],
  );
  assert.equal(await makeGroupedReport(db, { cohortCode: 'NO-SUCH', siteIds, by: 'site' }), null);
});
