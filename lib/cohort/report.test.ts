import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedTTest, wilcoxonSignedRank } from '@/lib/stats';
import { buildReport } from './report';
import { INPUT, patient, visit } from '@/test-support/report-fixture';
import { DEFAULT_REPORT_SETTINGS } from './windows';

// Time points of the fixture (test-support/report-fixture.ts):
//   A-01 baseline day -3, m3 91, m6 182, final 365   A-02 baseline 0, m3 81, m6 = final 200
//   A-03 baseline 0, final 300                        A-04 baseline only
//   A-05 no baseline, m3 = final 95

function close(actual: number | null, expected: number, what = 'value') {
  assert.ok(actual !== null, `${what}: null`);
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: got ${actual}, expected ${expected}`);
}

/** P values of lib/stats for the pairs (time point, baseline): checks the plumbing only. */
function pValues(at: number[], base: number[]) {
  const w = wilcoxonSignedRank(at, base);
  return { p_wilcoxon: w.p, p_ttest: pairedTTest(at, base).p, wilcoxon_method: w.method };
}

const report = buildReport(INPUT);

describe('buildReport: measures', () => {
  test('counts every patient of the input', () => {
    assert.equal(report.cohort, 'PILOT');
    assert.equal(report.patients, 5);
  });

  test('CDASI activity at baseline: 30, 20, 40, 25', () => {
    // mean 115 / 4 = 28.75; squared deviations 1.5625 + 76.5625 + 126.5625 + 14.0625 = 218.75; sd = √(218.75 / 3)
    const b = report.measures.cdasi_activity.baseline;
    assert.equal(b.n, 4);
    assert.equal(b.mean, 28.75);
    close(b.sd, Math.sqrt(218.75 / 3), 'sd');
  });

  test('CDASI activity at m3: 20 (A-01), 18 (A-02, the earlier of a tie), 15 (A-05, unpaired)', () => {
    // mean 53 / 3; deviations 7/3, 1/3, -8/3 → (49 + 1 + 64) / 9 = 114 / 9; sd = √(114 / 18)
    const c = report.measures.cdasi_activity.m3;
    assert.equal(c.n, 3);
    close(c.mean, 53 / 3, 'mean');
    close(c.sd, Math.sqrt(114 / 18), 'sd');
    assert.equal(c.n_paired, 2);
    // pairs (20, 30), (18, 20): differences -10, -2; exact Wilcoxon, V = 0, P = 2 × 1/4
    assert.equal(c.p_wilcoxon, 0.5);
    assert.equal(c.wilcoxon_method, 'exact');
    assert.deepEqual({ p_wilcoxon: c.p_wilcoxon, p_ttest: c.p_ttest, wilcoxon_method: c.wilcoxon_method }, pValues([20, 18], [30, 20]));
    // t = -6 / (√32 / √2) = -1.5 on 1 df: P = 1 - 2·atan(1.5)/π
    close(c.p_ttest, 1 - (2 * Math.atan(1.5)) / Math.PI, 'p_ttest');
  });

  test('CDASI activity at m6: 10, 12', () => {
    const c = report.measures.cdasi_activity.m6;
    assert.deepEqual([c.n, c.mean, c.n_paired], [2, 11, 2]);
    close(c.sd, Math.SQRT2, 'sd');
    assert.deepEqual({ p_wilcoxon: c.p_wilcoxon, p_ttest: c.p_ttest, wilcoxon_method: c.wilcoxon_method }, pValues([10, 12], [30, 20]));
  });

  test('CDASI activity at final: 8, 12, 35, 15; three paired', () => {
    // mean 70 / 4 = 17.5; deviations -9.5, -5.5, 17.5, -2.5 → 90.25 + 30.25 + 306.25 + 6.25 = 433
    const c = report.measures.cdasi_activity.final;
    assert.deepEqual([c.n, c.mean, c.n_paired], [4, 17.5, 3]);
    close(c.sd, Math.sqrt(433 / 3), 'sd');
    // differences -22, -8, -5: exact, V = 0, P = 2 × 1/8
    close(c.p_wilcoxon, 0.25, 'p_wilcoxon');
    assert.deepEqual({ p_wilcoxon: c.p_wilcoxon, p_ttest: c.p_ttest, wilcoxon_method: c.wilcoxon_method }, pValues([8, 12, 35], [30, 20, 40]));
  });

  test('CDASI damage: one pair with zero difference gives no P; a zero forces the normal approximation', () => {
    const d = report.measures.cdasi_damage;
    // baseline 5, 3, 8, 2: mean 4.5, squared deviations 0.25 + 2.25 + 12.25 + 6.25 = 21
    assert.deepEqual([d.baseline.n, d.baseline.mean], [4, 4.5]);
    close(d.baseline.sd, Math.sqrt(7), 'sd');
    // m3: only A-01 has damage (5 → 5): n 1, no SD, no P from either test
    assert.deepEqual(d.m3, { n: 1, mean: 5, sd: null, n_paired: 1, p_wilcoxon: null, p_ttest: null, wilcoxon_method: null });
    // final: A-01 4 (from 5), A-03 8 (from 8): differences -1, 0. Wilcoxon drops the zero: n 1,
    // V 0, z = (-0.5 + 0.5) / 0.5 = 0, P 1 (normal). t = -0.5 / 0.5 = -1 on 1 df: P 0.5.
    assert.deepEqual([d.final.n, d.final.mean, d.final.n_paired], [2, 6, 2]);
    close(d.final.sd, Math.sqrt(8), 'sd');
    assert.equal(d.final.p_wilcoxon, 1);
    assert.equal(d.final.wilcoxon_method, 'normal');
    close(d.final.p_ttest, 0.5, 'p_ttest');
  });

  test('MMT8: a patient with no baseline value or no baseline visit counts in n, not in n_paired', () => {
    const m = report.measures.mmt8;
    // baseline 120, 150, 110 (A-03 not recorded): mean 380 / 3; deviations -20/3, 70/3, -50/3 → 7800 / 9
    assert.equal(m.baseline.n, 3);
    close(m.baseline.mean, 380 / 3, 'mean');
    close(m.baseline.sd, Math.sqrt(7800 / 9 / 2), 'sd');
    // final 140, 150, 100, 130: mean 130, squared deviations 100 + 400 + 900 + 0 = 1400
    assert.deepEqual([m.final.n, m.final.mean, m.final.n_paired], [4, 130, 2]);
    close(m.final.sd, Math.sqrt(1400 / 3), 'sd');
    assert.deepEqual(
      { p_wilcoxon: m.final.p_wilcoxon, p_ttest: m.final.p_ttest, wilcoxon_method: m.final.wilcoxon_method },
      pValues([140, 150], [120, 150]),
    );
  });

  test('prednisone mg/day', () => {
    const p = report.measures.prednisone_mg_day;
    // baseline 10, 20, 4, 10: mean 11, squared deviations 1 + 81 + 49 + 1 = 132
    assert.deepEqual([p.baseline.n, p.baseline.mean], [4, 11]);
    close(p.baseline.sd, Math.sqrt(44), 'sd');
    // m3 7.5, 15 (A-05 not recorded): mean 11.25, sd √(56.25 / 2)
    assert.deepEqual([p.m3.n, p.m3.mean, p.m3.n_paired], [2, 11.25, 2]);
    close(p.m3.sd, Math.sqrt(28.125), 'sd');
    // final 5, 7.5, 2.5: mean 5, sd 2.5
    assert.deepEqual([p.final.n, p.final.mean, p.final.sd, p.final.n_paired], [3, 5, 2.5, 3]);
  });
});

describe('buildReport: outcomes', () => {
  test('CDASI response: a fall of 5 or more, of those with both values', () => {
    // m3: A-01 30→20 (10 ✓), A-02 20→18 (2 ✗). m6: A-01 30→10 ✓, A-02 20→12 ✓.
    // final: A-01 30→8 ✓, A-02 20→12 ✓, A-03 40→35 (exactly 5 ✓).
    assert.deepEqual(report.cdasi_response, { m3: { n: 1, of: 2 }, m6: { n: 2, of: 2 }, final: { n: 3, of: 3 } });
  });

  test('prednisone taper: above 5 at baseline; of those with a final value, at or below 5 there', () => {
    // above 5: A-01 10, A-02 20, A-04 10 (A-03 4 is not). Final values: A-01 5 (tapered, at the
    // threshold), A-02 7.5 (not); A-04 has no final visit.
    assert.deepEqual(report.prednisone_taper, { baseline_above_5: 3, tapered: 1, of: 2 });
  });

  test('IVIG: ongoing at baseline; discontinued when the final visit says stopped or none', () => {
    // ongoing at baseline: A-01 (final stopped ✓), A-03 (final ongoing), A-04 (no final visit)
    assert.deepEqual(report.ivig, { baseline: 3, discontinued: 1 });
    const none = buildReport({
      cohort: 'X',
      today: '2025-01-01',
      patients: [patient('X-1', { visits: [visit('baseline', 0, { ivig: 'ongoing' }), visit('follow_up', 90, { ivig: 'none' })] })],
    });
    assert.deepEqual(none.ivig, { baseline: 1, discontinued: 1 });
  });

  test('JAKi continuation, deaths, stop reasons and death causes', () => {
    assert.deepEqual(report.jaki_continued, { n: 3, of: 5 });
    assert.equal(report.deaths, 1);
    assert.deepEqual(report.jaki_stop_reasons, { adverse_event: 1, death: 1 });
    assert.deepEqual(report.death_causes, ['progressive interstitial lung disease']);
  });

  test('follow-up years: day 0 to the final visit / 365.25, patients with a final visit', () => {
    // final days 365, 200, 300, 95: mean 240; squared deviations 15625 + 1600 + 3600 + 21025 = 41850
    close(report.follow_up_years.mean, 240 / 365.25, 'mean');
    close(report.follow_up_years.sd, Math.sqrt(41850 / 3) / 365.25, 'sd');
  });

  test('adverse events: total, serious, by category, special interest, by grade, exposure and rate', () => {
    // Every event began on day 100, within each patient's treatment. Exposure: A-01 to its last
    // visit (365 days), A-02 to its stop (213), A-03 to its stop and death (319), A-04 none
    // (baseline only, day 0), A-05 to its last visit (95): 992 days.
    assert.deepEqual(report.adverse_events, {
      total: 5,
      serious: 3,
      special_interest: 4, // all but "other"
      patients: 4,
      leading_to_discontinuation: 0,
      exposure_years: 992 / 365.25,
      rate_per_100_patient_years: (100 * 5) / (992 / 365.25),
      not_treatment_emergent: 0,
      by_category: { death: 1, febrile_neutropenia: 1, herpes_zoster: 1, other: 1, thromboembolic: 1 },
      by_grade: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 },
    });
  });

  test('settings change the outcomes and are stated in the report', () => {
    const settings = { ...DEFAULT_REPORT_SETTINGS, responderDrop: 10, taperThreshold: 7.5 };
    const r = buildReport(INPUT, settings);
    // drop ≥ 10: m3 A-01 only; final A-01 (22), A-02 (8 ✗), A-03 (5 ✗)
    assert.deepEqual(r.cdasi_response.final, { n: 1, of: 3 });
    // above 7.5 at baseline; final ≤ 7.5: A-01 5, A-02 7.5
    assert.deepEqual(r.prednisone_taper, { baseline_above_5: 3, tapered: 2, of: 2 });
    assert.equal(r.settings.responder_drop, 10);
    assert.equal(r.settings.taper_threshold_mg_day, 7.5);
    assert.deepEqual(r.settings.windows, DEFAULT_REPORT_SETTINGS.windows);
    assert.match(r.settings.tests.wilcoxon, /exact/);
    assert.match(r.settings.tests.wilcoxon, /normal approximation/);
    assert.match(r.settings.tests.ttest, /t\.test/);
  });

  test('a site filter keeps that site only and is echoed; no filter is null', () => {
    const other = patient('B-01', { siteCode: 'B', visits: [visit('baseline', 0, { cdasiActivity: 50 })] });
    const all = buildReport({ ...INPUT, patients: [...INPUT.patients, other] });
    assert.equal(all.patients, 6);
    assert.equal(all.site, null);
    const siteA = buildReport({ ...INPUT, site: 'A', patients: [...INPUT.patients, other] });
    assert.equal(siteA.site, 'A');
    assert.deepEqual(siteA.measures, report.measures);
    assert.equal(siteA.patients, 5);
  });

  test('does not reorder or change the input', () => {
    const before = JSON.stringify(INPUT);
    buildReport(INPUT);
    assert.equal(JSON.stringify(INPUT), before);
  });
});
