import { stringify } from 'csv-stringify/sync';
import type { GroupedReport } from '@/lib/cohort/groups';
import { REPORT_MEASURES, type CohortReport } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';

const COLUMNS = ['section', 'item', 'time_point', 'n', 'of', 'mean', 'sd', 'n_paired', 'p_wilcoxon', 'p_ttest', 'wilcoxon_method'];

type Cell = string | number | null;

const toCsv = (rows: Cell[][]) => stringify(rows, { record_delimiter: '\n', cast: { number: (n) => String(n) } });

/**
 * The report as one tidy table: one row per figure, unrounded, empty where a value is absent.
 * Sections: trajectory, response, outcome, adverse_events (treatment-emergent), relapses.
 */
export function reportCsv(report: CohortReport): string {
  return toCsv([COLUMNS, ...reportRows(report)]);
}

/**
 * A split report as one table: a first column `group`, `all` on the rows of all patients (they
 * come first), else the group's key, empty for the group whose value is not recorded.
 */
export function groupedReportCsv(grouped: GroupedReport): string {
  return toCsv([
    ['group', ...COLUMNS],
    ...reportRows(grouped.all).map((row) => ['all', ...row]),
    ...grouped.groups.flatMap((g) => reportRows(g.report).map((row) => [g.key, ...row])),
  ]);
}

function reportRows(report: CohortReport): Cell[][] {
  const rows: Cell[][] = [];
  const row = (values: Partial<Record<(typeof COLUMNS)[number], Cell>>) =>
    rows.push(COLUMNS.map((c) => values[c] ?? null));

  for (const measure of REPORT_MEASURES) {
    const m = report.measures[measure];
    row({ section: 'trajectory', item: measure, time_point: 'baseline', n: m.baseline.n, mean: m.baseline.mean, sd: m.baseline.sd });
    for (const point of FOLLOW_UP_POINTS) {
      const c = m[point];
      row({
        section: 'trajectory',
        item: measure,
        time_point: point,
        n: c.n,
        mean: c.mean,
        sd: c.sd,
        n_paired: c.n_paired,
        p_wilcoxon: c.p_wilcoxon,
        p_ttest: c.p_ttest,
        wilcoxon_method: c.wilcoxon_method,
      });
    }
  }
  for (const point of FOLLOW_UP_POINTS) {
    const r = report.cdasi_response[point];
    row({ section: 'response', item: `cdasi_activity_fall_${report.settings.responder_drop}`, time_point: point, n: r.n, of: r.of });
  }
  const t = report.prednisone_taper;
  row({ section: 'outcome', item: 'prednisone_above_threshold_at_baseline', time_point: 'baseline', n: t.baseline_above_5, of: report.patients });
  row({ section: 'outcome', item: 'prednisone_tapered', time_point: 'final', n: t.tapered, of: t.of });
  row({ section: 'outcome', item: 'ivig_at_baseline', time_point: 'baseline', n: report.ivig.baseline, of: report.patients });
  row({ section: 'outcome', item: 'ivig_discontinued', time_point: 'final', n: report.ivig.discontinued, of: report.ivig.baseline });
  row({ section: 'outcome', item: 'jaki_continued', n: report.jaki_continued.n, of: report.jaki_continued.of });
  row({ section: 'outcome', item: 'deaths', n: report.deaths, of: report.patients });
  row({ section: 'outcome', item: 'follow_up_years', mean: report.follow_up_years.mean, sd: report.follow_up_years.sd });
  const ae = report.adverse_events;
  row({ section: 'adverse_events', item: 'total', n: ae.total });
  row({ section: 'adverse_events', item: 'serious', n: ae.serious, of: ae.total });
  row({ section: 'adverse_events', item: 'special_interest', n: ae.special_interest, of: ae.total });
  row({ section: 'adverse_events', item: 'patients', n: ae.patients, of: report.patients });
  row({ section: 'adverse_events', item: 'leading_to_discontinuation', n: ae.leading_to_discontinuation, of: ae.total });
  row({ section: 'adverse_events', item: 'exposure_years', mean: ae.exposure_years });
  row({ section: 'adverse_events', item: 'rate_per_100_patient_years', mean: ae.rate_per_100_patient_years });
  row({ section: 'adverse_events', item: 'not_treatment_emergent', n: ae.not_treatment_emergent });
  for (const [category, n] of Object.entries(ae.by_category)) row({ section: 'adverse_events', item: `category:${category}`, n, of: ae.total });
  for (const [grade, n] of Object.entries(ae.by_grade)) row({ section: 'adverse_events', item: `grade:${grade}`, n, of: ae.total });
  row({ section: 'relapses', item: 'events', n: report.relapses.events });
  row({ section: 'relapses', item: 'patients', n: report.relapses.patients, of: report.patients });
  for (const [domain, n] of Object.entries(report.relapses.by_domain)) row({ section: 'relapses', item: `domain:${domain}`, n, of: report.relapses.events });

  return rows;
}
