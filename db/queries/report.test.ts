import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from '@/lib/cohort/report';
import type { CohortReport } from '@/lib/cohort/report-types';
import type { Db } from '../client';
import { createTestDatabase, importPilot, makeSite, type TestDatabase } from '@/test-support/db';
import { loadReportInput } from './report';
import { listCohortSites } from './sites';

// The pilot fixture imported through the importer, read back through the data layer, and
// every figure of its report checked against values worked out by hand below.
//
// Four patients start the JAKi on 2024-01-15 (day 0); visits on day 0, day 90 (2024-04-14)
// and day 180 (2024-07-13); E2E-P4 stopped after day 90.
//   CDASI activity  baseline 30 20 25 15 | m3 10 12 20 5 | m6 6 8 9 (P4 none) | final 6 8 9 5
//   MMT8            baseline 120 140 100 130
//   prednisone      baseline 20 10 30 15 | final 5 5 15 10
//   IVIG            P1 ongoing at baseline, stopped at its final visit

let t: TestDatabase;
let db: Db;
let report: CohortReport;
let pilotSites: string[];

const close = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

/** Two-sided P of Student's t with 3 degrees of freedom, from its closed-form CDF. */
function tTestP3(t: number): number {
  const x = Math.abs(t) / Math.sqrt(3);
  const cdf = 0.5 + (x / (1 + x * x) + Math.atan(x)) / Math.PI;
  return 2 * (1 - cdf);
}

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  const { siteIds } = await importPilot(db);
  pilotSites = siteIds;
  const input = await loadReportInput(db, { cohortCode: 'E2E-PILOT', siteIds, today: '2026-01-01' });
  assert.ok(input);
  report = buildReport(input);
});

after(async () => {
  await t?.cleanup();
});

describe('the report of an imported cohort, against hand-worked values', () => {
  test('CDASI activity: mean ± SD and n at each time point', () => {
    const m = report.measures.cdasi_activity;
    assert.equal(report.patients, 4);
    assert.equal(m.baseline.n, 4);
    close(m.baseline.mean, 22.5, 'baseline mean');
    close(m.baseline.sd, Math.sqrt(125 / 3), 'baseline sd'); // squares 56.25 + 6.25 + 6.25 + 56.25
    assert.equal(m.m3.n, 4);
    close(m.m3.mean, 11.75, 'm3 mean');
    close(m.m3.sd, Math.sqrt(116.75 / 3), 'm3 sd'); // 3.0625 + 0.0625 + 68.0625 + 45.5625
    assert.equal(m.m6.n, 3);
    close(m.m6.mean, 23 / 3, 'm6 mean');
    close(m.m6.sd, Math.sqrt(7 / 3), 'm6 sd'); // (−5/3)² + (1/3)² + (4/3)² = 42/9, over 2
    assert.equal(m.final.n, 4);
    close(m.final.mean, 7, 'final mean');
    close(m.final.sd, Math.sqrt(10 / 3), 'final sd'); // 1 + 1 + 4 + 4
  });

  test('CDASI activity: paired tests against baseline', () => {
    const m3 = report.measures.cdasi_activity.m3;
    // Differences −20, −8, −5, −10: all negative, no ties, so V = 0 and the exact P is 2 × 1/16.
    assert.equal(m3.n_paired, 4);
    assert.equal(m3.wilcoxon_method, 'exact');
    close(m3.p_wilcoxon, 0.125, 'm3 Wilcoxon');
    // Mean difference −10.75, SD 6.5 (squares 85.5625 + 7.5625 + 33.0625 + 0.5625 = 126.75, / 3 = 42.25).
    close(m3.p_ttest, tTestP3(-10.75 / (6.5 / 2)), 'm3 t-test');
    const m6 = report.measures.cdasi_activity.m6;
    // Differences −24, −12, −16 over three pairs: V = 0, P = 2 × 1/8.
    assert.equal(m6.n_paired, 3);
    close(m6.p_wilcoxon, 0.25, 'm6 Wilcoxon');
  });

  test('MMT8 and prednisone at baseline', () => {
    close(report.measures.mmt8.baseline.mean, 122.5, 'MMT8 mean');
    close(report.measures.mmt8.baseline.sd, Math.sqrt(875 / 3), 'MMT8 sd'); // 6.25 + 306.25 + 506.25 + 56.25
    close(report.measures.prednisone_mg_day.baseline.mean, 18.75, 'prednisone mean');
    close(report.measures.prednisone_mg_day.final.mean, 8.75, 'prednisone final mean');
  });

  test('responders, steroid and IVIG sparing, continuation, deaths, follow-up, adverse events', () => {
    // Falls at m3: 20, 8, 5, 10 (all ≥ 5); at m6: 24, 12, 16; final: 24, 12, 16, 10.
    assert.deepEqual(report.cdasi_response, { m3: { n: 4, of: 4 }, m6: { n: 3, of: 3 }, final: { n: 4, of: 4 } });
    // All four above 5 mg/day at baseline; at final 5, 5, 15, 10: two at or below 5.
    assert.deepEqual(report.prednisone_taper, { baseline_above_5: 4, tapered: 2, of: 4 });
    assert.deepEqual(report.ivig, { baseline: 1, discontinued: 1 });
    assert.deepEqual(report.jaki_continued, { n: 3, of: 4 });
    assert.equal(report.deaths, 0);
    // Final visits on days 180, 180, 180, 90: mean 157.5 days, SD 45 days.
    close(report.follow_up_years.mean, 157.5 / 365.25, 'follow-up mean');
    close(report.follow_up_years.sd, 45 / 365.25, 'follow-up sd');
    assert.equal(report.adverse_events.total, 1);
    assert.equal(report.adverse_events.serious, 1);
    assert.deepEqual(report.adverse_events.by_category, { thromboembolic: 1 });
  });
});

describe('the sites a report can be narrowed to', () => {
  test("only the user's sites that have patients in the cohort", async () => {
    const empty = await makeSite(db);
    const sites = await listCohortSites(db, { cohortCode: 'E2E-PILOT', siteIds: [...pilotSites, empty.id] });
    assert.deepEqual(sites.map((s) => s.id).sort(), [...pilotSites].sort());
    assert.deepEqual(await listCohortSites(db, { cohortCode: 'NO-SUCH-COHORT', siteIds: pilotSites }), []);
    assert.deepEqual(await listCohortSites(db, { cohortCode: 'E2E-PILOT', siteIds: [empty.id] }), []);
  });
});
