// Writes records as the contract's CSV files: columns in the contract's order, header first
// (even for a file without rows), `\n` after every line, rows in a fixed order, so that the
// same data gives the same bytes.

import { stringify } from 'csv-stringify/sync';
import {
  ADVERSE_EVENT_COLUMNS,
  PATIENT_COLUMNS,
  RELAPSE_COLUMNS,
  VISIT_COLUMNS,
  type AdverseEventRecord,
  type Column,
  type PatientRecord,
  type RelapseRecord,
  type VisitRecord,
} from './columns';
import { writeCell } from './cells';
import type { InterchangeFiles } from './read';

export type InterchangeRecords = {
  patients: PatientRecord[];
  visits: VisitRecord[];
  adverseEvents: AdverseEventRecord[];
  relapses: RelapseRecord[];
};

function compareCells(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The contract puts the sort keys first (patient code; then visit date; then onset date and
 * term; then relapse date and domain), so sorting on the written cells, column by column, orders rows as it asks, and
 * the remaining columns settle any tie.
 */
function writeFile<R>(columns: Column<R>[], records: R[]): string {
  const rows = records.map((r) => columns.map((c) => writeCell(c, r[c.key]))).sort(compareCells);
  return stringify([columns.map((c) => c.name), ...rows], {
    record_delimiter: '\n',
    quoted_match: /\r/, // a lone carriage return is a line break to many readers: quote it
  });
}

export function serializeImport(records: InterchangeRecords): InterchangeFiles {
  return {
    patients: writeFile(PATIENT_COLUMNS, records.patients),
    visits: writeFile(VISIT_COLUMNS, records.visits),
    adverseEvents: writeFile(ADVERSE_EVENT_COLUMNS, records.adverseEvents),
    relapses: writeFile(RELAPSE_COLUMNS, records.relapses),
  };
}
