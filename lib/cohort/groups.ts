/**
 * The report split into subgroups of patients (docs/report.md, "Subgroups"): by the JAKi drug
 * the patient started, by myositis-specific antibody, or by site. Each group gets the whole
 * report over its own patients, computed by buildReport exactly as for a cohort of them alone,
 * beside the report of all patients.
 */

import { ANTIBODIES, label } from '@/lib/codes';
import { buildReport, reportSummary } from './report';
import type { CohortReport, ReportSummary } from './report-types';
import type { ReportInput, ReportPatient } from './types';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './windows';

export const REPORT_GROUPINGS = ['drug', 'antibody', 'site'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** What each grouping splits by, as a heading says it ("by JAKi drug"). */
export const GROUPING_LABELS: Record<ReportGrouping, string> = { drug: 'JAKi drug', antibody: 'antibody', site: 'site' };

const NOT_RECORDED_LABEL = 'Not recorded';

/** `key` is the group's code (null: patients without a value); `label` is how a page names it. */
export type ReportGroup = { key: string | null; label: string; report: CohortReport };

export type GroupedReport = { by: ReportGrouping; all: CohortReport; groups: ReportGroup[] };

const ANTIBODY_ORDER = new Map<string, number>(ANTIBODIES.map((code, i) => [code, i]));

/**
 * The patient's group key, null when the value is not recorded. A patient with more than one
 * antibody is in the group of that combination ("mi2+tif1g"), so that groups never overlap.
 */
function groupKey(patient: ReportPatient, by: ReportGrouping): string | null {
  switch (by) {
    case 'drug':
      return patient.jakiDrug || null;
    case 'site':
      return patient.siteCode || null;
    case 'antibody': {
      const codes = [...new Set(patient.antibodies)].sort((a, b) => (ANTIBODY_ORDER.get(a) ?? ANTIBODIES.length) - (ANTIBODY_ORDER.get(b) ?? ANTIBODIES.length));
      return codes.length ? codes.join('+') : null;
    }
  }
}

function groupLabel(key: string, by: ReportGrouping): string {
  if (by === 'site') return key;
  return key.split('+').map(label).join(' + ');
}

/**
 * The report of all patients and one report per group, each over that group's patients (with
 * the input's site filter applied first). Groups are sorted by label; the patients without a
 * value form the last group, "Not recorded", so that nobody is left out unseen.
 */
export function groupReports(input: ReportInput, by: ReportGrouping, settings: ReportSettings = DEFAULT_REPORT_SETTINGS): GroupedReport {
  const site = input.site ?? null;
  const members = new Map<string | null, ReportPatient[]>();
  for (const patient of input.patients) {
    if (site !== null && patient.siteCode !== site) continue;
    const key = groupKey(patient, by);
    const list = members.get(key);
    if (list) list.push(patient);
    else members.set(key, [patient]);
  }
  const groups = [...members.entries()]
    .map(([key, patients]) => ({ key, label: key === null ? NOT_RECORDED_LABEL : groupLabel(key, by), patients }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'en')))
    .map(({ key, label, patients }) => ({ key, label, report: buildReport({ ...input, patients }, settings) }));
  return { by, all: buildReport(input, settings), groups };
}

export type GroupedReportJson = (CohortReport | ReportSummary) & {
  by: ReportGrouping;
  groups: { key: string | null; label: string; patients: number; report: CohortReport | ReportSummary }[];
};

/**
 * The JSON of a split report: every key of the all-patients report at the top level, then
 * `by` and `groups`, each group's report a summary unless the patients are asked for.
 */
export function groupedReportJson(grouped: GroupedReport, { includePatients }: { includePatients: boolean }): GroupedReportJson {
  const shape = (report: CohortReport) => (includePatients ? report : reportSummary(report));
  return {
    ...shape(grouped.all),
    by: grouped.by,
    groups: grouped.groups.map((g) => ({ key: g.key, label: g.label, patients: g.report.patients, report: shape(g.report) })),
  };
}
