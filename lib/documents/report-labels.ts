import type { CohortReport, ReportMeasure, TimePointCell } from '@/lib/cohort/report-types';
import type { FollowUpPoint, PrimaryTest } from '@/lib/cohort/windows';

export const MEASURE_LABELS: Record<ReportMeasure, string> = {
  cdasi_activity: 'CDASI activity',
  cdasi_damage: 'CDASI damage',
  mmt8: 'MMT8',
  prednisone_mg_day: 'Prednisone, mg/day',
};

export const TIME_POINT_LABELS: Record<'baseline' | FollowUpPoint, string> = {
  baseline: 'Baseline',
  m3: 'Month 3',
  m6: 'Month 6',
  final: 'Final follow-up',
};

/**
 * Mean ± SD with the cohort's number of decimals (settings.decimals; the pilot printed one);
 * a dash where there is no value.
 */
export function meanSd(mean: number | null, sd: number | null, decimals: number): string {
  if (mean === null) return '–';
  return sd === null ? mean.toFixed(decimals) : `${mean.toFixed(decimals)} ± ${sd.toFixed(decimals)}`;
}

/**
 * A P value as journals print it (AMA style): two decimals, three below .01, "< .001", "> .99";
 * a dash when there is none.
 */
export function formatP(p: number | null): string {
  if (p === null) return '–';
  if (p < 0.001) return '< .001';
  if (p > 0.99) return '> .99';
  return (p < 0.01 ? p.toFixed(3) : p.toFixed(2)).replace(/^0/, '');
}

/** The cell's P from the cohort's primary test, and the other test's, with their names; none with fewer than two pairs. */
export function cellP(cell: TimePointCell, primary: PrimaryTest): { p: number | null; other: number | null; name: string; otherName: string } {
  const enough = cell.n_paired >= 2;
  const wilcoxon = enough ? cell.p_wilcoxon : null;
  const ttest = enough ? cell.p_ttest : null;
  return primary === 'wilcoxon'
    ? { p: wilcoxon, other: ttest, name: TEST_NAMES.wilcoxon, otherName: TEST_NAMES.ttest }
    : { p: ttest, other: wilcoxon, name: TEST_NAMES.ttest, otherName: TEST_NAMES.wilcoxon };
}

/** "1 pair", "16 pairs": a cell's count of patients with a value there and at baseline. */
export function pairsLabel(n: number): string {
  return `${n} pair${n === 1 ? '' : 's'}`;
}

export const TEST_NAMES: Record<PrimaryTest, string> = { wilcoxon: 'Wilcoxon signed-rank test', ttest: 'paired t-test' };

/**
 * Column headers of the TIS bands, which are exclusive: with the adult thresholds "< 20",
 * "20–39", "40–59", "≥ 60", as a journal prints them ("20–39" holds every score from 20 up
 * to, not including, 40).
 */
export function tisBandLabels(t: CohortReport['settings']['tis_thresholds']): Record<'none' | 'minimal' | 'moderate' | 'major', string> {
  return { none: `< ${t.minimal}`, minimal: `${t.minimal}–${t.moderate - 1}`, moderate: `${t.moderate}–${t.major - 1}`, major: `≥ ${t.major}` };
}

export const IMACS_NOT_ASSESSABLE = 'Not assessable: no patient has all six core-set measures recorded at baseline and at a follow-up time point.';

/** No patient has the six core-set measures at baseline and at any time point: zeros would read as "no responders". */
export function imacsAssessable(report: CohortReport): boolean {
  return Object.values(report.imacs.counts).some((c) => c.assessable > 0);
}

export function percent(n: number, of: number): string {
  return of === 0 ? '–' : `${Math.round((100 * n) / of)}%`;
}

/** Past this many patients the figure shows the mean ± SD only, without a line per patient. */
export const MAX_PATIENT_LINES = 300;

/** The report's methods, one paragraph a line: the same on the page and in the PDF. */
export function methodsText(s: CohortReport['settings']): string[] {
  const w = s.windows;
  return [
    `Day 0 is each patient's JAK-inhibitor start. Month 3: the follow-up visit closest to day ${w.m3.target} within days ${w.m3.from}–${w.m3.to}; month 6: closest to day ${w.m6.target} within days ${w.m6.from}–${w.m6.to}; on a tie, the earlier visit. Final: the last follow-up visit from day ${s.final_min_day}.`,
    `Mean ± SD uses the sample SD (n − 1). P values compare each time point with baseline in the patients who have both values.`,
    `Wilcoxon: ${s.tests.wilcoxon}`,
    `t-test: ${s.tests.ttest}`,
    `Responder: CDASI activity fall of ${s.responder_drop} or more from baseline. Tapered: prednisone equivalent ≤ ${s.taper_threshold_mg_day} mg/day at final follow-up. A death ends the JAK-inhibitor treatment.`,
    `Adverse events and relapses: treatment-emergent only, from day 0 to ${s.ae_window_after_stop_days} days after a JAK-inhibitor stop (relapses to the stop). Exposure: day 0 to the stop, death or end of follow-up, else the last visit. Special interest: every category but other and laboratory abnormality.`,
    `IMACS: the enzyme of each patient is the one most above its upper limit of normal at baseline (CK when no limit is recorded), followed at every time point.`,
  ];
}
