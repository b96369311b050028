import { stringify } from 'csv-stringify/sync';
import { recordName, type RecordFacts } from '@/lib/audit/describe';
import { escapeFormula } from '@/lib/interchange';
import { fieldLabel, type QueryState } from '@/lib/queries/rules';

// The Queries list as CSV: one line per query, as the list shows it.

export type QueryCsvRow = {
  id: string;
  siteCode: string;
  record: RecordFacts;
  field: string;
  question: string;
  state: QueryState;
  raisedByName: string | null;
  raisedBy: string;
  raisedAt: Date;
  updatedAt: Date;
};

const HEADERS = ['query_id', 'site', 'patient', 'record', 'field', 'question', 'state', 'raised_by', 'raised_at_utc', 'last_step_at_utc'];

const utc = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function queriesCsv(rows: QueryCsvRow[]): string {
  const lines = rows.map((q) =>
    [q.id, q.siteCode, q.record.patientCode ?? '', recordName(q.record).text, fieldLabel(q.record.entity, q.field), q.question, q.state, q.raisedByName ?? q.raisedBy, utc(q.raisedAt), utc(q.updatedAt)].map(escapeFormula),
  );
  return stringify([HEADERS, ...lines], { record_delimiter: '\n' });
}
