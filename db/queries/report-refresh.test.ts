import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { buildReport } from '@/lib/cohort/report';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { relapseSchema } from '@/lib/schemas/relapse';
import { makeReport } from '@/server/make-report';
import { databaseWithTwoSites, patientInput, visitInput } from '@/test-support/db';
import { dataVersion, patientsChangedBetween } from '../audit';
import type { Db } from '../client';
import { cohorts } from '../schema';
import { createAdverseEvent } from './adverse-events';
import { updateCohortSettings } from './cohort-settings';
import { createPatient, getPatient, updatePatient } from './patients';
import { loadReportData, loadReportInput, refreshReportData, reportInputOf } from './report';
import { createRelapse } from './relapses';
import { createUser } from './users';
import { createVisit, getVisit, updateVisit } from './visits';
import { voidAdverseEvent, voidPatient, voidVisit } from './void';

// After a change, a server reads again only the patients the audit trail names since its
// last read (server/make-report.ts). Each write here must name the right patients, and the
// data brought up to date that way must be exactly what a whole new read gives.

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
let cohortCode: string;
const actorId = 'system:test';
const TODAY = '2025-06-01';

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

/** The report's scope: site A only, so that a patient can leave it for site B. */
const scope = () => ({ cohortCode, siteIds: [siteA] });
const all = () => [siteA, siteB];

/**
 * Runs `write`, then checks which patients patientsChangedBetween names for it (`expected`;
 * null: everything must be read again) and that the data read before, refreshed with them,
 * is what loadReportInput reads now.
 */
async function afterWrite(write: () => Promise<unknown>, expected: () => string[] | null) {
  const since = await dataVersion(db);
  const before = await loadReportData(db, scope());
  assert.ok(before);
  await write();
  const until = await dataVersion(db);
  const changed = await patientsChangedBetween(db, { since, until, max: 50 });
  const wanted = expected();
  assert.deepEqual(changed && [...changed].sort(), wanted && [...wanted].sort());
  if (!changed) return;
  const refreshed = await refreshReportData(db, before, changed);
  assert.ok(refreshed);
  assert.deepEqual(reportInputOf(refreshed, TODAY), await loadReportInput(db, { ...scope(), today: TODAY }));
}

async function newPatient(siteId: string, fields: Record<string, unknown> = {}) {
  const id = await createPatient(db, { actorId, siteIds: all(), input: patientInput({ siteId, cohortId, ...fields }) });
  await createVisit(db, { actorId, siteIds: all(), patientId: id, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  await createVisit(db, { actorId, siteIds: all(), patientId: id, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up', cdasiActivity: '12' }) });
  return id;
}

/** The patient's code and version, for an edit (the other fields are patientInput's, as when it was made). */
async function saved(id: string) {
  const found = await getPatient(db, { patientId: id, siteIds: all() });
  assert.ok(found);
  return { code: found.patient.code, version: found.patient.version };
}

test('each write names the patients to read again, and reading only them gives the data a whole read gives', async () => {
  [{ code: cohortCode }] = (await db.select({ code: cohorts.code }).from(cohorts).where(eq(cohorts.id, cohortId))) as [{ code: string }];
  const p1 = await newPatient(siteA);
  const p2 = await newPatient(siteA);
  await newPatient(siteB);

  let visitId = '';
  await afterWrite(async () => {
    visitId = await createVisit(db, { actorId, siteIds: all(), patientId: p1, input: visitInput({ visitDate: '2024-07-10', visitType: 'follow_up', cdasiActivity: '5' }) });
  }, () => [p1]);
  await afterWrite(async () => {
    const visit = await getVisit(db, { visitId, siteIds: all() });
    await updateVisit(db, { actorId, siteIds: all(), visitId, version: visit!.version, reason: 'typo', input: visitInput({ visitDate: '2024-07-11', visitType: 'follow_up', cdasiActivity: '3' }) });
  }, () => [p1]);
  await afterWrite(async () => {
    const visit = await getVisit(db, { visitId, siteIds: all() });
    await voidVisit(db, { actorId, siteIds: all(), id: visitId, version: visit!.version, reason: 'entered twice' });
  }, () => [p1]);

  let eventId = '';
  await afterWrite(async () => {
    const input = adverseEventSchema.parse({ term: 'Zoster', category: 'herpes_zoster', onsetDate: '2024-05-02', ongoing: true, ctcaeGrade: '2' });
    eventId = await createAdverseEvent(db, { actorId, siteIds: all(), patientId: p2, input });
  }, () => [p2]);
  await afterWrite(() => voidAdverseEvent(db, { actorId, siteIds: all(), id: eventId, version: 1, reason: 'wrong patient' }), () => [p2]);
  await afterWrite(
    () => createRelapse(db, { actorId, siteIds: all(), patientId: p2, input: relapseSchema.parse({ relapseDate: '2024-06-01', domain: 'muscle' }) }),
    () => [p2],
  );
  await afterWrite(async () => {
    const { code, version } = await saved(p1);
    const input = patientInput({ code, siteId: siteA, cohortId, jakiStopDate: '2024-08-01', jakiStopReason: 'inefficacy' });
    await updatePatient(db, { actorId, siteIds: all(), patientId: p1, version, reason: 'stopped', input });
  }, () => [p1]);

  // Coming into the sites read, going to another site, a patient of another site, a void.
  let p3 = '';
  await afterWrite(async () => (p3 = await createPatient(db, { actorId, siteIds: all(), input: patientInput({ siteId: siteA, cohortId }) })), () => [p3]);
  await afterWrite(async () => {
    const { code, version } = await saved(p3);
    await updatePatient(db, { actorId, siteIds: all(), patientId: p3, version, reason: 'moved', input: patientInput({ code, siteId: siteB, cohortId }) });
  }, () => [p3]);
  let p4 = '';
  await afterWrite(async () => (p4 = await createPatient(db, { actorId, siteIds: all(), input: patientInput({ siteId: siteB, cohortId }) })), () => [p4]);
  await afterWrite(async () => {
    await voidPatient(db, { actorId, siteIds: all(), id: p2, version: (await saved(p2)).version, reason: 'duplicate patient' });
  }, () => [p2]);

  // A new user changes no data; new settings change every figure: everything is read again.
  await afterWrite(
    () => createUser(db, { actorId, input: { name: 'New', role: 'clinician', siteIds: [siteA], email: 'new@refresh.test', password: 'a-long-password-1' } }),
    () => [],
  );
  await afterWrite(
    () => updateCohortSettings(db, { actorId, cohortCode, version: 1, reason: 'protocol', settings: { ...DEFAULT_REPORT_SETTINGS, responderDrop: 3 } }),
    () => null,
  );
});

test('too many entries, or versions out of order: everything is read again', async () => {
  const since = await dataVersion(db);
  const p = await newPatient(siteA);
  const until = await dataVersion(db);
  assert.deepEqual(await patientsChangedBetween(db, { since, until, max: 3 }), [p]);
  assert.equal(await patientsChangedBetween(db, { since, until, max: 2 }), null);
  assert.equal(await patientsChangedBetween(db, { since: until, until: since, max: 50 }), null);
  assert.deepEqual(await patientsChangedBetween(db, { since: until, until, max: 50 }), []);
});

test('the report after a saved visit, from the refreshed data, is the report of a whole new read', async () => {
  const first = await makeReport(db, { ...scope(), today: TODAY });
  assert.ok(first);
  const [patient] = (await loadReportData(db, scope()))!.patients.keys();
  await createVisit(db, { actorId, siteIds: all(), patientId: patient!, input: visitInput({ visitDate: '2024-09-02', visitType: 'follow_up', cdasiActivity: '1' }) });
  const after = await makeReport(db, { ...scope(), today: TODAY });
  const { settings, ...input } = (await loadReportInput(db, { ...scope(), today: TODAY }))!;
  assert.notDeepEqual(after, first);
  assert.deepEqual(after, buildReport(input, settings));
});
