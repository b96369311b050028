// Reads one CSV file of the contract with csv-parse: the header, then each record with the
// physical line it starts on. csv-parse's own line count drifts on CRLF inside quotes, so the
// lines are counted here from the byte offset where each record ends (info.bytes_records).

import { parse, type CsvError } from 'csv-parse/sync';
import { closest, distance } from 'fastest-levenshtein';
import { MAX_IMPORT_ROWS } from './limits';
import { shown, type FileName, type Problem } from './problems';

export type CsvRow = { line: number; cells: Map<string, string> };

export type CsvTable = {
  rows: CsvRow[];
  problems: Problem[];
  /** False when some row could not be read at all: other files are then not checked against it. */
  complete: boolean;
};

type Record = { record: string[]; end: number };

const PARSE_ERRORS: { [code: string]: string } = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing " (double a " inside a quoted cell)',
  INVALID_OPENING_QUOTE: 'a " inside a cell that does not start with one (quote the whole cell and double the " inside)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted cell goes on after its closing "',
};

/** Counts lines up to a byte offset, moving forward only, so a whole file costs one pass. */
function lineCounter(bytes: Buffer) {
  let offset = 0;
  let line = 1;
  return (to: number): number => {
    for (; offset < to && offset < bytes.length; offset++) {
      const b = bytes[offset];
      if (b === 0x0a || (b === 0x0d && bytes[offset + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** The contract's column a misspelt header most likely means, if one is close enough. */
function likelyMeant(header: string, names: string[]): string | null {
  if (names.length === 0) return null;
  const best = closest(header, names);
  return distance(header, best) <= Math.max(2, Math.floor(best.length / 4)) ? best : null;
}

/**
 * `columns` are the contract's column names and whether each is required. A column the
 * contract does not list refuses the file (a misspelt header would otherwise drop its data
 * silently), as do a duplicated or missing required column; all at the header's line.
 */
export function readCsv(file: FileName, text: string, columns: { name: string; required: boolean }[]): CsvTable {
  const problems: Problem[] = [];
  const problem = (line: number, column: string, message: string) => problems.push({ file, line, column, message });
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineCounter(bytes);

  const records: Record[] = [];
  let failure: { error: CsvError; start: number } | null = null;
  try {
    parse(bytes, {
      bom: true,
      relax_column_count: true,
      // The header and the rows the limit allows, plus one to tell that there are more.
      to: MAX_IMPORT_ROWS + 2,
      on_record: (record, context) => {
        records.push({ record, end: context.bytes_records });
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof Error) || !('code' in e)) throw e;
    failure = { error: e as CsvError, start: records.at(-1)?.end ?? 0 };
  }

  const isBlank = (r: string[]) => r.every((c) => c.trim() === '');
  let start = 0;
  const located = records.map((r) => {
    const line = lineAt(start);
    start = r.end;
    return { line, cells: r.record };
  });
  const content = located.filter((r) => !isBlank(r.cells));
  const headerRow = content[0];
  if (!headerRow) {
    if (failure) problem(lineAt(failure.start), 'row', PARSE_ERRORS[failure.error.code] ?? 'the file is not valid CSV');
    return { rows: [], problems, complete: !failure };
  }

  if (records.length > MAX_IMPORT_ROWS + 1) {
    problem(lineAt(records[MAX_IMPORT_ROWS]!.end), 'row', `the file has more than ${MAX_IMPORT_ROWS} rows: split the cohort into several imports`);
    return { rows: [], problems, complete: false };
  }

  const header = headerRow.cells.map((h) => h.trim().toLowerCase());
  const known = new Set(columns.map((c) => c.name));
  if (!header.some((h) => known.has(h))) {
    // Another separator explains it only if splitting on it finds a column name.
    const names = (sep: string) => headerRow.cells.join(',').split(sep).map((h) => h.trim().toLowerCase());
    const separator = [';', '\t', '|'].find((sep) => names(sep).some((h) => known.has(h)));
    const message = separator
      ? `column not found: the header is separated by ${separator === '\t' ? 'tab' : `"${separator}"`}, the file must be comma-separated`
      : `column not found: the first line must be the header, naming the columns (${columns.filter((c) => c.required).map((c) => c.name).join(', ')}...)`;
    problem(headerRow.line, columns[0]!.name, message);
    return { rows: [], problems, complete: false };
  }
  const seen = new Map<string, number>();
  const names = columns.map((c) => c.name);
  header.forEach((h, i) => {
    if (h === '') return;
    const first = seen.get(h);
    if (first !== undefined) {
      problem(headerRow.line, h, `the column appears twice (columns ${first + 1} and ${i + 1})`);
      return;
    }
    seen.set(h, i);
    if (!known.has(h)) {
      const meant = likelyMeant(h, names.filter((n) => !header.includes(n)));
      const name = shown(headerRow.cells[i]!.trim());
      problem(headerRow.line, h, `${name} (column ${i + 1}) is not a column of ${file}${meant ? `: did you mean ${meant}?` : ''} (nothing is imported while a column is unknown)`);
    }
  });
  for (const c of columns) if (c.required && !seen.has(c.name)) problem(headerRow.line, c.name, 'required column is missing');
  if (problems.length) return { rows: [], problems, complete: false };

  let complete = !failure;
  const rows: CsvRow[] = [];
  for (const { line, cells } of content.slice(1)) {
    if (cells.length < header.length) {
      problem(line, header[cells.length] || 'row', `the row has ${cells.length} cells, the header has ${header.length}`);
      complete = false;
      continue;
    }
    if (cells.slice(header.length).some((c) => c.trim() !== '')) {
      problem(line, 'row', `the row has ${cells.length} cells, the header has ${header.length}`);
      complete = false;
      continue;
    }
    // A value under a column without a header would be dropped: refused like an unknown column.
    const orphan = header.findIndex((h, i) => h === '' && cells[i]!.trim() !== '');
    if (orphan >= 0) {
      problem(line, 'row', `column ${orphan + 1} holds ${shown(cells[orphan]!.trim())} but has no header`);
      complete = false;
      continue;
    }
    const map = new Map<string, string>();
    header.forEach((h, i) => {
      if (known.has(h)) map.set(h, cells[i]!);
    });
    rows.push({ line, cells: map });
  }
  if (failure) {
    const column = header[(failure.error as { column?: number }).column ?? -1] || 'row';
    problem(lineAt(failure.start), column, PARSE_ERRORS[failure.error.code] ?? `the line is not valid CSV (${shown(failure.error.code)})`);
  }
  return { rows, problems, complete };
}
