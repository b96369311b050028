import type { ReportMeasure } from '@/lib/cohort/report-types';
import type { FollowUpPoint } from '@/lib/cohort/windows';

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

/** Mean ± SD as the pilot printed it, one decimal; a dash where there is no value. */
export function meanSd(mean: number | null, sd: number | null): string {
  if (mean === null) return '–';
  return sd === null ? mean.toFixed(1) : `${mean.toFixed(1)} ± ${sd.toFixed(1)}`;
}

/** P as journals print it: three significant figures, "< .001" below that. */
export function formatP(p: number | null): string {
  if (p === null) return '–';
  if (p < 0.001) return '< .001';
  return p.toFixed(3).replace(/^0/, '');
}

export function percent(n: number, of: number): string {
  return of === 0 ? '–' : `${Math.round((100 * n) / of)}%`;
}
