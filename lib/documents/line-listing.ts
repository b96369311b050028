import { stringify } from 'csv-stringify/sync';
import { label } from '@/lib/codes';
import { escapeFormula } from '@/lib/interchange';
import { newDocument, table, toBuffer } from './pdf';

// The pharmacovigilance line listing: one line per event.

/** What the listing prints of an event (the auditor's listing rows carry it). */
export type LineListingEvent = {
  patientCode: string;
  siteCode: string;
  jakiDrug: string;
  jakiDoseMgDay: number;
  term: string;
  category: string;
  onsetDate: string;
  ctcaeGrade: number;
  serious: boolean;
  related: string | null;
  action: string | null;
  outcome: string | null;
  ongoing: boolean;
  endDate: string | null;
  reviewedAt: Date | null;
};

const HEADERS = ['patient', 'site', 'drug', 'dose_mg_day', 'term', 'category', 'onset', 'grade', 'serious', 'related', 'action', 'outcome', 'end', 'reviewed'];

/** Columns holding codes, printed with their labels in the PDF: drug, category, related, action, outcome. */
const CODE_COLUMNS = new Set([2, 5, 9, 10, 11]);

function cells(e: LineListingEvent): string[] {
  return [
    e.patientCode,
    e.siteCode,
    e.jakiDrug,
    String(e.jakiDoseMgDay),
    e.term,
    e.category,
    e.onsetDate,
    String(e.ctcaeGrade),
    e.serious ? 'yes' : 'no',
    e.related ?? '',
    e.action ?? '',
    e.outcome ?? '',
    e.ongoing ? 'ongoing' : (e.endDate ?? ''),
    e.reviewedAt ? e.reviewedAt.toISOString().slice(0, 10) : '',
  ];
}

export function lineListingCsv(events: LineListingEvent[]): string {
  return stringify([HEADERS, ...events.map((e) => cells(e).map(escapeFormula))], { record_delimiter: '\n' });
}

export async function lineListingPdf(events: LineListingEvent[], { title }: { title: string }): Promise<Buffer> {
  const doc = newDocument(title);
  doc.font('Bold').fontSize(14).text(title);
  doc.font('Body').fontSize(8.5).fillColor('#444').text(`${events.length} events · printed ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  doc.fillColor('black').moveDown(0.6);
  const widths = [52, 32, 52, 28, 110, 110, 50, 34, 38, 48, 52, 60, 50, 46];
  table(
    doc,
    ['Patient', 'Site', 'Drug', 'mg/d', 'Term', 'Category', 'Onset', 'Grade', 'Serious', 'Related', 'Action', 'Outcome', 'End', 'Reviewed'].map((t, i) => ({
      title: t,
      width: widths[i]!,
      align: i === 3 || i === 7 ? ('right' as const) : ('left' as const),
    })),
    events.map((e) => cells(e).map((v, i) => (v && CODE_COLUMNS.has(i) ? label(v) : v || '—'))),
    { fontSize: 7.5 },
  );
  return toBuffer(doc);
}
