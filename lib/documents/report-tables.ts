import { label } from '@/lib/codes';
import { REPORT_MEASURES, type CohortReport } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { IMACS_NOT_ASSESSABLE, MEASURE_LABELS, TEST_NAMES, TIME_POINT_LABELS, cellP, formatP, imacsAssessable, meanSd, pairsLabel, percent, tisBandLabels } from './report-labels';

// The report's tables as plain rows of text, printed alike by the PDF (report-pdf.ts) and the
// Word document (report-docx.ts), so that the two files can never disagree on a figure.

export type TableColumn = {
  title: string;
  /** Width in PDF points on a landscape A4 page (770 pt between the margins); Word scales them. */
  width: number;
  align?: 'left' | 'right' | 'center';
};

export type ReportTable = {
  title: string;
  columns: TableColumn[];
  /** Empty when the table cannot be filled; `footnote` then says why. */
  rows: string[][];
  footnote?: string;
};

const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;

function baselineTable(report: CohortReport): ReportTable {
  const b = report.baseline_characteristics;
  const range = (m: { min: number | null; max: number | null; mean: number | null }, digits: number) =>
    m.mean === null ? '–' : `${m.mean.toFixed(1)} (${m.min?.toFixed(digits)}–${m.max?.toFixed(digits)})`;
  return {
    title: 'Baseline characteristics',
    columns: [{ title: 'Characteristic', width: 260 }, { title: 'Value', width: 500 }],
    rows: [
      ['Patients (F / M)', `${b.n} (${b.sex.F} / ${b.sex.M})`],
      ['Age at JAK-inhibitor start, years: mean (range)', range(b.age_years, 0)],
      ['Disease duration, years: mean (range)', `${range(b.disease_duration_years, 1)}, n ${b.disease_duration_years.n}`],
      ['Active disease: skin / muscle / both', `${b.active.cutaneous} / ${b.active.muscle} / ${b.active.both}`],
      [`Prednisone > ${report.settings.taper_threshold_mg_day} mg/day · IVIG ongoing · ILD`, `${b.prednisone_above_5} · ${b.ivig} · ${b.ild}`],
      ['Regimens', b.regimens.map((r) => `${label(r.drug)} ${r.dose_mg_day} mg/day (${r.n})`).join(', ') || '–'],
      ['Previous treatments', Object.entries(b.previous_treatments).map(([k, n]) => `${label(k)} ${n}`).join(', ') || '–'],
    ],
  };
}

/** Mean ± SD (n) per measure and time point, with the primary test's P over the pairs: the journal table. */
export function trajectoryTable(report: CohortReport, title = 'Trajectory: mean ± SD (n)'): ReportTable {
  const primary = report.settings.primary_test;
  const decimals = report.settings.decimals;
  return {
    title,
    columns: [{ title: 'Measure', width: 120 }, ...TIME_POINTS.map((p) => ({ title: TIME_POINT_LABELS[p], width: 160, align: 'center' as const }))],
    rows: REPORT_MEASURES.map((m) => {
      const row = report.measures[m];
      return [
        MEASURE_LABELS[m],
        `${meanSd(row.baseline.mean, row.baseline.sd, decimals)} (${row.baseline.n})`,
        ...FOLLOW_UP_POINTS.map((p) => {
          const c = row[p];
          return `${meanSd(c.mean, c.sd, decimals)} (${c.n}); P ${formatP(cellP(c, primary).p)}, ${pairsLabel(c.n_paired)}`;
        }),
      ];
    }),
    footnote: `P: each time point against baseline, two-sided ${TEST_NAMES[primary]}, over the patients with both values (pairs); none under two pairs. SD: sample SD (n − 1).`,
  };
}

function outcomesTable(report: CohortReport): ReportTable {
  const t = report.prednisone_taper;
  const r = report.cdasi_response;
  const s = report.settings;
  return {
    title: 'Outcomes',
    columns: [{ title: 'Outcome', width: 420 }, { title: 'n / of', width: 120, align: 'right' }, { title: '%', width: 80, align: 'right' }],
    rows: [
      ...FOLLOW_UP_POINTS.map((p) => [`CDASI activity fall ≥ ${s.responder_drop}, ${TIME_POINT_LABELS[p]}`, `${r[p].n} / ${r[p].of}`, percent(r[p].n, r[p].of)]),
      [`Prednisone > ${s.taper_threshold_mg_day} mg/day at baseline`, `${t.baseline_above_5} / ${report.patients}`, percent(t.baseline_above_5, report.patients)],
      [`  tapered to ≤ ${s.taper_threshold_mg_day} mg/day at final follow-up`, `${t.tapered} / ${t.of}`, percent(t.tapered, t.of)],
      ['IVIG ongoing at baseline', `${report.ivig.baseline} / ${report.patients}`, percent(report.ivig.baseline, report.patients)],
      ['  IVIG stopped by final follow-up', `${report.ivig.discontinued} / ${report.ivig.baseline}`, percent(report.ivig.discontinued, report.ivig.baseline)],
      ['Still on the JAK inhibitor', `${report.jaki_continued.n} / ${report.jaki_continued.of}`, percent(report.jaki_continued.n, report.jaki_continued.of)],
      ...Object.entries(report.jaki_stop_reasons).map(([reason, n]) => [`  stopped: ${label(reason)}`, String(n), '']),
      ['Deaths', `${report.deaths} / ${report.patients}`, percent(report.deaths, report.patients)],
      ...report.death_causes.map((cause) => [`  cause: ${cause}`, '', '']),
      ['Follow-up, years (mean ± SD)', meanSd(report.follow_up_years.mean, report.follow_up_years.sd, s.decimals), ''],
    ],
  };
}

function imacsTable(report: CohortReport): ReportTable {
  const bands = tisBandLabels(report.settings.tis_thresholds);
  const title = 'IMACS response: 2016 ACR/EULAR Total Improvement Score (all six core-set measures at both visits)';
  const columns = [
    { title: 'Time point', width: 120 },
    ...['Assessable', `None (${bands.none})`, `Minimal (${bands.minimal})`, `Moderate (${bands.moderate})`, `Major (${bands.major})`, 'IMACS DOI met'].map((t) => ({
      title: t,
      width: 95,
      align: 'right' as const,
    })),
  ];
  if (!imacsAssessable(report)) return { title, columns, rows: [], footnote: IMACS_NOT_ASSESSABLE };
  return {
    title,
    columns,
    rows: FOLLOW_UP_POINTS.map((p) => {
      const c = report.imacs.counts[p];
      return [TIME_POINT_LABELS[p], String(c.assessable), String(c.none), String(c.minimal), String(c.moderate), String(c.major), String(c.doi_met)];
    }),
  };
}

function adverseEventsTable(report: CohortReport): ReportTable {
  const ae = report.adverse_events;
  return {
    title: `Treatment-emergent adverse events (day 0 to ${report.settings.ae_window_after_stop_days} days after a stop; ${ae.not_treatment_emergent} other not counted)`,
    columns: [{ title: 'Adverse events', width: 420 }, { title: 'n', width: 120, align: 'right' }, { title: '%', width: 80, align: 'right' }],
    rows: [
      ['Patients with an event', `${ae.patients} / ${report.patients}`, percent(ae.patients, report.patients)],
      ['Events', String(ae.total), ''],
      ['  serious', String(ae.serious), ''],
      ['  of special interest', String(ae.special_interest), ''],
      ['  leading to discontinuation', String(ae.leading_to_discontinuation), ''],
      ['Exposure, patient-years', ae.exposure_years.toFixed(1), ''],
      ['Events per 100 patient-years', ae.rate_per_100_patient_years === null ? '–' : ae.rate_per_100_patient_years.toFixed(1), ''],
      ...Object.entries(ae.by_category).map(([c, n]) => [`  ${label(c)}`, String(n), '']),
      ['Relapses on the JAK inhibitor (patients)', `${report.relapses.events} (${report.relapses.patients})`, percent(report.relapses.patients, report.patients)],
      ...Object.entries(report.relapses.by_domain).map(([d, n]) => [`  ${label(d)}`, String(n), '']),
    ],
  };
}

/** Every table of the report, in the pilot's order. */
export function reportTables(report: CohortReport): ReportTable[] {
  return [baselineTable(report), trajectoryTable(report), outcomesTable(report), imacsTable(report), adverseEventsTable(report)];
}
