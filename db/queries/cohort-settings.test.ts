import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { makeReport } from '@/server/make-report';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '@/lib/cohort/windows';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { databaseWithPilot, visitInput } from '@/test-support/db';
import type { Db } from '../client';
import { auditLog, cohorts } from '../schema';
import { getCohortSettings, updateCohortSettings } from './cohort-settings';
import { importCohort } from './import';
import { listPatients } from './patients';
import { createVisit } from './visits';

// A cohort's report settings: stored with the cohort, changed with a reason and audited, a
// stale form refused, and every cached report computed again with them.

let db: Db;
let siteIds: string[];

databaseWithPilot((world) => ({ db, siteIds } = world));

const unilateral: ReportSettings = {
  ...DEFAULT_REPORT_SETTINGS,
  windows: { m3: { target: 84, from: 56, to: 120 }, m6: { target: 182, from: 150, to: 220 } },
  mmt8Max: 80,
  primaryTest: 'ttest',
  decimals: 2,
};

describe('cohort report settings', () => {
  test('a cohort never changed has the defaults, at version 1', async () => {
    assert.deepEqual(await getCohortSettings(db, 'E2E-PILOT').then((s) => s && { settings: s.settings, version: s.version, changed: s.changed }), {
      settings: DEFAULT_REPORT_SETTINGS,
      version: 1,
      changed: false,
    });
    assert.equal(await getCohortSettings(db, 'NO-SUCH'), null);
  });

  test('a change is saved with its reason in the audit trail, and the cached report is computed again with it', async () => {
    const before = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds });
    assert.deepEqual(before?.settings.windows, DEFAULT_REPORT_SETTINGS.windows);
    const { version } = await updateCohortSettings(db, { actorId: 'user-coordinator', cohortCode: 'E2E-PILOT', version: 1, reason: 'Unilateral MMT8 at this centre', settings: unilateral });
    assert.equal(version, 2);
    const stored = await getCohortSettings(db, 'E2E-PILOT');
    assert.deepEqual(stored?.settings, unilateral);
    assert.equal(stored?.changed, true);

    const [cohort] = await db.select().from(cohorts).where(eq(cohorts.code, 'E2E-PILOT'));
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'cohort'), eq(auditLog.entityId, cohort!.id), eq(auditLog.action, 'update')));
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actorId, 'user-coordinator');
    assert.equal(entries[0]!.reason, 'Unilateral MMT8 at this centre');
    assert.deepEqual(entries[0]!.before, { reportSettings: DEFAULT_REPORT_SETTINGS, version: 1 });
    assert.deepEqual(entries[0]!.after, { reportSettings: unilateral, version: 2 });

    const after = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds });
    assert.notEqual(after, before);
    assert.deepEqual(after?.settings.windows, unilateral.windows);
    assert.equal(after?.settings.mmt8_max, 80);
    assert.equal(after?.settings.primary_test, 'ttest');
    assert.equal(after?.settings.decimals, 2);
  });

  test("a cohort scored on one side refuses an MMT8 above 80, in the visit form's save and in an import", async () => {
    const [patient] = await listPatients(db, { siteIds, q: 'E2E-P4' });
    assert.ok(patient);
    const visit = (mmt8: string) => visitInput({ visitDate: '2024-10-01', visitType: 'follow_up', mmt8, jakiDoseMgDay: null });
    await assert.rejects(
      createVisit(db, { actorId: 'system:test', siteIds, patientId: patient.id, input: visit('120') }),
      (e: ValidationError) => e instanceof ValidationError && /MMT8 120 is above this cohort's scale of 0–80/.test(e.fieldErrors.mmt8 ?? ''),
    );
    assert.ok(await createVisit(db, { actorId: 'system:test', siteIds, patientId: patient.id, input: visit('80') }));

    const header = 'patient_code,visit_date,visit_type,cdasi_activity,mmt8,jaki_dose_mg_day\n';
    const imported = await importCohort(db, {
      actorId: 'system:test',
      files: { patients: '', visits: `${header}E2E-P4,2024-11-01,follow_up,3,95,\n`, adverseEvents: '', relapses: '' },
    });
    assert.deepEqual(imported, { ok: false, problems: ["visits.csv:2: mmt8: MMT8 95 is above this cohort's scale of 0–80 (muscles scored on one side; see its report settings)"] });
  });

  test('a form opened before another change is refused and writes nothing', async () => {
    const audit = (await db.select().from(auditLog)).length;
    await assert.rejects(
      updateCohortSettings(db, { actorId: 'user-admin', cohortCode: 'E2E-PILOT', version: 1, reason: 'Back to the defaults', settings: DEFAULT_REPORT_SETTINGS }),
      ConflictError,
    );
    assert.deepEqual((await getCohortSettings(db, 'E2E-PILOT'))?.settings, unilateral);
    assert.equal((await db.select().from(auditLog)).length, audit);
    await assert.rejects(updateCohortSettings(db, { actorId: 'user-admin', cohortCode: 'NO-SUCH', version: 1, reason: 'x', settings: unilateral }), NotFoundError);
  });

  test('settings stored before decimals existed read with one decimal, in the settings and in the report', async () => {
    const { decimals: _decimals, ...older } = unilateral;
    await db.update(cohorts).set({ reportSettings: older }).where(eq(cohorts.code, 'E2E-PILOT'));
    assert.deepEqual((await getCohortSettings(db, 'E2E-PILOT'))?.settings, { ...unilateral, decimals: 1 });
    // The raw update wrote no audit entry: a cached report would survive it, so read as of another day.
    const report = await makeReport(db, { cohortCode: 'E2E-PILOT', siteIds, today: '2030-01-01' });
    assert.equal(report?.settings.decimals, 1);
    assert.equal(report?.settings.mmt8_max, 80);
  });
});
