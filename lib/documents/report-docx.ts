import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { GROUPING_LABELS, type GroupedReport } from '@/lib/cohort/groups';
import type { CohortReport } from '@/lib/cohort/report-types';
import { methodsText } from './report-labels';
import { reportTables, trajectoryTable, type ReportTable, type TableColumn } from './report-tables';

// The report as a Word document for a manuscript: the same tables as the PDF (report-tables.ts),
// numbered as a journal numbers them, the figures as 300-dpi pictures, and the methods.

export type DocxFigure = { title: string; caption: string; png: Uint8Array; widthIn: number; heightIn: number };

/** A4 portrait with 2 cm margins: the text is 9638 twips wide. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const HALF_POINTS = 18; // 9 pt: the tables' type, as in the PDF
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function cell(text: string, column: TableColumn, width: number, header: boolean): TableCell {
  // A leading indent in the PDF's rows ("  serious") marks a sub-row; Word keeps it as an indent.
  const indented = /^\s+/.test(text);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: { top: NONE, left: NONE, right: NONE, bottom: header ? RULE : NONE },
    children: [
      new Paragraph({
        alignment: ALIGN[column.align ?? 'left'],
        indent: indented ? { left: 240 } : undefined,
        children: [new TextRun({ text: text.trim(), bold: header, size: HALF_POINTS })],
      }),
    ],
  });
}

/** A three-line table: rules above and below the header and under the last row, none between rows. */
function wordTable(t: ReportTable): Table {
  const total = t.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const row = (cells: string[], header: boolean) =>
    new TableRow({ tableHeader: header, cantSplit: true, children: cells.map((text, i) => cell(text, t.columns[i]!, widths[i]!, header)) });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: RULE, bottom: RULE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [row(t.columns.map((c) => c.title), true), ...t.rows.map((cells) => row(cells, false))],
  });
}

const small = (text: string) => new Paragraph({ spacing: { before: 60, after: 240 }, children: [new TextRun({ text, size: HALF_POINTS, italics: true })] });

/**
 * `figures`: the report's figures as PNG (server/report-docx.ts renders them); `grouped`: the
 * same report split into subgroups, whose trajectory tables follow the methods.
 */
export async function reportDocx(report: CohortReport, figures: DocxFigure[], grouped?: GroupedReport): Promise<Buffer> {
  const tables = reportTables(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(`Cohort ${report.cohort}${report.site ? `, site ${report.site}` : ''}: trajectory on JAK inhibitors`)],
    }),
    new Paragraph({ children: [new TextRun({ text: `${report.patients} patients · data as of ${report.as_of}`, color: '444444' })] }),
  ];
  const addTable = (t: ReportTable, number: number) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(`Table ${number}. ${t.title}`)] }));
    if (t.rows.length > 0) children.push(wordTable(t));
    if (t.footnote) children.push(small(t.footnote));
    else children.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
  };
  tables.forEach((t, i) => addTable(t, i + 1));
  figures.forEach((f, i) => {
    // Scaled to the text width when wider; Word measures pictures in pixels at 96 to the inch.
    const scale = Math.min(1, TEXT_WIDTH / 1440 / f.widthIn);
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(`Figure ${i + 1}. ${f.title}`)] }),
      new Paragraph({
        spacing: { after: 240 },
        children: [
          new ImageRun({
            type: 'png',
            data: f.png,
            transformation: { width: Math.round(f.widthIn * 96 * scale), height: Math.round(f.heightIn * 96 * scale) },
            altText: { name: `Figure ${i + 1}`, description: f.caption, title: f.title },
          }),
        ],
      }),
      small(f.caption),
    );
  });
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Methods')] }));
  for (const line of methodsText(report.settings)) children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: line, size: 20 })] }));
  if (grouped) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(`Trajectory by ${GROUPING_LABELS[grouped.by]}`)] }));
    grouped.groups.forEach((g, i) => addTable(trajectoryTable(g.report, `${g.label} (n ${g.report.patients})`), tables.length + i + 1));
  }

  const doc = new Document({
    title: `Cohort ${report.cohort} report`,
    creator: 'DM JAKi registry',
    styles: { default: { document: { run: { font: 'Calibri', size: 20 } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } }, children }],
  });
  return Packer.toBuffer(doc);
}
