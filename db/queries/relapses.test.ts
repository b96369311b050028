import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { relapseSchema } from '@/lib/schemas/relapse';
import { verifyAuditChain } from '../audit-verify';
import type { Db } from '../client';
import { patientInput, refusedWritesNothing, databaseWithTwoSites } from '@/test-support/db';
import { recordHistory } from './history';
import { changeText, describeChanges } from '@/lib/audit/describe';
import { createPatient, updatePatient } from './patients';
import { createRelapse, getRelapse, listRelapses, updateRelapse } from './relapses';
import { voidRelapse } from './void';

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
const ACTOR = 'user-clinician';

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

const input = (fields: Record<string, string>) => relapseSchema.parse({ relapseDate: '2024-05-02', domain: 'muscle', action: 'steroid_increase', ...fields });
const newPatient = (fields: Record<string, unknown> = {}) => createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId, ...fields }) });
const record = (patientId: string, fields: Record<string, string> = {}, siteIds = [siteA]) => createRelapse(db, { actorId: ACTOR, siteIds, patientId, input: input(fields) });

describe('relapses: recorded, edited with a reason, voided, each step audited', () => {
  test('a relapse is recorded and listed for its patient', async () => {
    const patientId = await newPatient();
    const id = await record(patientId);
    await record(patientId, { domain: 'skin', relapseDate: '2024-03-01', action: '' });
    const listed = await listRelapses(db, { patientId, siteIds: [siteA] });
    assert.deepEqual(listed.map((r) => [r.relapseDate, r.domain, r.action]), [['2024-03-01', 'skin', null], ['2024-05-02', 'muscle', 'steroid_increase']]);
    assert.equal((await getRelapse(db, { relapseId: id, siteIds: [siteA] }))?.createdBy, ACTOR);
  });

  test('the same domain twice on one day is refused at the domain, writing nothing', async () => {
    const patientId = await newPatient();
    await record(patientId);
    const e = (await refusedWritesNothing(db, () => record(patientId, { action: 'none' }), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { domain: 'There is already a muscle relapse on 2024-05-02' });
  });

  test('no relapse after the death or the follow-up end', async () => {
    const dead = await newPatient({ jakiStopDate: '2024-04-01', jakiStopReason: 'death', deathDate: '2024-04-01' });
    const e = (await refusedWritesNothing(db, () => record(dead), ValidationError)) as ValidationError;
    assert.deepEqual(e.fieldErrors, { relapseDate: 'No relapse can be dated after 2024-04-01: the patient died on 2024-04-01' });
    const ended = await newPatient({ followUpEndDate: '2024-04-30' });
    const f = (await refusedWritesNothing(db, () => record(ended), ValidationError)) as ValidationError;
    assert.deepEqual(f.fieldErrors, { relapseDate: "No relapse can be dated after 2024-04-30: the patient's follow-up ended on 2024-04-30" });
  });

  test("another site's patient or relapse answers not found, writing nothing", async () => {
    const patientId = await newPatient();
    const id = await record(patientId);
    await refusedWritesNothing(db, () => record(patientId, { relapseDate: '2024-05-03' }, [siteB]), NotFoundError);
    await refusedWritesNothing(
      db,
      () => updateRelapse(db, { actorId: ACTOR, siteIds: [siteB], relapseId: id, version: 1, reason: 'Typo in date', input: input({ relapseDate: '2024-05-03' }) }),
      NotFoundError,
    );
    await refusedWritesNothing(db, () => voidRelapse(db, { actorId: ACTOR, siteIds: [siteB], id, version: 1, reason: 'Entered twice' }), NotFoundError);
    assert.equal(await getRelapse(db, { relapseId: id, siteIds: [siteB] }), null);
  });

  test('an edit carries its reason; a stale version is refused; a void keeps the row; the history shows every step', async () => {
    const patientId = await newPatient();
    const id = await record(patientId);
    await updateRelapse(db, { actorId: ACTOR, siteIds: [siteA], relapseId: id, version: 1, reason: 'Date from the letter', input: input({ relapseDate: '2024-05-06' }) });
    await refusedWritesNothing(
      db,
      () => updateRelapse(db, { actorId: ACTOR, siteIds: [siteA], relapseId: id, version: 1, reason: 'Other change', input: input({ relapseDate: '2024-05-07' }) }),
      ConflictError,
    );
    await voidRelapse(db, { actorId: ACTOR, siteIds: [siteA], id, version: 2, reason: 'Not a relapse: infection' });
    assert.equal(await getRelapse(db, { relapseId: id, siteIds: [siteA] }), null);
    assert.deepEqual(await listRelapses(db, { patientId, siteIds: [siteA] }), []);
    const history = await recordHistory(db, { siteIds: [siteA], entity: 'relapse', id, patientId });
    assert.deepEqual(history?.entries.map((h) => [h.action, h.reason]), [['create', null], ['update', 'Date from the letter'], ['void', 'Not a relapse: infection']]);
    const edit = history!.entries[1]!;
    assert.deepEqual(describeChanges('relapse', edit.before, edit.after).map(changeText), ['Relapse date: 2024-05-02 → 2024-05-06']);
    assert.ok((await verifyAuditChain(db)).ok);
  });

  test("a patient's death or follow-up end cannot be moved before a recorded relapse", async () => {
    const patientId = await newPatient();
    await record(patientId);
    const e = (await refusedWritesNothing(
      db,
      () =>
        updatePatient(db, {
          actorId: ACTOR,
          siteIds: [siteA],
          patientId,
          version: 1,
          reason: 'Lost to follow-up',
          input: patientInput({ siteId: siteA, cohortId, followUpEndDate: '2024-05-01' }),
        }),
      ValidationError,
    )) as ValidationError;
    assert.deepEqual(e.fieldErrors, { followUpEndDate: 'There is a relapse on 2024-05-02, after this date' });
  });
});
