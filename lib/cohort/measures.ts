// Mean ± SD (n) per measure and time point, with paired tests against baseline.

import { mean, pairedTTest, sd, wilcoxonSignedRank } from '@/lib/stats';
import type { MeasureRow, ReportMeasure, TimePointCell } from './report-types';
import type { ReportPatient, ReportVisit } from './types';
import { FOLLOW_UP_POINTS, type PatientTimePoints } from './windows';

export type PatientTimeline = { patient: ReportPatient; points: PatientTimePoints<ReportVisit> };

export const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;
export type TimePoint = (typeof TIME_POINTS)[number];

/** A recorded value: a finite number, else null (absent, NaN or infinite). */
export function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * One measure at every time point: per time point a slot for each patient, in timeline
 * order, holding the value recorded at that time point's visit, NaN where there is no visit
 * or no recorded value (the report's null).
 */
export type FieldColumns = Record<TimePoint, Float64Array>;
export type MeasureColumns = Record<ReportMeasure, FieldColumns>;

/**
 * The columns of the four report measures, read from every selected visit once. Several
 * statistics read each measure, and on a cohort of thousands, reading the scattered visit
 * objects again for each statistic, by a computed key, cost more than the statistics: here
 * each patient's visits are read together, by field name, and the statistics then work on
 * the columns.
 */
export function measureColumns(timelines: readonly PatientTimeline[]): MeasureColumns {
  const n = timelines.length;
  const make = (): FieldColumns => ({
    baseline: new Float64Array(n),
    m3: new Float64Array(n),
    m6: new Float64Array(n),
    final: new Float64Array(n),
  });
  const columns = { cdasi_activity: make(), cdasi_damage: make(), mmt8: make(), prednisone_mg_day: make() };
  const at = (tp: TimePoint): PointColumns => [
    columns.cdasi_activity[tp],
    columns.cdasi_damage[tp],
    columns.mmt8[tp],
    columns.prednisone_mg_day[tp],
  ];
  const [atBaseline, atM3, atM6, atFinal] = [at('baseline'), at('m3'), at('m6'), at('final')];
  for (let i = 0; i < n; i++) {
    const { points } = timelines[i]!;
    readVisit(atBaseline, i, points.baseline?.visit);
    readVisit(atM3, i, points.m3?.visit);
    readVisit(atM6, i, points.m6?.visit);
    readVisit(atFinal, i, points.final?.visit);
  }
  return columns;
}

/** One time point's columns of the four measures. */
type PointColumns = [activity: Float64Array, damage: Float64Array, mmt8: Float64Array, prednisone: Float64Array];

function readVisit([activity, damage, mmt8, prednisone]: PointColumns, i: number, visit: ReportVisit | undefined): void {
  activity[i] = finite(visit?.cdasiActivity) ?? NaN;
  damage[i] = finite(visit?.cdasiDamage) ?? NaN;
  mmt8[i] = finite(visit?.mmt8) ?? NaN;
  prednisone[i] = finite(visit?.prednisoneMgDay) ?? NaN;
}

/** NaN, a column's mark for no value, as the report's null. */
export function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** A column's values (NaN marks none), in order. */
function present(column: Float64Array): number[] {
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) values.push(column[i]!);
  return values;
}

/** Two-sided paired tests of the time point against baseline, over the patients with both. */
function timePointCell(at: Float64Array, baseline: Float64Array): TimePointCell {
  const values: number[] = [];
  const pairedAt: number[] = [];
  const pairedBaseline: number[] = [];
  for (let i = 0; i < at.length; i++) {
    const a = at[i]!;
    if (Number.isNaN(a)) continue;
    values.push(a);
    const b = baseline[i]!;
    if (Number.isNaN(b)) continue;
    pairedAt.push(a);
    pairedBaseline.push(b);
  }
  const w = wilcoxonSignedRank(pairedAt, pairedBaseline);
  const t = pairedTTest(pairedAt, pairedBaseline);
  return {
    n: values.length,
    mean: mean(values),
    sd: sd(values),
    n_paired: pairedAt.length,
    p_wilcoxon: w.p,
    p_ttest: t.p,
    wilcoxon_method: w.method,
  };
}

export function measureRow(columns: FieldColumns): MeasureRow {
  const base = present(columns.baseline);
  const row = { baseline: { n: base.length, mean: mean(base), sd: sd(base) } } as MeasureRow;
  for (const tp of FOLLOW_UP_POINTS) row[tp] = timePointCell(columns[tp], columns.baseline);
  return row;
}
