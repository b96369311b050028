import type { Sql } from 'postgres';
import type { MeasureRow, ReportMeasure, ReportSettingsJson } from '@/lib/cohort/report-types';
import { REPORT_MEASURES } from '@/lib/cohort/report-types';
import { TIME_POINTS, type TimePoint } from '@/lib/cohort/measures';

// The yardstick of the report's speed (issue "Speed"): the report's mean ± SD (n) per measure
// and time point as one hand-written SQL query, with the report's time-point rules
// (docs/report.md): day 0 the JAKi start, baseline the earliest baseline visit, m3 and m6 the
// follow-up closest to the target within the window (a tie to the earlier), final the last
// follow-up if on or after `final_min_day`; voided patients and visits left out. No P values:
// SQL has no Wilcoxon; the report computes them on top.

export type Described = { n: number; mean: number | null; sd: number | null };
export type AggregateFigures = Record<ReportMeasure, Record<TimePoint, Described>>;

type Row = { tp: TimePoint } & Record<`${'n' | 'mean' | 'sd'}_${ReportMeasure}`, number | null>;

/** The figures of every patient of the cohort (all sites), with the windows the report used. */
export async function sqlAggregate(sql: Sql, cohortCode: string, settings: ReportSettingsJson): Promise<AggregateFigures> {
  const { m3, m6 } = settings.windows;
  const stats = sql.unsafe(
    REPORT_MEASURES.map((m) => `count(${m}) as n_${m}, avg(${m}) as mean_${m}, stddev_samp(${m}) as sd_${m}`).join(', '),
  );
  const rows = await sql<Row[]>`
    with v as materialized (
      select v.patient_id, v.visit_date, v.visit_date - p.jaki_start_date as day, v.visit_type,
             v.cdasi_activity::float8 as cdasi_activity, v.cdasi_damage::float8 as cdasi_damage,
             v.mmt8::float8 as mmt8, v.prednisone_mg_day::float8 as prednisone_mg_day
      from visit v join patient p on p.id = v.patient_id
      where p.cohort_id = (select id from cohort where code = ${cohortCode}) and p.voided_at is null and v.voided_at is null
    ),
    baseline as (select distinct on (patient_id) * from v where visit_type = 'baseline' order by patient_id, visit_date),
    m3 as (
      select distinct on (patient_id) * from v
      where visit_type = 'follow_up' and day between ${m3.from} and ${m3.to}
      order by patient_id, abs(day - ${m3.target}), visit_date
    ),
    m6 as (
      select distinct on (patient_id) * from v
      where visit_type = 'follow_up' and day between ${m6.from} and ${m6.to}
      order by patient_id, abs(day - ${m6.target}), visit_date
    ),
    last as (select distinct on (patient_id) * from v where visit_type = 'follow_up' order by patient_id, visit_date desc)
    select 'baseline' as tp, ${stats} from baseline
    union all select 'm3', ${stats} from m3
    union all select 'm6', ${stats} from m6
    union all select 'final', ${stats} from last where day >= ${settings.final_min_day}`;
  const figures = {} as AggregateFigures;
  for (const m of REPORT_MEASURES) {
    figures[m] = {} as Record<TimePoint, Described>;
    for (const row of rows) figures[m][row.tp] = { n: Number(row[`n_${m}`]), mean: row[`mean_${m}`], sd: row[`sd_${m}`] };
  }
  return figures;
}

/** Where the SQL's figures and the report's differ by more than 1e-9 (relative above 1); none when they agree. */
export function figureDifferences(sqlFigures: AggregateFigures, measures: Record<ReportMeasure, MeasureRow>): string[] {
  const close = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const differences: string[] = [];
  for (const m of REPORT_MEASURES)
    for (const tp of TIME_POINTS) {
      const fromSql = sqlFigures[m][tp];
      const fromReport = measures[m][tp];
      if (!fromSql || fromSql.n !== fromReport.n || !close(fromSql.mean, fromReport.mean) || !close(fromSql.sd, fromReport.sd))
        differences.push(`${m} ${tp}: SQL ${JSON.stringify(fromSql)}, report ${JSON.stringify({ n: fromReport.n, mean: fromReport.mean, sd: fromReport.sd })}`);
    }
  return differences;
}
