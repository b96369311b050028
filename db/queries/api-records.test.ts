import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adverseEventRecordSchema, patientRecordSchema, relapseRecordSchema, visitRecordSchema } from '@/lib/api/records';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { relapseSchema } from '@/lib/schemas/relapse';
import { databaseWithTwoSites, makeCohort, patientInput, visitInput } from '@/test-support/db';
import type { Db } from '../client';
import { adverseEventRecords, patientRecords, relapseRecords, visitRecords } from './api-records';
import { createAdverseEvent } from './adverse-events';
import { createPatient, updatePatient } from './patients';
import { createRelapse } from './relapses';
import { voidVisit } from './void';
import { createVisit } from './visits';

// The API's lists (db/queries/api-records.ts): keyset pages that walk every record once, the
// site scope, the filters, and rows that JSON writes as the documented representations.

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
let otherCohort: { id: string; code: string };
const ACTOR = 'user-clinician';
const patientsA: string[] = [];
let patientB: string;
const visitsA: string[] = [];
let voided: string;

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

const FOLLOW_UPS = ['2024-04-10', '2024-07-10', '2024-10-10'];

/** Every page of a list, `limit` at a time, as a client walks them with the cursor. */
async function walk<T extends { id: string }>(list: (after: string | null, limit: number) => Promise<T[]>, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await list(after, limit);
    pages++;
    ids.push(...page.map((r) => r.id));
    if (page.length < limit) return { ids, pages };
    after = page[page.length - 1]!.id;
  }
}

const json = (row: unknown) => JSON.parse(JSON.stringify(row));

describe('the API lists', () => {
  before(async () => {
    otherCohort = await makeCohort(db);
    for (let i = 0; i < 4; i++) {
      const input = patientInput({ siteId: siteA, cohortId: i === 3 ? otherCohort.id : cohortId, code: `API-A${i}` });
      const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteA], input });
      patientsA.push(patientId);
      visitsA.push(await createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-10', visitType: 'baseline' }) }));
      for (const visitDate of FOLLOW_UPS) visitsA.push(await createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate, visitType: 'follow_up' }) }));
    }
    voided = visitsA.pop()!;
    await voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id: voided, version: 1, reason: 'Entered on the wrong patient' });
    patientB = await createPatient(db, { actorId: ACTOR, siteIds: [siteB], input: patientInput({ siteId: siteB, cohortId, code: 'API-B0' }) });
    await createVisit(db, { actorId: ACTOR, siteIds: [siteB], patientId: patientB, input: visitInput({ visitDate: '2024-01-10', visitType: 'baseline' }) });
  });

  test('pages of visits walk every visit of the sites exactly once, in id order, voided and other sites left out', async () => {
    const { ids, pages } = await walk((after, limit) => visitRecords(db, { siteIds: [siteA], filter: {}, after, limit }), 4);
    assert.equal(ids.length, visitsA.length);
    assert.deepEqual([...ids].sort(), [...visitsA].sort());
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(pages, Math.floor(visitsA.length / 4) + 1);
    assert.ok(!ids.includes(voided));
  });

  test('another site sees none of them, and none of its own record by id leaks to the first', async () => {
    const seenByB = await visitRecords(db, { siteIds: [siteB], filter: {}, after: null, limit: 100 });
    assert.equal(seenByB.length, 1);
    assert.ok(!visitsA.includes(seenByB[0]!.id));
    assert.deepEqual(await patientRecords(db, { siteIds: [siteA], filter: { id: patientB }, after: null, limit: 1 }), []);
    assert.deepEqual(await visitRecords(db, { siteIds: [siteA], filter: { id: seenByB[0]!.id }, after: null, limit: 1 }), []);
    assert.deepEqual(await visitRecords(db, { siteIds: [], filter: {}, after: null, limit: 100 }), []);
  });

  test('filters: cohort, patient, visit dates, a site and a code search, updatedSince', async () => {
    const byCohort = await visitRecords(db, { siteIds: [siteA], filter: { cohort: otherCohort.code }, after: null, limit: 100 });
    assert.deepEqual(new Set(byCohort.map((v) => v.patientId)), new Set([patientsA[3]]));
    const ofPatient = await visitRecords(db, { siteIds: [siteA, siteB], filter: { patientId: patientsA[0], from: '2024-04-01', to: '2024-07-31' }, after: null, limit: 100 });
    assert.deepEqual(ofPatient.map((v) => v.visitDate).sort(), ['2024-04-10', '2024-07-10']);
    const both = await patientRecords(db, { siteIds: [siteA, siteB], filter: { q: 'api-b' }, after: null, limit: 100 });
    assert.deepEqual(both.map((p) => p.code), ['API-B0']);
    const atSite = await patientRecords(db, { siteIds: [siteA, siteB], filter: { site: both[0]!.siteCode }, after: null, limit: 100 });
    assert.deepEqual(atSite.map((p) => p.id), [patientB]);

    const since = new Date();
    await updatePatient(db, { actorId: ACTOR, siteIds: [siteA], patientId: patientsA[1]!, version: 1, reason: 'Dose corrected', input: patientInput({ siteId: siteA, cohortId, code: 'API-A1', jakiDoseMgDay: '2' }) });
    const changed = await patientRecords(db, { siteIds: [siteA], filter: { updatedSince: since }, after: null, limit: 100 });
    assert.deepEqual(changed.map((p) => [p.id, p.version, p.jakiDoseMgDay]), [[patientsA[1], 2, 2]]);
  });

  test('adverse events and relapses page and filter alike; every row is its documented representation', async () => {
    const patientId = patientsA[0]!;
    const event = adverseEventSchema.parse({ term: 'Herpes zoster', category: 'herpes_zoster', onsetDate: '2024-05-02', endDate: '2024-05-20', ctcaeGrade: '2' });
    const eventIds = [await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: event })];
    eventIds.push(await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId: patientsA[1]!, input: event }));
    const relapseId = await createRelapse(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: relapseSchema.parse({ relapseDate: '2024-05-02', domain: 'muscle' }) });

    const events = await walk((after, limit) => adverseEventRecords(db, { siteIds: [siteA], filter: {}, after, limit }), 1);
    assert.deepEqual([...events.ids].sort(), [...eventIds].sort());
    assert.deepEqual((await adverseEventRecords(db, { siteIds: [siteA], filter: { patientId }, after: null, limit: 10 })).map((e) => e.id), [eventIds[0]]);
    assert.deepEqual(await adverseEventRecords(db, { siteIds: [siteB], filter: {}, after: null, limit: 10 }), []);
    const [relapse] = await relapseRecords(db, { siteIds: [siteA], filter: { cohort: undefined }, after: null, limit: 10 });
    assert.equal(relapse?.id, relapseId);

    const [patient] = await patientRecords(db, { siteIds: [siteA], filter: { id: patientId }, after: null, limit: 1 });
    const [visit] = await visitRecords(db, { siteIds: [siteA], filter: { patientId }, after: null, limit: 1 });
    const [ae] = await adverseEventRecords(db, { siteIds: [siteA], filter: { id: eventIds[0] }, after: null, limit: 1 });
    for (const [schema, row] of [[patientRecordSchema, patient], [visitRecordSchema, visit], [adverseEventRecordSchema, ae], [relapseRecordSchema, relapse]] as const) {
      const parsed = schema.strict().safeParse(json(row));
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    }
    assert.equal(json(patient).code, 'API-A0');
    assert.match(json(visit).createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
