import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { groupReports } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { INPUT } from '@/test-support/report-fixture';
import { groupedReportCsv, reportCsv } from './report-csv';

const lines = (csv: string) => csv.trimEnd().split('\n');

describe('the CSV of a split report', () => {
  const input = { ...INPUT, patients: INPUT.patients.map((p) => (p.code === 'A-04' ? { ...p, antibodies: [] } : { ...p, antibodies: ['mda5'] })) };
  const grouped = groupReports(input, 'antibody');
  const csv = groupedReportCsv(grouped);
  const rows: string[][] = parse(csv);

  test('a first column, group: all for all patients, then each group by its key, empty where not recorded', () => {
    const plain = lines(reportCsv(grouped.all));
    assert.equal(lines(csv)[0], `group,${plain[0]}`);
    assert.deepEqual([...new Set(rows.slice(1).map((r) => r[0]))], ['all', 'mda5', '']);
  });

  test("each group's rows are the CSV of its report alone, the all-patients rows the plain CSV", () => {
    const body = (group: string) => rows.filter((r) => r[0] === group).map((r) => r.slice(1));
    const plainRows = (report: Parameters<typeof reportCsv>[0]) => (parse(reportCsv(report)) as string[][]).slice(1);
    assert.deepEqual(body('all'), plainRows(buildReport(input)));
    assert.deepEqual(body('mda5'), plainRows(grouped.groups[0]!.report));
    assert.deepEqual(body(''), plainRows(buildReport({ ...input, patients: input.patients.filter((p) => p.code === 'A-04') })));
    assert.ok(body('').some((r) => r.join(',') === 'trajectory,cdasi_activity,baseline,1,,25,,,,,'), 'A-04 alone: CDASI activity 25 at baseline');
  });
});
