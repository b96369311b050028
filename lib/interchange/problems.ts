// Problems found in an import, each tied to a file, a physical line and a column, and
// printed as the contract says: `file:line: column: what is wrong`.

import { ADVERSE_EVENT_COLUMNS, PATIENT_COLUMNS, RELAPSE_COLUMNS, VISIT_COLUMNS } from './columns';

export const FILE_NAMES = ['patients.csv', 'visits.csv', 'adverse_events.csv', 'relapses.csv'] as const;
export type FileName = (typeof FILE_NAMES)[number];

export type Problem = { file: FileName; line: number; column: string; message: string };

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.column}: ${p.message}`;
}

const COLUMN_ORDER: Record<FileName, string[]> = {
  'patients.csv': PATIENT_COLUMNS.map((c) => c.name),
  'visits.csv': VISIT_COLUMNS.map((c) => c.name),
  'adverse_events.csv': ADVERSE_EVENT_COLUMNS.map((c) => c.name),
  'relapses.csv': RELAPSE_COLUMNS.map((c) => c.name),
};

/**
 * The other file of the contract whose header this one has (its names nearly all that file's
 * columns, and at least two of them none of this one's): the file chosen in another's place.
 */
export function fileWithHeader(header: string[], file: FileName): FileName | null {
  const named = header.filter((h) => h !== '');
  if (named.filter((h) => !COLUMN_ORDER[file].includes(h)).length < 2) return null;
  return FILE_NAMES.find((other) => other !== file && named.filter((h) => COLUMN_ORDER[other].includes(h)).length >= 0.8 * named.length) ?? null;
}

/** Files in the contract's order, then by line, then by column (in the contract's order). */
export function sortProblems(problems: Problem[]): Problem[] {
  const column = (p: Problem) => COLUMN_ORDER[p.file].indexOf(p.column);
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        FILE_NAMES.indexOf(a.p.file) - FILE_NAMES.indexOf(b.p.file) || a.p.line - b.p.line || column(a.p) - column(b.p) || a.i - b.i,
    )
    .map(({ p }) => p);
}

/** A cell's value as a message shows it: quoted, escapes visible, long values cut. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
