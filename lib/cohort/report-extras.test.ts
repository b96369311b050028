import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from './report';
import { INPUT } from '@/test-support/report-fixture';

const report = buildReport(INPUT);

describe('buildReport: baseline characteristics', () => {
  const b = report.baseline_characteristics;

  test('sex, age at the JAKi start year, ILD', () => {
    assert.equal(b.n, 5);
    assert.deepEqual(b.sex, { F: 3, M: 2 });
    // 2024 − birth year: 54, 64, 44, 49, 34 → mean 245 / 5
    assert.deepEqual(b.age_years, { min: 34, max: 64, mean: 49 });
    assert.equal(b.ild, 1);
  });

  test('disease duration: diagnosis to JAKi start / 365.25, patients with a diagnosis date', () => {
    // A-01 2020-01-01: 1461 days (= 4 years); A-03 2023-01-01: 365 days; A-04 2022-07-01: 184 + 365 = 549
    const d = b.disease_duration_years;
    assert.equal(d.n, 3);
    assert.equal(d.min, 365 / 365.25);
    assert.equal(d.max, 4);
    assert.ok(Math.abs((d.mean as number) - 2375 / 3 / 365.25) < 1e-12);
  });

  test('previous treatments per patient, in the code list order', () => {
    assert.deepEqual(b.previous_treatments, { hydroxychloroquine: 1, methotrexate: 3, ivig: 1, other: 1 });
    assert.deepEqual(Object.keys(b.previous_treatments), ['hydroxychloroquine', 'methotrexate', 'ivig', 'other']);
  });

  test('activity flags, prednisone and IVIG at the baseline visit', () => {
    // cutaneous; muscle; both: A-01. A-05 has no baseline visit.
    assert.deepEqual(b.active, { cutaneous: 3, muscle: 2, both: 1 });
    assert.equal(b.prednisone_above_5, 3);
    assert.equal(b.ivig, 3);
  });

  test('regimens by drug, then dose from the highest', () => {
    assert.deepEqual(b.regimens, [
      { drug: 'baricitinib', dose_mg_day: 4, n: 2 },
      { drug: 'baricitinib', dose_mg_day: 2, n: 1 },
      { drug: 'ruxolitinib', dose_mg_day: 30, n: 1 },
      { drug: 'tofacitinib', dose_mg_day: 11, n: 1 },
    ]);
  });
});

describe('buildReport: IMACS response', () => {
  test('one row per patient with a baseline visit and a visit at the time point', () => {
    // A-01 m3: physician 6→4 (20% → 15), patient 6→5 (10% → 2.5), MMT 120→130 (6.7% → 10),
    //   HAQ 1→0.875 (4.2% → 0), CK 300→240 (20% → 5), extramuscular 4→2 (20% → 12.5): 45.
    //   DOI (relative): physician 33%, CK 20%, extramuscular 50% improved; none worse → met.
    // A-01 m6: no core set measures recorded → nulls.
    // A-01 final: physician 6→1 (50% → 20), patient 6→1 (50% → 10), MMT 120→140 (13.3% → 20),
    //   HAQ 1→0.25 (25% → 7.5), CK 300→100 (66.7% → 7.5), extramuscular 4→0 (40% → 15): 80.
    // A-02 m3: every measure worse or unchanged: 0, and DOI not met. A-02 m6/final and A-03
    //   final lack measures. A-04 has no follow-up, A-05 no baseline: no rows.
    assert.deepEqual(report.imacs.per_patient, [
      { patient_code: 'A-01', time_point: 'm3', tis: 45, tis_category: 'moderate', doi_met: true },
      { patient_code: 'A-01', time_point: 'm6', tis: null, tis_category: null, doi_met: null },
      { patient_code: 'A-01', time_point: 'final', tis: 80, tis_category: 'major', doi_met: true },
      { patient_code: 'A-02', time_point: 'm3', tis: 0, tis_category: 'none', doi_met: false },
      { patient_code: 'A-02', time_point: 'm6', tis: null, tis_category: null, doi_met: null },
      { patient_code: 'A-02', time_point: 'final', tis: null, tis_category: null, doi_met: null },
      { patient_code: 'A-03', time_point: 'final', tis: null, tis_category: null, doi_met: null },
    ]);
  });

  test('counts per time point over the assessable patients', () => {
    assert.deepEqual(report.imacs.counts, {
      m3: { none: 1, minimal: 0, moderate: 1, major: 0, assessable: 2, doi_met: 1 },
      m6: { none: 0, minimal: 0, moderate: 0, major: 0, assessable: 0, doi_met: 0 },
      final: { none: 0, minimal: 0, moderate: 0, major: 1, assessable: 1, doi_met: 1 },
    });
  });
});

describe('buildReport: trajectories', () => {
  test('baseline and each time point with its day; final repeats m6 when the same visit', () => {
    const byCode = Object.fromEntries(report.trajectories.map((t) => [t.patient_code, t.points]));
    assert.deepEqual(Object.keys(byCode), ['A-01', 'A-02', 'A-03', 'A-04', 'A-05']);
    assert.deepEqual(byCode['A-01'], [
      { time_point: 'baseline', day: -3, cdasi_activity: 30, mmt8: 120, prednisone_mg_day: 10 },
      { time_point: 'm3', day: 91, cdasi_activity: 20, mmt8: 130, prednisone_mg_day: 7.5 },
      { time_point: 'm6', day: 182, cdasi_activity: 10, mmt8: 140, prednisone_mg_day: 5 },
      { time_point: 'final', day: 365, cdasi_activity: 8, mmt8: 140, prednisone_mg_day: 5 },
    ]);
    assert.deepEqual(byCode['A-02']?.slice(2), [
      { time_point: 'm6', day: 200, cdasi_activity: 12, mmt8: 150, prednisone_mg_day: 7.5 },
      { time_point: 'final', day: 200, cdasi_activity: 12, mmt8: 150, prednisone_mg_day: 7.5 },
    ]);
    assert.deepEqual(byCode['A-03'], [
      { time_point: 'baseline', day: 0, cdasi_activity: 40, mmt8: null, prednisone_mg_day: 4 },
      { time_point: 'final', day: 300, cdasi_activity: 35, mmt8: 100, prednisone_mg_day: 2.5 },
    ]);
    assert.deepEqual(byCode['A-04'], [{ time_point: 'baseline', day: 0, cdasi_activity: 25, mmt8: 110, prednisone_mg_day: 10 }]);
    assert.deepEqual(byCode['A-05'], [
      { time_point: 'm3', day: 95, cdasi_activity: 15, mmt8: 130, prednisone_mg_day: null },
      { time_point: 'final', day: 95, cdasi_activity: 15, mmt8: 130, prednisone_mg_day: null },
    ]);
  });
});
