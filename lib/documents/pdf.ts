import path from 'node:path';
import PDFDocument from 'pdfkit';

// Small table helpers over pdfkit, shared by the report and the line listing.
// DejaVu Sans (from npm) rather than the built-in Helvetica: verbatim terms and symbols such
// as ≥ and γ need more than the Latin-1 the standard fonts carry.

export type Doc = PDFKit.PDFDocument;

const FONTS = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');

/**
 * `numbered`: the pages are kept until the end, with room above and below the text for
 * stampPages's header and page number.
 */
export function newDocument(title: string, { layout = 'landscape', numbered = false }: { layout?: 'landscape' | 'portrait'; numbered?: boolean } = {}): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: numbered ? { top: 54, bottom: 48, left: 36, right: 36 } : { top: 36, bottom: 36, left: 36, right: 36 },
    bufferPages: numbered,
    info: { Title: title, Producer: 'DM JAKi registry' },
  });
  doc.registerFont('Body', path.join(FONTS, 'DejaVuSansCondensed.ttf'));
  doc.registerFont('Bold', path.join(FONTS, 'DejaVuSansCondensed-Bold.ttf'));
  // The figures' font (lib/figures/svg.ts), as the PNG renderer draws it.
  doc.registerFont('Figure', path.join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('FigureBold', path.join(FONTS, 'DejaVuSans-Bold.ttf'));
  return doc.font('Body');
}

/** Writes `header` at the top of every page and "Page i of n" at its foot: call once the content is written, on a `numbered` document. */
export function stampPages(doc: Doc, header: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { left, right, top, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Text written inside the margins would otherwise start a new page.
    doc.page.margins = { left, right, top: 0, bottom: 0 };
    doc.font('Body').fontSize(9).fillColor('#444');
    doc.text(header, left, top - 30, { width, lineBreak: false, ellipsis: true });
    doc.moveTo(left, top - 12).lineTo(left + width, top - 12).lineWidth(0.4).strokeColor('#b9c0ca').stroke();
    doc.text(`Page ${i - start + 1} of ${count}`, left, doc.page.height - bottom + 16, { width, align: 'right', lineBreak: false });
    doc.page.margins = { left, right, top, bottom };
  }
  doc.fillColor('black');
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
