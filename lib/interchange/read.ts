// Reads the three files of an import into typed records, with every problem a file shows on
// its own: header, CSV syntax, cells, and the rules between cells of one row.

import { todayIso } from '@/lib/dates';
import { patientSchema } from '@/lib/schemas/patient';
import {
  ADVERSE_EVENT_COLUMNS,
  PATIENT_COLUMNS,
  VISIT_COLUMNS,
  columnOf,
  type AdverseEventRecord,
  type Column,
  type PatientRecord,
  type VisitRecord,
} from './columns';
import { readCell } from './cells';
import { readCsv } from './csv';
import type { FileName, Problem } from './problems';

export type InterchangeFiles = { patients: string; visits: string; adverseEvents: string };

/** A record and the line it came from; `invalid` names the fields whose cells were refused (left null). */
export type Row<R> = { line: number; value: R; invalid: Set<keyof R> };

export type ReadImport = {
  patients: Row<PatientRecord>[];
  visits: Row<VisitRecord>[];
  adverseEvents: Row<AdverseEventRecord>[];
  problems: Problem[];
  /** Every row of every file could be read, so the files can be checked against each other. */
  complete: boolean;
};

export type ReadOptions = { today?: string };

function readFile<R>(file: FileName, text: string, columns: Column<R>[], today: string) {
  const table = readCsv(file, text, columns);
  const problems = [...table.problems];
  const rows: Row<R>[] = table.rows.map(({ line, cells }) => {
    const value = {} as Record<string, unknown>;
    const invalid = new Set<keyof R>();
    for (const column of columns) {
      const result = readCell(column, cells.get(column.name) ?? '', today);
      if (result.ok) {
        value[column.key] = result.value;
      } else {
        value[column.key] = null;
        invalid.add(column.key);
        problems.push({ file, line, column: column.name, message: result.message });
      }
    }
    return { line, value: value as R, invalid };
  });
  return { rows, problems, complete: table.complete };
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

const ENDED_OUTCOMES = ['recovered', 'sequelae', 'fatal'];

/** The adverse-event form's rules between fields (lib/schemas/adverse-event.ts), as far as the CSV holds them. */
function adverseEventRules(row: Row<AdverseEventRecord>): Problem[] {
  const { onsetDate, endDate, ctcaeGrade, serious, outcome } = row.value;
  const out: Problem[] = [];
  const problem = (column: string, message: string) => out.push({ file: 'adverse_events.csv', line: row.line, column, message });
  const valid = (...keys: (keyof AdverseEventRecord)[]) => keys.every((k) => !row.invalid.has(k));
  if (valid('onsetDate', 'endDate') && endDate && endDate < onsetDate) problem('end_date', `${endDate} is before the onset date (${onsetDate})`);
  if (valid('endDate', 'outcome') && !endDate && outcome && ENDED_OUTCOMES.includes(outcome))
    problem('end_date', `required, as the outcome is ${outcome} (an event without an end date is ongoing)`);
  if (valid('ctcaeGrade', 'outcome')) {
    if (ctcaeGrade === 5 && outcome !== 'fatal') problem('outcome', 'must be fatal for a CTCAE grade 5 event (grade 5 is death)');
    if (ctcaeGrade !== 5 && outcome === 'fatal') problem('ctcae_grade', `${ctcaeGrade} is not 5, the grade of an event whose outcome is fatal`);
  }
  if (valid('ctcaeGrade', 'serious') && ctcaeGrade === 5 && !serious) problem('serious', 'must be yes for a CTCAE grade 5 event (a death is serious)');
  return out;
}

export function readImport(files: InterchangeFiles, { today = todayIso() }: ReadOptions = {}): ReadImport {
  const patients = readFile('patients.csv', files.patients, PATIENT_COLUMNS, today);
  const visits = readFile('visits.csv', files.visits, VISIT_COLUMNS, today);
  const adverseEvents = readFile('adverse_events.csv', files.adverseEvents, ADVERSE_EVENT_COLUMNS, today);
  return {
    patients: patients.rows,
    visits: visits.rows,
    adverseEvents: adverseEvents.rows,
    problems: [
      ...patients.problems,
      ...patients.rows.flatMap(patientRules),
      ...visits.problems,
      ...adverseEvents.problems,
      ...adverseEvents.rows.flatMap(adverseEventRules),
    ],
    complete: patients.complete && visits.complete && adverseEvents.complete,
  };
}
