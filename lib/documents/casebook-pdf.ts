import type { Casebook, CasebookRecord } from '@/lib/audit/casebook';
import { type Grid } from '@/lib/audit/describe';
import { timeText } from '@/lib/dates';
import { heading, newDocument, stampPages, table, toBuffer, type Doc } from './pdf';

// A patient's casebook as a PDF (lib/audit/casebook.ts says what it holds): portrait A4, every
// page headed with the patient's code, when (UTC) and by whom it was generated, and numbered.

const WIDTH = 523;

function line(doc: Doc, words: string, { color = 'black', bold = false } = {}) {
  doc.font(bold ? 'Bold' : 'Body').fontSize(9).fillColor(color).text(words, doc.page.margins.left, doc.y, { width: WIDTH });
  doc.font('Body').fillColor('black');
}

function gridTable(doc: Doc, title: string, grid: Grid) {
  const first = 150;
  const cell = (WIDTH - first) / grid.columns.length;
  table(
    doc,
    [{ title, width: first }, ...grid.columns.map((c) => ({ title: c, width: cell, align: 'center' as const }))],
    grid.rows.map((row) => [row.label, ...grid.columns.map((_, i) => (row.cells[i]?.text ?? ''))]),
  );
}

function recordSection(doc: Doc, r: CasebookRecord) {
  heading(doc, r.title);
  if (r.voided) line(doc, r.voided, { color: '#8a1c1c', bold: true });
  if (r.check) line(doc, `Source verification: ${r.check}`);
  doc.moveDown(0.3);
  table(doc, [{ title: 'Field', width: 190 }, { title: 'Value', width: WIDTH - 190 }], r.fields.map((f) => [f.label, f.value]));
  for (const g of r.grids) gridTable(doc, g.label, g.grid);
  table(
    doc,
    [
      { title: 'When (UTC)', width: 74 },
      { title: 'Who', width: 82 },
      { title: 'Action', width: 76 },
      { title: 'Reason', width: 90 },
      { title: 'History: what changed', width: WIDTH - 322 },
    ],
    r.history.map((s) => [timeText(s.at).replace(' UTC', ''), s.who, s.action, s.reason ?? '', s.changes.join('; ')]),
  );
}

function queriesSection(doc: Doc, queries: NonNullable<Casebook['queries']>) {
  heading(doc, 'Queries on the data');
  if (queries.length === 0) return line(doc, 'No query was raised on this patient’s records.');
  table(
    doc,
    [
      { title: 'Record', width: 120 },
      { title: 'Field', width: 90 },
      { title: 'State', width: 60 },
      { title: 'Steps (UTC)', width: WIDTH - 270 },
    ],
    queries.map((q) => [q.record, q.field, q.state, q.steps.map((s) => `${timeText(s.at).replace(' UTC', '')} · ${s.what} by ${s.by}${s.text ? `: ${s.text}` : ''}`).join('\n')]),
  );
}

function signaturesSection(doc: Doc, signatures: NonNullable<Casebook['signatures']>) {
  heading(doc, 'Electronic signatures');
  if (signatures.length === 0) return line(doc, 'No signature on this patient’s records.');
  table(
    doc,
    [
      { title: 'Record', width: 130 },
      { title: 'Signed by', width: 100 },
      { title: 'When (UTC)', width: 74 },
      { title: 'Meaning', width: 100 },
      { title: 'Status', width: WIDTH - 404 },
    ],
    signatures.map((s) => [s.record, s.signedBy, timeText(s.signedAt).replace(' UTC', ''), s.meaning, s.status]),
  );
}

export async function casebookPdf(c: Casebook): Promise<Buffer> {
  const doc = newDocument(`Casebook ${c.patientCode}`, { layout: 'portrait', numbered: true });
  doc.font('Bold').fontSize(15).text(`Casebook of patient ${c.patientCode}`);
  doc.moveDown(0.2);
  line(doc, `Site ${c.site} · cohort ${c.cohort}${c.cohortLocked ? ` (${c.cohortLocked})` : ''}`);
  line(doc, `Source verification: ${c.verification} · ${c.records.length} records, voided ones included, each with its history from the audit trail`);
  doc.moveDown(0.5);
  for (const r of c.records) recordSection(doc, r);
  if (c.queries) queriesSection(doc, c.queries);
  if (c.signatures) signaturesSection(doc, c.signatures);
  stampPages(doc, `Casebook ${c.patientCode} · generated ${timeText(c.generatedAt)} by ${c.generatedBy}`);
  return toBuffer(doc);
}
