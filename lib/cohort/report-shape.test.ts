import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, reportSummary, trajectorySample } from './report';
import { INPUT, patient, visit } from '@/test-support/report-fixture';
import type { CohortReport } from './report-types';

// docs/interchange.md, "Report JSON": the contract keys, and the additions this report makes.
const CONTRACT_TOP = ['cohort', 'patients', 'measures', 'cdasi_response', 'prednisone_taper', 'ivig', 'jaki_continued', 'deaths', 'follow_up_years', 'adverse_events', 'relapses', 'imacs', 'settings'];
const EXTRA_TOP = ['site', 'as_of', 'baseline_characteristics', 'trajectories', 'jaki_stop_reasons', 'death_causes', 'jaki_continuation'];
const MEASURES = ['cdasi_activity', 'cdasi_damage', 'mmt8', 'prednisone_mg_day'];
const CELL = ['n', 'mean', 'sd', 'n_paired', 'p_wilcoxon', 'p_ttest'];

function keys(o: object) {
  return Object.keys(o).sort();
}
function sorted(list: string[]) {
  return [...list].sort();
}

/** Paths of every number that is not finite, and of every undefined value. */
function badValues(value: unknown, path = '$'): string[] {
  if (value === undefined) return [`${path}: undefined`];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => badValues(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => badValues(v, `${path}.${k}`));
  return [];
}

function assertShape(r: CohortReport) {
  assert.deepEqual(keys(r), sorted([...CONTRACT_TOP, ...EXTRA_TOP]));
  assert.deepEqual(keys(r.measures), sorted(MEASURES));
  for (const m of MEASURES) {
    const row = r.measures[m as keyof CohortReport['measures']];
    assert.deepEqual(keys(row), sorted(['baseline', 'm3', 'm6', 'final']));
    assert.deepEqual(keys(row.baseline), sorted(['n', 'mean', 'sd']));
    for (const tp of ['m3', 'm6', 'final'] as const) assert.deepEqual(keys(row[tp]), sorted([...CELL, 'wilcoxon_method']));
  }
  assert.deepEqual(keys(r.cdasi_response), sorted(['m3', 'm6', 'final']));
  for (const tp of ['m3', 'm6', 'final'] as const) assert.deepEqual(keys(r.cdasi_response[tp]), ['n', 'of']);
  assert.deepEqual(keys(r.prednisone_taper), sorted(['baseline_above_5', 'tapered', 'of']));
  assert.deepEqual(keys(r.ivig), sorted(['baseline', 'discontinued']));
  assert.deepEqual(keys(r.jaki_continued), ['n', 'of']);
  assert.deepEqual(keys(r.follow_up_years), ['mean', 'sd']);
  assert.deepEqual(
    keys(r.adverse_events),
    sorted(['total', 'serious', 'special_interest', 'patients', 'leading_to_discontinuation', 'exposure_years', 'rate_per_100_patient_years', 'not_treatment_emergent', 'by_category', 'by_grade']),
  );
  assert.deepEqual(keys(r.adverse_events.by_grade), ['1', '2', '3', '4', '5']);
  assert.deepEqual(keys(r.relapses), sorted(['events', 'patients', 'by_domain']));
  assert.deepEqual(
    keys(r.settings),
    sorted(['windows', 'responder_drop', 'taper_threshold_mg_day', 'mmt8_max', 'final_min_day', 'ae_window_after_stop_days', 'primary_test', 'decimals', 'tis_thresholds', 'tests']),
  );
  assert.deepEqual(keys(r.settings.tests), ['ttest', 'wilcoxon']);
  assert.deepEqual(keys(r.imacs), ['counts', 'per_patient']);
  assert.deepEqual(
    keys(r.baseline_characteristics),
    sorted(['n', 'sex', 'age_years', 'disease_duration_years', 'previous_treatments', 'active', 'regimens', 'prednisone_above_5', 'ivig', 'ild']),
  );
  assert.deepEqual(keys(r.jaki_continuation), ['at_risk', 'median_days', 'steps']);
  for (const step of r.jaki_continuation.steps) assert.deepEqual(keys(step), sorted(['day', 'survival', 'at_risk', 'events', 'censored']));
  for (const row of r.jaki_continuation.at_risk) assert.deepEqual(keys(row), ['month', 'n']);
  for (const t of r.trajectories) for (const p of t.points) assert.deepEqual(keys(p), sorted(['time_point', 'day', 'cdasi_activity', 'mmt8', 'prednisone_mg_day']));
  assert.deepEqual(badValues(r), []);
  // What a reader of the JSON gets is the object itself: nothing is lost or turned into null.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
}

describe('report JSON shape', () => {
  test('the fixture cohort has the contract keys and the stated additions, and no NaN', () => {
    assertShape(buildReport(INPUT));
  });

  test('an empty cohort gives zeros and nulls, never NaN', () => {
    const r = buildReport({ cohort: 'EMPTY', today: '2025-01-01', patients: [] });
    assertShape(r);
    assert.equal(r.patients, 0);
    assert.deepEqual(r.measures.cdasi_activity.baseline, { n: 0, mean: null, sd: null });
    assert.deepEqual(r.measures.mmt8.final, { n: 0, mean: null, sd: null, n_paired: 0, p_wilcoxon: null, p_ttest: null, wilcoxon_method: null });
    assert.deepEqual(r.follow_up_years, { mean: null, sd: null });
    assert.deepEqual(r.jaki_continued, { n: 0, of: 0 });
    assert.deepEqual(r.baseline_characteristics.age_years, { min: null, max: null, mean: null });
    assert.deepEqual(r.adverse_events.by_category, {});
    assert.deepEqual(r.jaki_continuation, { median_days: null, steps: [], at_risk: [{ month: 0, n: 0 }] });
  });

  test('patients whose values are all unrecorded, or unchanged, give null, never NaN', () => {
    const r = buildReport({
      cohort: 'FLAT',
      today: '2025-01-01',
      patients: [
        patient('F-1', { visits: [visit('baseline', 0), visit('follow_up', 90)] }),
        patient('F-2', { visits: [visit('baseline', 0, { cdasiActivity: 10 }), visit('follow_up', 90, { cdasiActivity: 10 })] }),
        patient('F-3', { visits: [visit('baseline', 0, { cdasiActivity: 12 }), visit('follow_up', 90, { cdasiActivity: 12 })] }),
      ],
    });
    assertShape(r);
    // every difference zero: no P from either test
    assert.deepEqual(r.measures.cdasi_activity.m3, { n: 2, mean: 11, sd: Math.SQRT2, n_paired: 2, p_wilcoxon: null, p_ttest: null, wilcoxon_method: null });
    assert.deepEqual(r.measures.mmt8.m3, { n: 0, mean: null, sd: null, n_paired: 0, p_wilcoxon: null, p_ttest: null, wilcoxon_method: null });
  });

  test('a non-finite value in the input is treated as not recorded', () => {
    const r = buildReport({
      cohort: 'NAN',
      today: '2025-01-01',
      patients: [patient('N-1', { visits: [visit('baseline', 0, { mmt8: NaN }), visit('follow_up', 90, { mmt8: 140 })] })],
    });
    assertShape(r);
    assert.equal(r.measures.mmt8.baseline.n, 0);
    assert.equal(r.measures.mmt8.m3.n_paired, 0);
  });
});

describe('a report that stays small', () => {
  test('the summary is the report without its per-patient arrays, and nothing else changed', () => {
    const full = buildReport(INPUT);
    const summary = reportSummary(full);
    assert.equal('trajectories' in summary, false);
    assert.deepEqual(keys(summary.imacs), ['counts']);
    const { trajectories: _t, imacs, ...rest } = full;
    assert.deepEqual({ ...rest, imacs: { counts: imacs.counts } }, summary);
  });

  test('the figure draws an even, bounded sample of the patients, in code order', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ patient_code: `P${String(i).padStart(4, '0')}`, points: [] }));
    const sample = trajectorySample(many, 300);
    assert.equal(sample.length, 300);
    assert.equal(new Set(sample).size, 300);
    assert.equal(sample[0], many[0]);
    assert.deepEqual(sample.map((t) => t.patient_code), [...sample.map((t) => t.patient_code)].sort());
    assert.deepEqual(trajectorySample(many.slice(0, 12), 300), many.slice(0, 12));
  });
});
