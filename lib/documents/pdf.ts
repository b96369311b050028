import path from 'node:path';
import PDFDocument from 'pdfkit';

// Small table and chart helpers over pdfkit, shared by the report and the line listing.
// DejaVu Sans (from npm) rather than the built-in Helvetica: verbatim terms and symbols such
// as ≥ and γ need more than the Latin-1 the standard fonts carry.

export type Doc = PDFKit.PDFDocument;

const FONTS = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');

export function newDocument(title: string): Doc {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: title, Producer: 'DM JAKi registry' } });
  doc.registerFont('Body', path.join(FONTS, 'DejaVuSansCondensed.ttf'));
  doc.registerFont('Bold', path.join(FONTS, 'DejaVuSansCondensed-Bold.ttf'));
  return doc.font('Body');
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export type Column = { title: string; width: number; align?: 'left' | 'right' | 'center' };

/** A ruled table whose rows grow to fit wrapped text, breaking onto new pages under a repeated header. */
export function table(doc: Doc, columns: Column[], rows: string[][], { fontSize = 9 } = {}) {
  const x0 = doc.page.margins.left;
  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 6 }))) + 6;
  const drawRow = (cells: string[]) => {
    const y = doc.y;
    const height = rowHeight(cells);
    let x = x0;
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(cell, x + 3, y + 3, { width: col.width - 6, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.moveTo(x0, y + height).lineTo(x, y + height).lineWidth(0.4).strokeColor('#b9c0ca').stroke();
    doc.x = x0;
    doc.y = y + height;
  };
  const header = () => {
    doc.font('Bold').fontSize(fontSize);
    drawRow(columns.map((c) => c.title));
    doc.font('Body');
  };
  header();
  for (const cells of rows) {
    if (doc.y + rowHeight(cells) > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    drawRow(cells);
  }
  doc.moveDown(0.8);
}

export function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.font('Bold').fontSize(11).fillColor('#17324f').text(text, doc.page.margins.left, doc.y);
  doc.fillColor('black').font('Body').fontSize(9).moveDown(0.3);
}

export type Series = { points: (number | null)[]; color: string; width: number; errors?: (number | null)[] };

/** A line chart over categorical x positions, with optional ± error bars. */
export function lineChart(
  doc: Doc,
  { x, y, width, height, labels, max, title, series }: { x: number; y: number; width: number; height: number; labels: string[]; max: number; title: string; series: Series[] },
) {
  const left = x + 30;
  const bottom = y + height - 18;
  const top = y + 16;
  const plotW = width - 40;
  const px = (i: number) => left + (plotW * (i + 0.5)) / labels.length;
  const py = (v: number) => bottom - ((bottom - top) * Math.min(Math.max(v, 0), max)) / max;
  doc.font('Bold').fontSize(9).text(title, x, y, { width, align: 'center' });
  doc.font('Body').fontSize(9);
  // Round gridlines: quarters of 100, fifths of 150.
  const steps = max % 4 === 0 ? 4 : 5;
  for (let k = 0; k <= steps; k++) {
    const v = (max * k) / steps;
    doc.moveTo(left, py(v)).lineTo(left + plotW, py(v)).lineWidth(0.3).strokeColor('#dde2e8').stroke();
    doc.fillColor('#555').text(String(Math.round(v)), x, py(v) - 3, { width: 26, align: 'right' });
  }
  labels.forEach((label, i) => doc.text(label, px(i) - 30, bottom + 4, { width: 60, align: 'center' }));
  for (const s of series) {
    let drawing = false;
    s.points.forEach((v, i) => {
      if (v === null) return;
      if (drawing) doc.lineTo(px(i), py(v));
      else doc.moveTo(px(i), py(v));
      drawing = true;
    });
    if (drawing) doc.lineWidth(s.width).strokeColor(s.color).stroke();
    s.errors?.forEach((e, i) => {
      const v = s.points[i];
      if (e === null || e === undefined || v === null || v === undefined) return;
      doc.moveTo(px(i), py(v - e)).lineTo(px(i), py(v + e)).lineWidth(1).strokeColor(s.color).stroke();
      doc.circle(px(i), py(v), 2).fillColor(s.color).fill();
    });
  }
  doc.fillColor('black');
}
