import SVGtoPDF from 'svg-to-pdfkit';
import { GROUPING_LABELS, type GroupedReport } from '@/lib/cohort/groups';
import type { CohortReport } from '@/lib/cohort/report-types';
import { reportFigures, type Figure } from '@/lib/figures';
import { heading, newDocument, table, toBuffer, type Doc } from './pdf';
import { methodsText } from './report-labels';
import { reportTables, trajectoryTable, type ReportTable } from './report-tables';

function printTable(doc: Doc, t: ReportTable) {
  heading(doc, t.title);
  if (t.rows.length > 0) table(doc, t.columns, t.rows);
  if (t.footnote) doc.fontSize(9).fillColor('#444').text(t.footnote, doc.page.margins.left, doc.y, { width: doc.page.width - 72 }).fillColor('black').moveDown(0.8);
}

/**
 * The report as a PDF to attach to a study report: tables in the pilot's format, the figures
 * (the same SVG as the page and the downloads, drawn as vectors), the methods; with `grouped`
 * (the same report split into subgroups), then the trajectory table of each group.
 */
export async function reportPdf(report: CohortReport, grouped?: GroupedReport): Promise<Buffer> {
  const doc = newDocument(`Cohort ${report.cohort} report`);
  doc.font('Bold').fontSize(15).text(`Cohort ${report.cohort}${report.site ? `, site ${report.site}` : ''}: trajectory on JAK inhibitors`);
  doc.font('Body').fontSize(9).fillColor('#444').text(`${report.patients} patients · data as of ${report.as_of}`).fillColor('black').moveDown(0.6);

  for (const t of reportTables(report)) printTable(doc, t);

  figureGrid(doc, reportFigures(report));

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
