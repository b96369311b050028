// What the R script and the Stata do-file say first, in their own comment syntax: the cohort,
// the day, the files and the windows that placed the visits at each time point.

import { TIME_POINTS } from '@/lib/cohort/measures';
import type { ReportSettings } from '@/lib/cohort/windows';
import { TIME_POINT_LABELS } from '@/lib/documents/report-labels';
import { timePointRule } from './columns';
import type { AnalysisTable } from './files';

export type ScriptAbout = { cohort: string; today: string; settings: ReportSettings };

export function aboutLines(script: string, tables: readonly AnalysisTable[], { cohort, today, settings }: ScriptAbout): string[] {
  return [
    `${script}: reads the analysis files of cohort ${cohort}, made by the DM JAKi registry on ${today}.`,
    ...tables.map((t) => `${t.file}: ${t.what}, ${t.columns.length} columns.`),
    'dictionary.csv describes every column (label, type, unit, range, codes); docs/analysis-exports.md the files.',
    "Day 0 is the patient's JAK inhibitor start. Time points, as the cohort's report chose them:",
    ...TIME_POINTS.map((tp) => `  ${TIME_POINT_LABELS[tp]}: ${timePointRule(tp, settings)}.`),
  ];
}
