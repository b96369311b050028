import SVGtoPDF from 'svg-to-pdfkit';
import { REPORT_MEASURES, type CohortReport } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { label } from '@/lib/codes';
import { reportFigures, type Figure } from '@/lib/figures';
import { heading, newDocument, table, toBuffer, type Doc } from './pdf';
import { IMACS_NOT_ASSESSABLE, MEASURE_LABELS, TEST_NAMES, TIME_POINT_LABELS, cellP, formatP, imacsAssessable, meanSd, methodsText, percent, tisBandLabels } from './report-labels';

const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;

/**
 * The report as a PDF to attach to a study report: tables in the pilot's format, the figures
 * (the same SVG as the page and the downloads, drawn as vectors), the methods.
 */
export async function reportPdf(report: CohortReport): Promise<Buffer> {
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

  const primary = report.settings.primary_test;
  heading(doc, `Trajectory: mean ± SD (n); P against baseline, two-sided ${TEST_NAMES[primary]}, over the pairs`);
  table(
    doc,
    [{ title: 'Measure', width: 120 }, ...TIME_POINTS.map((p) => ({ title: TIME_POINT_LABELS[p], width: 160, align: 'center' as const }))],
    REPORT_MEASURES.map((m) => {
      const row = report.measures[m];
      return [
        MEASURE_LABELS[m],
        `${meanSd(row.baseline.mean, row.baseline.sd)} (${row.baseline.n})`,
        ...FOLLOW_UP_POINTS.map((p) => {
          const c = row[p];
          return `${meanSd(c.mean, c.sd)} (${c.n}); P ${formatP(cellP(c, primary).p)}, ${c.n_paired} pairs`;
        }),
      ];
    }),
  );

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
      ['Follow-up, years (mean ± SD)', meanSd(report.follow_up_years.mean, report.follow_up_years.sd), ''],
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

  figureGrid(doc, reportFigures(report));

  heading(doc, 'Methods');
  doc.fontSize(9).text(methodsText(s).join('\n'), { width: doc.page.width - 72 });
  return toBuffer(doc);
}

// A figure's text is 13 pt or more (lib/figures/svg.ts): at three quarters of its size it prints at 9.75 pt or more.
const FIGURE_SCALE = 0.75;
const LABEL_HEIGHT = 16;

/**
 * The figures two to a row, each with its number and title under it, then their captions. A
 * row (less than half a page) starts a page only when this one cannot hold it, so no page is
 * left more than half empty before a figure.
 */
function figureGrid(doc: Doc, figures: Figure[]) {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const width = figures[0]!.widthIn * 72 * FIGURE_SCALE;
  const height = figures[0]!.heightIn * 72 * FIGURE_SCALE;
  const rowHeight = height + LABEL_HEIGHT + 8;
  const gap = usable - 2 * width;
  // The heading stays with the first row.
  if (doc.y + 24 + rowHeight > bottom()) doc.addPage();
  heading(doc, 'Figures');
  for (let i = 0; i < figures.length; i += 2) {
    if (doc.y + rowHeight > bottom()) doc.addPage();
    const top = doc.y;
    figures.slice(i, i + 2).forEach((figure, k) => {
      const x = left + k * (width + gap);
      drawSvg(doc, figure.svg, x, top, FIGURE_SCALE);
      doc.font('Bold').fontSize(9).text(`Figure ${i + k + 1}. ${figure.title}`, x, top + height + 3, { width, align: 'center' });
    });
    doc.x = left;
    doc.y = top + rowHeight;
  }
  doc.font('Body').fontSize(9);
  for (const [i, figure] of figures.entries()) doc.text(`Figure ${i + 1}. ${figure.caption}`, left, doc.y, { width: usable }).moveDown(0.3);
  doc.moveDown(0.5);
}

/** An SVG drawn as vectors at (x, y), `scale` times its size in points, its text in the figures' font. */
function drawSvg(doc: Doc, svg: string, x: number, y: number, scale: number) {
  doc.save().translate(x, y).scale(scale);
  SVGtoPDF(doc as unknown as Parameters<typeof SVGtoPDF>[0], svg, 0, 0, {
    fontCallback: (_family, bold) => (bold ? 'FigureBold' : 'Figure'),
    warningCallback: (warning) => {
      throw new Error(`figure SVG: ${warning}`);
    },
  });
  doc.restore();
}
