import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INPUT, patient, visit } from '@/test-support/report-fixture';
import { groupReports, groupedReportJson } from './groups';
import { buildReport, reportSummary } from './report';
import type { ReportInput } from './types';
import { DEFAULT_REPORT_SETTINGS } from './windows';

// The fixture's five patients (test-support/report-fixture.ts) started baricitinib (A-01,
// ), ruxolitinib and tofacitinib.

const only = (codes: string[]): ReportInput => ({ ...INPUT, patients: INPUT.patients.filter((p) => codes.includes(p.code)) });

describe('the report split by JAKi drug', () => {
  const grouped = groupReports(INPUT, 'drug');

  test('one group per drug started, sorted by label, with its patients', () => {
    assert.equal(grouped.by, 'drug');
    assert.deepEqual(
      grouped.groups.map((g) => [g.key, g.label, g.report.patients]),
      [
        ['baricitinib', 'Baricitinib', 3],
        ['ruxolitinib', 'Ruxolitinib', 1],
        ['tofacitinib', 'Tofacitinib', 1],
      ],
    );
    assert.deepEqual(grouped.all, buildReport(INPUT));
  });

  test("each group's report is the report of its patients alone", () => {
    const members = { baricitinib: ['A-01', 'A-03', 'A-04'], ruxolitinib: ['A-02'], tofacitinib: ['A-05'] };
    for (const g of grouped.groups) assert.deepEqual(g.report, buildReport(only(members[g.key as keyof typeof members])), g.label);
  });

  test('baricitinib, by hand: CDASI activity 30, 40, 25 at baseline; month 3 only A-01 (20)', () => {
    const m = grouped.groups[0]!.report.measures.cdasi_activity;
    assert.deepEqual([m.baseline.n, m.baseline.mean], [3, 95 / 3]);
    assert.deepEqual([m.m3.n, m.m3.mean, m.m3.sd, m.m3.n_paired], [1, 20, null, 1]);
    // A-02's month 3 (18) is in the ruxolitinib group only; the cohort's month 3 has both and A-05.
    assert.deepEqual([grouped.groups[1]!.report.measures.cdasi_activity.m3.mean, grouped.all.measures.cdasi_activity.m3.n], [18, 3]);
  });

  test("the report's settings are each group's", () => {
    const settings = { ...DEFAULT_REPORT_SETTINGS, responderDrop: 10, decimals: 3 };
    const withSettings = groupReports(INPUT, 'drug', settings);
    assert.deepEqual(withSettings.groups[0]!.report, buildReport(only(['A-01', 'A-03', 'A-04']), settings));
    assert.equal(withSettings.all.settings.decimals, 3);
  });
});

describe('the report split by antibody', () => {
  const input: ReportInput = {
    ...INPUT,
    patients: INPUT.patients.map((p) => {
      const antibodies = { 'A-01': ['mda5'], 'A-02': ['tif1g', 'mi2'], 'A-03': ['none'], 'A-04': [], 'A-05': ['mda5'] }[p.code]!;
      return { ...p, antibodies };
    }),
  };

  test('a patient without an antibody recorded is in "Not recorded", last; two antibodies make a group of their own', () => {
    const grouped = groupReports(input, 'antibody');
    assert.deepEqual(
      grouped.groups.map((g) => [g.key, g.label, g.report.patients]),
      [
        ['mda5', 'MDA5', 2],
        ['mi2+tif1g', 'Mi-2 + TIF1-γ', 1],
        ['none', 'None', 1],
        [null, 'Not recorded', 1],
      ],
    );
    assert.equal(grouped.groups.reduce((sum, g) => sum + g.report.patients, 0), grouped.all.patients);
    assert.equal(grouped.groups[3]!.report.baseline_characteristics.n, 1);
    assert.equal(grouped.groups[3]!.report.trajectories[0]!.patient_code, 'A-04');
  });
});

describe('the report split by site', () => {
  const input: ReportInput = {
    ...INPUT,
    patients: [...INPUT.patients, patient('B-01', { siteCode: 'B', visits: [visit('baseline', 0, { cdasiActivity: 10 })] })],
  };

  test('one group per site', () => {
    const grouped = groupReports(input, 'site');
    assert.deepEqual(
      grouped.groups.map((g) => [g.key, g.label, g.report.patients]),
      [
        ['A', 'A', 5],
        ['B', 'B', 1],
      ],
    );
  });

  test("a report of one site splits that site's patients only", () => {
    const grouped = groupReports({ ...input, site: 'B' }, 'drug');
    assert.equal(grouped.all.patients, 1);
    assert.deepEqual(
      grouped.groups.map((g) => [g.key, g.report.patients, g.report.site]),
      [['baricitinib', 1, 'B']],
    );
  });

  test('no patient, no group', () => {
    const grouped = groupReports({ ...INPUT, patients: [] }, 'site');
    assert.deepEqual([grouped.all.patients, grouped.groups], [0, []]);
  });
});

describe('the JSON of a split report', () => {
  const grouped = groupReports(INPUT, 'drug');

  test('the all-patients summary at the top level, then by and the groups, each a summary', () => {
    const json = groupedReportJson(grouped, { includePatients: false });
    const { by, groups, ...all } = json;
    assert.deepEqual(all, reportSummary(grouped.all));
    assert.equal(by, 'drug');
    assert.deepEqual(Object.keys(groups[0]!), ['key', 'label', 'patients', 'report']);
    assert.deepEqual(groups[0]!.report, reportSummary(grouped.groups[0]!.report));
    assert.equal(groups[0]!.patients, 3);
    assert.equal('trajectories' in groups[0]!.report, false);
  });

  test("with the patients asked for, each group carries its patients' rows", () => {
    const json = groupedReportJson(grouped, { includePatients: true });
    assert.equal('trajectories' in json && json.trajectories.length, 5);
    assert.deepEqual(json.groups[0]!.report, grouped.groups[0]!.report);
  });
});
