// The analysis package of a cohort (docs/analysis-exports.md): long.csv (one row per visit),
// wide.csv (one row per patient, a column per measure and time point), dictionary.csv, and
// read.R and read.do, which read the two files with the dictionary's labels and types. The
// scripts are written from the same column list as the files, so they cannot disagree.

import { stringify } from 'csv-stringify/sync';
import { daysBetweenMs, isoDateMs } from '@/lib/cohort/iso-days';
import { selectTimePoints, type ReportSettings } from '@/lib/cohort/windows';
import { escapeFormula } from '@/lib/interchange/cells';
import { longColumns, wideColumns, type AnalysisColumn, type AnalysisPatient, type Cell, type ColumnSpec, type PatientContext, type VisitContext } from './columns';
import { rScript } from './r-script';
import { stataDoFile } from './stata';

export type AnalysisInput = {
  cohort: string;
  /** The cohort's report settings: the windows that place visits at month 3, month 6 and final. */
  settings: ReportSettings;
  patients: readonly AnalysisPatient[];
  /** The day the package is made (YYYY-MM-DD), named in the scripts. */
  today: string;
};

/** A data file of the package: its name, the columns in order, and its rows of cells. */
export type AnalysisTable = { name: 'long' | 'wide'; file: string; what: string; columns: ColumnSpec[]; rows: Cell[][] };

export const ANALYSIS_FILES = ['long.csv', 'wide.csv', 'dictionary.csv', 'read.R', 'read.do'] as const;
export type AnalysisFiles = Record<(typeof ANALYSIS_FILES)[number], string>;

const byCode = (a: AnalysisPatient, b: AnalysisPatient) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const rowOf = <C>(columns: AnalysisColumn<C>[], context: C): Cell[] => columns.map((c) => c.value(context));

/** The two tables: patients in code order, each patient's visits by date; time points as the report selects them. */
export function analysisTables({ settings, patients }: Pick<AnalysisInput, 'settings' | 'patients'>): [AnalysisTable, AnalysisTable] {
  const long = longColumns();
  const wide = wideColumns(settings);
  const longRows: Cell[][] = [];
  const wideRows: Cell[][] = [];
  for (const patient of [...patients].sort(byCode)) {
    const points = selectTimePoints(patient.jakiStartDate, patient.visits, settings);
    const context: PatientContext = { patient, points };
    wideRows.push(rowOf(wide, context));
    const startMs = isoDateMs(patient.jakiStartDate);
    const visits = [...patient.visits].sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0));
    for (const visit of visits) {
      const visitContext: VisitContext = { ...context, visit, day: daysBetweenMs(startMs, isoDateMs(visit.visitDate)) };
      longRows.push(rowOf(long, visitContext));
    }
  }
  const spec = (columns: AnalysisColumn<never>[]): ColumnSpec[] => columns.map(({ value: _value, ...rest }) => rest);
  return [
    { name: 'long', file: 'long.csv', what: 'one row per visit', columns: spec(long), rows: longRows },
    { name: 'wide', file: 'wide.csv', what: 'one row per patient', columns: spec(wide), rows: wideRows },
  ];
}

/** A cell as the files write it: empty when not recorded, 1/0 for yes/no, numbers as JavaScript prints them. */
function cellText(cell: Cell, column: ColumnSpec): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  if (typeof cell === 'number') return String(cell);
  // A spreadsheet runs a text starting with = + - @ as a formula: escaped as the other exports do.
  return column.type === 'text' ? escapeFormula(cell) : cell;
}

function csv(rows: string[][]): string {
  return stringify(rows, { record_delimiter: '\n', quoted_match: /\r/ });
}

function tableCsv({ columns, rows }: AnalysisTable): string {
  return csv([columns.map((c) => c.name), ...rows.map((row) => row.map((cell, i) => cellText(cell, columns[i]!)))]);
}

export const DICTIONARY_COLUMNS = ['file', 'column', 'label', 'type', 'unit', 'min', 'max', 'codes'] as const;

/** Allowed codes as `code=words`, separated by `;`. */
export function codesText(column: ColumnSpec): string {
  return (column.codes ?? []).map((c) => `${c.code}=${c.label}`).join(';');
}

/** dictionary.csv: one row per column of each file, in the files' order. */
export function dictionaryCsv(tables: readonly AnalysisTable[]): string {
  const rows = tables.flatMap((t) =>
    t.columns.map((c) => [t.file, c.name, c.label, c.type, c.unit ?? '', c.min === undefined ? '' : String(c.min), c.max === undefined ? '' : String(c.max), codesText(c)]),
  );
  return csv([[...DICTIONARY_COLUMNS], ...rows]);
}

export function analysisFiles(input: AnalysisInput): AnalysisFiles {
  const tables = analysisTables(input);
  const [long, wide] = tables;
  const about = { cohort: input.cohort, today: input.today, settings: input.settings };
  return {
    'long.csv': tableCsv(long),
    'wide.csv': tableCsv(wide),
    'dictionary.csv': dictionaryCsv(tables),
    'read.R': rScript(tables, about),
    'read.do': stataDoFile(tables, about),
  };
}
