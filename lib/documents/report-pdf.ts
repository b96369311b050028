import { GROUPING_LABELS, type GroupedReport } from '@/lib/cohort/groups';
import { REPORT_MEASURES, type CohortReport } from '@/lib/cohort/report-types';
import { trajectorySample } from '@/lib/cohort/report';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { label } from '@/lib/codes';
import { heading, lineChart, newDocument, table, toBuffer, type Doc } from './pdf';
import { IMACS_NOT_ASSESSABLE, MAX_PATIENT_LINES, MEASURE_LABELS, TEST_NAMES, TIME_POINT_LABELS, cellP, formatP, imacsAssessable, meanSd, methodsText, percent, tisBandLabels } from './report-labels';
import { visitField } from '@/lib/visits/fields';

const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;

/** Each measure at each time point: mean ± SD (n), and the primary test's P with its pairs. */
function trajectoryTable(doc: Doc, report: CohortReport) {
  const primary = report.settings.primary_test;
  const decimals = report.settings.decimals;
  table(
    doc,
    [{ title: 'Measure', width: 120 }, ...TIME_POINTS.map((p) => ({ title: TIME_POINT_LABELS[p], width: 160, align: 'center' as const }))],
    REPORT_MEASURES.map((m) => {
      const row = report.measures[m];
      return [
        MEASURE_LABELS[m],
        `${meanSd(row.baseline.mean, row.baseline.sd, decimals)} (${row.baseline.n})`,
        ...FOLLOW_UP_POINTS.map((p) => {
          const c = row[p];
          return `${meanSd(c.mean, c.sd, decimals)} (${c.n}); P ${formatP(cellP(c, primary).p)}, ${c.n_paired} pairs`;
        }),
      ];
    }),
  );
}

/**
 * The report as a PDF to attach to a study report: tables in the pilot's format, the figure, the
 * methods; with `grouped` (the same report split into subgroups), then the trajectory table of
 * each group.
 */
export async function reportPdf(report: CohortReport, grouped?: GroupedReport): Promise<Buffer> {
  const doc = newDocument(`Cohort ${report.cohort} report`);
  doc.font('Bold').fontSize(15).text(`Cohort ${report.cohort}${report.site ? `, site ${report.site}` : ''}: trajectory on JAK inhibitors`);
  doc.font('Body').fontSize(9).fillColor('#444').text(`${report.patients} patients · data as of ${report.as_of}`).fillColor('black').moveDown(0.6);

  const b = report.baseline_characteristics;
  heading(doc, 'Baseline characteristics');
  const range = (m: { min: number | null; max: number | null; mean: number | null }, digits: number) =>
    m.mean === null ? '–' : `${m.mean.toFixed(1)} (${m.min?.toFixed(digits)}–${m.max?.toFixed(digits)})`;
  table(
    doc,
    [{ title: 'Characteristic', width: 260 }, { title: 'Value', width: 500 }],
    [
      ['Patients (F / M)', `${b.n} (${b.sex.F} / ${b.sex.M})`],
      ['Age at JAK-inhibitor start, years: mean (range)', range(b.age_years, 0)],
      ['Disease duration, years: mean (range)', `${range(b.disease_duration_years, 1)}, n ${b.disease_duration_years.n}`],
      ['Active disease: skin / muscle / both', `${b.active.cutaneous} / ${b.active.muscle} / ${b.active.both}`],
      [`Prednisone > ${report.settings.taper_threshold_mg_day} mg/day · IVIG ongoing · ILD`, `${b.prednisone_above_5} · ${b.ivig} · ${b.ild}`],
      ['Regimens', b.regimens.map((r) => `${label(r.drug)} ${r.dose_mg_day} mg/day (${r.n})`).join(', ') || '–'],
      ['Previous treatments', Object.entries(b.previous_treatments).map(([k, n]) => `${label(k)} ${n}`).join(', ') || '–'],
    ],
  );

  heading(doc, `Trajectory: mean ± SD (n); P against baseline, two-sided ${TEST_NAMES[report.settings.primary_test]}, over the pairs`);
  trajectoryTable(doc, report);

  heading(doc, 'Outcomes');
  const t = report.prednisone_taper;
  const r = report.cdasi_response;
  const s = report.settings;
  table(
    doc,
    [{ title: 'Outcome', width: 420 }, { title: 'n / of', width: 120, align: 'right' }, { title: '%', width: 80, align: 'right' }],
    [
      ...FOLLOW_UP_POINTS.map((p) => [`CDASI activity fall ≥ ${s.responder_drop}, ${TIME_POINT_LABELS[p]}`, `${r[p].n} / ${r[p].of}`, percent(r[p].n, r[p].of)]),
      [`Prednisone > ${s.taper_threshold_mg_day} mg/day at baseline`, `${t.baseline_above_5} / ${report.patients}`, percent(t.baseline_above_5, report.patients)],
      [`  tapered to ≤ ${s.taper_threshold_mg_day} mg/day at final follow-up`, `${t.tapered} / ${t.of}`, percent(t.tapered, t.of)],
      ['IVIG ongoing at baseline', `${report.ivig.baseline} / ${report.patients}`, percent(report.ivig.baseline, report.patients)],
      ['  IVIG stopped by final follow-up', `${report.ivig.discontinued} / ${report.ivig.baseline}`, percent(report.ivig.discontinued, report.ivig.baseline)],
      ['Still on the JAK inhibitor', `${report.jaki_continued.n} / ${report.jaki_continued.of}`, percent(report.jaki_continued.n, report.jaki_continued.of)],
      ...Object.entries(report.jaki_stop_reasons).map(([reason, n]) => [`  stopped: ${label(reason)}`, String(n), '']),
      ['Deaths', `${report.deaths} / ${report.patients}`, percent(report.deaths, report.patients)],
      ['Follow-up, years (mean ± SD)', meanSd(report.follow_up_years.mean, report.follow_up_years.sd, s.decimals), ''],
    ],
  );

  const bands = tisBandLabels(report.settings.tis_thresholds);
  heading(doc, 'IMACS response: 2016 ACR/EULAR Total Improvement Score (all six core-set measures at both visits)');
  if (!imacsAssessable(report)) {
    doc.text(IMACS_NOT_ASSESSABLE);
  } else {
    table(
      doc,
      [
        { title: 'Time point', width: 120 },
        ...['Assessable', `None (${bands.none})`, `Minimal (${bands.minimal})`, `Moderate (${bands.moderate})`, `Major (${bands.major})`, 'IMACS DOI met'].map((t) => ({
          title: t,
          width: 95,
          align: 'right' as const,
        })),
      ],
      FOLLOW_UP_POINTS.map((p) => {
        const c = report.imacs.counts[p];
        return [TIME_POINT_LABELS[p], String(c.assessable), String(c.none), String(c.minimal), String(c.moderate), String(c.major), String(c.doi_met)];
      }),
    );
  }

  const ae = report.adverse_events;
  heading(doc, `Treatment-emergent adverse events (day 0 to ${report.settings.ae_window_after_stop_days} days after a stop; ${ae.not_treatment_emergent} other not counted)`);
  table(
    doc,
    [{ title: 'Adverse events', width: 420 }, { title: 'n', width: 120, align: 'right' }, { title: '%', width: 80, align: 'right' }],
    [
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
  );

  // The figure (its heading and 240 pt of charts) starts a page only when this one cannot hold it.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 290) doc.addPage();
  const drawn = Math.min(report.trajectories.length, MAX_PATIENT_LINES);
  heading(
    doc,
    drawn < report.trajectories.length
      ? `Figure: mean ± SD of all patients (red); ${drawn} of the ${report.trajectories.length} patients, evenly spread in code order (grey)`
      : 'Figure: mean ± SD (red) and each patient (grey)',
  );
  const chartTop = doc.y;
  const charts = [
    { key: 'cdasi_activity' as const, max: visitField('cdasiActivity').max },
    { key: 'mmt8' as const, max: report.settings.mmt8_max },
  ];
  charts.forEach(({ key, max }, k) => {
    const m = report.measures[key];
    const cells = [m.baseline, ...FOLLOW_UP_POINTS.map((p) => m[p])];
    lineChart(doc, {
      x: doc.page.margins.left + k * 385,
      y: chartTop,
      width: 370,
      height: 240,
      labels: TIME_POINTS.map((p) => TIME_POINT_LABELS[p]),
      max,
      title: MEASURE_LABELS[key],
      series: [
        ...trajectorySample(report.trajectories, MAX_PATIENT_LINES).map((tr) => ({
          points: TIME_POINTS.map((p) => tr.points.find((pt) => pt.time_point === p)?.[key === 'mmt8' ? 'mmt8' : 'cdasi_activity'] ?? null),
          color: '#a9b3bf',
          width: 0.6,
        })),
        { points: cells.map((c) => c.mean), errors: cells.map((c) => c.sd), color: '#b4442f', width: 2 },
      ],
    });
  });
  doc.y = chartTop + 260;
  doc.x = doc.page.margins.left;

  heading(doc, 'Methods');
  doc.fontSize(9).text(methodsText(s).join('\n'), { width: doc.page.width - 72 });

  if (grouped) {
    doc.addPage();
    doc.font('Bold').fontSize(15).text(`Trajectory by ${GROUPING_LABELS[grouped.by]}`);
    doc.font('Body').fontSize(9).fillColor('#444').text(`${report.patients} patients in ${grouped.groups.length} groups; each group's P values over its own pairs.`).fillColor('black').moveDown(0.6);
    for (const g of grouped.groups) {
      heading(doc, `${g.label} (n ${g.report.patients})`);
      trajectoryTable(doc, g.report);
    }
  }
  return toBuffer(doc);
}
