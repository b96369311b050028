// Reads the four files of an import into typed records, with every problem a file shows on
// its own: header, CSV syntax, cells, and the rules between cells of one row (the same rules
// the forms apply: lib/patients, lib/visits, lib/adverse-events).

import { eventProblems } from '@/lib/adverse-events/rules';
import { todayIso } from '@/lib/dates';
import { patientSchema } from '@/lib/schemas/patient';
import { visitValueProblems, withPrednisoneEquivalent } from '@/lib/visits/rules';
import {
  ADVERSE_EVENT_COLUMNS,
  PATIENT_COLUMNS,
  RELAPSE_COLUMNS,
  VISIT_COLUMNS,
  columnOf,
  type AdverseEventRecord,
  type Column,
  type InterchangeFileKey,
  type PatientRecord,
  type RelapseRecord,
  type VisitRecord,
} from './columns';
import { readCell } from './cells';
import { readCsv, readCsvBatches, type CsvContent, type CsvOutcome, type CsvRow } from './csv';
import type { FileName, Problem } from './problems';

/** The files' texts; an empty text means no rows (only patients.csv must be given). */
export type InterchangeFiles = Record<InterchangeFileKey, string>;

/** The files of an import: texts, or bytes checked as UTF-8 (a file read from disk or uploaded is not copied into a string). */
export type ImportFiles = Record<InterchangeFileKey, CsvContent>;

/** A record and the line it came from; `invalid` names the fields whose cells were refused (left null). */
export type Row<R> = { line: number; value: R; invalid: ReadonlySet<keyof R> };

export type ReadImport = {
  patients: Row<PatientRecord>[];
  visits: Row<VisitRecord>[];
  adverseEvents: Row<AdverseEventRecord>[];
  relapses: Row<RelapseRecord>[];
  problems: Problem[];
  /** Every row of every file could be read, so the files can be checked against each other. */
  complete: boolean;
};

export type ReadOptions = { today?: string };

/** The refused fields of a row whose cells were all valid: one empty set, shared by every such row and never changed. */
const NONE_INVALID: ReadonlySet<never> = new Set();

/** The typed record of one row of a file, each cell read as its column says; a refused cell's problem goes to `problems`. */
function readRow<R>(file: FileName, { line, cells }: CsvRow, columns: Column<R>[], today: string, problems: Problem[]): Row<R> {
  const value = {} as Record<string, unknown>;
  let invalid: Set<keyof R> | null = null;
  columns.forEach((column, i) => {
    const result = readCell(column, cells[i]!, today);
    if (result.ok) {
      value[column.key] = result.value;
    } else {
      value[column.key] = null;
      (invalid ??= new Set()).add(column.key);
      problems.push({ file, line, column: column.name, message: result.message });
    }
  });
  return { line, value: value as R, invalid: invalid ?? NONE_INVALID };
}

function readFile<R>(file: FileName, content: CsvContent, columns: Column<R>[], today: string) {
  const problems: Problem[] = [];
  const table = readCsv(file, content, columns, (row) => readRow(file, row, columns, today, problems));
  return { rows: table.rows, problems: [...table.problems, ...problems], complete: table.complete };
}

// Stand-ins for the ids the patient schema wants: the import names sites and cohorts by code.
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** The patient form's rules between fields (dates in order, a stop reason with a stop date...). */
function patientRules(row: Row<PatientRecord>): Problem[] {
  if (row.invalid.size) return [];
  const result = patientSchema.safeParse({ ...row.value, siteId: SOME_ID, cohortId: SOME_ID });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    file: 'patients.csv' as const,
    line: row.line,
    column: columnOf(PATIENT_COLUMNS, String(issue.path[0] ?? '')),
    message: issue.message,
  }));
}

/** The visit form's rules between measures; the prednisone equivalent is filled in from the glucocorticoid given. */
function visitRules(row: Row<VisitRecord>): Problem[] {
  if (row.invalid.size) return [];
  const problems = visitValueProblems(row.value).map((p) => ({
    file: 'visits.csv' as const,
    line: row.line,
    column: columnOf(VISIT_COLUMNS, p.field),
    message: p.message,
  }));
  if (problems.length === 0) row.value = withPrednisoneEquivalent(row.value);
  return problems;
}

/** The adverse-event form's rules between fields, as far as the CSV holds them. */
function adverseEventRules(row: Row<AdverseEventRecord>): Problem[] {
  const fields: (keyof AdverseEventRecord)[] = ['onsetDate', 'endDate', 'ctcaeGrade', 'serious', 'outcome'];
  if (fields.some((k) => row.invalid.has(k))) return [];
  return eventProblems(row.value).map((p) => ({
    file: 'adverse_events.csv' as const,
    line: row.line,
    column: columnOf(ADVERSE_EVENT_COLUMNS, p.field),
    message: p.message,
  }));
}

export function readImport(files: ImportFiles, { today = todayIso() }: ReadOptions = {}): ReadImport {
  const patients = readFile('patients.csv', files.patients, PATIENT_COLUMNS, today);
  const visits = readFile('visits.csv', files.visits, VISIT_COLUMNS, today);
  const adverseEvents = readFile('adverse_events.csv', files.adverseEvents, ADVERSE_EVENT_COLUMNS, today);
  const relapses = readFile('relapses.csv', files.relapses, RELAPSE_COLUMNS, today);
  return {
    patients: patients.rows,
    visits: visits.rows,
    adverseEvents: adverseEvents.rows,
    relapses: relapses.rows,
    problems: [
      ...patients.problems,
      ...patients.rows.flatMap(patientRules),
      ...visits.problems,
      ...visits.rows.flatMap(visitRules),
      ...adverseEvents.problems,
      ...adverseEvents.rows.flatMap(adverseEventRules),
      ...relapses.problems,
    ],
    complete: patients.complete && visits.complete && adverseEvents.complete && relapses.complete,
  };
}

/**
 * A file a batch of rows at a time, each row read and checked on its own as readImport does
 * (the file's own problems, its form's rules between cells); `outcome` gets the problems of the
 * file as a whole (header, CSV syntax) and whether every row could be read.
 */
async function* readBatches<R>(file: FileName, content: CsvContent, columns: Column<R>[], rules: (row: Row<R>) => Problem[], outcome: CsvOutcome, today: string) {
  for await (const batch of readCsvBatches(file, content, columns, outcome)) {
    const problems: Problem[] = [];
    const rows = batch.map((row) => readRow(file, row, columns, today, problems));
    yield { rows, problems: [...problems, ...rows.flatMap(rules)] };
  }
}

/** patients.csv a batch of rows at a time (readBatches). */
export function readPatientBatches(content: CsvContent, outcome: CsvOutcome, { today = todayIso() }: ReadOptions = {}) {
  return readBatches('patients.csv', content, PATIENT_COLUMNS, patientRules, outcome, today);
}

/** visits.csv a batch of rows at a time (readBatches). */
export function readVisitBatches(content: CsvContent, outcome: CsvOutcome, { today = todayIso() }: ReadOptions = {}) {
  return readBatches('visits.csv', content, VISIT_COLUMNS, visitRules, outcome, today);
}

/** The adverse events and relapses of an import, read whole (patients.csv and visits.csv are read in batches). */
export function readEventsAndRelapses(files: Pick<ImportFiles, 'adverseEvents' | 'relapses'>, options: ReadOptions = {}) {
  const { adverseEvents, relapses, problems, complete } = readImport({ patients: '', visits: '', adverseEvents: files.adverseEvents, relapses: files.relapses }, options);
  return { adverseEvents, relapses, problems, complete };
}
