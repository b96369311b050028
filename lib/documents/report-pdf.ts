import { GROUPING_LABELS, type GroupedReport } from '@/lib/cohort/groups';
import type { CohortReport } from '@/lib/cohort/report-types';
import { trajectorySample } from '@/lib/cohort/report';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { heading, lineChart, newDocument, table, toBuffer, type Doc } from './pdf';
import { MAX_PATIENT_LINES, MEASURE_LABELS, TIME_POINT_LABELS, methodsText } from './report-labels';
import { reportTables, trajectoryTable, type ReportTable } from './report-tables';
import { visitField } from '@/lib/visits/fields';

const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;

function printTable(doc: Doc, t: ReportTable) {
  heading(doc, t.title);
  if (t.rows.length > 0) table(doc, t.columns, t.rows);
  if (t.footnote) doc.fontSize(9).fillColor('#444').text(t.footnote, doc.page.margins.left, doc.y, { width: doc.page.width - 72 }).fillColor('black').moveDown(0.8);
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

  for (const t of reportTables(report)) printTable(doc, t);

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
  doc.fontSize(9).text(methodsText(report.settings).join('\n'), { width: doc.page.width - 72 });

  if (grouped) {
    doc.addPage();
    doc.font('Bold').fontSize(15).text(`Trajectory by ${GROUPING_LABELS[grouped.by]}`);
    doc.font('Body').fontSize(9).fillColor('#444').text(`${report.patients} patients in ${grouped.groups.length} groups; each group's P values over its own pairs.`).fillColor('black').moveDown(0.6);
    for (const g of grouped.groups) printTable(doc, trajectoryTable(g.report, `${g.label} (n ${g.report.patients})`));
  }
  return toBuffer(doc);
}
