// Reads one CSV file of the contract with csv-parse: the header, then each record with the
// physical line it starts on. csv-parse's own line count drifts on CRLF inside quotes, so the
// lines are counted here from the byte offset where each record ends (info.bytes_records).

import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync, type CsvError } from 'csv-parse/sync';
import { likelyMeant } from './likely';
import { MAX_IMPORT_ROWS } from './limits';
import { fileWithHeader, shown, type FileName, type Problem } from './problems';

/** A file's content: its text, or its bytes once checked as UTF-8 (lib/interchange/decode.ts). */
export type CsvContent = string | Uint8Array;

/** The content as bytes, without a copy when it is bytes already (the parser reads bytes). */
function bytesOf(content: CsvContent): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/** A row's cells in the order of the columns the reader was given ('' for a column the file leaves out). */
export type CsvRow = { line: number; cells: string[] };

export type CsvTable<T> = {
  rows: T[];
  problems: Problem[];
  /** False when some row could not be read at all: other files are then not checked against it. */
  complete: boolean;
};

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

type Columns = { name: string; required: boolean }[];

const isBlank = (r: string[]) => r.every((c) => c.trim() === '');

/**
 * The file's records, one at a time as the parser gives them: the first that is not blank is
 * the header (checked whole), each later one a row, checked against it. Shared by the reader
 * of a whole file and the one that reads a file in batches.
 */
class RecordReader {
  readonly problems: Problem[] = [];
  complete = true;
  /** The end of the last record read: where a parse failure starts. */
  lastEnd = 0;
  private header: string[] | null = null;
  /** Where each of the given columns is in the header (-1: not there). */
  private positions: number[] = [];
  private refused = false;
  private readonly known: Set<string>;

  constructor(
    private readonly file: FileName,
    private readonly columns: Columns,
    private readonly lineAt: (offset: number) => number,
  ) {
    this.known = new Set(columns.map((c) => c.name));
  }

  private problem(line: number, column: string, message: string) {
    this.problems.push({ file: this.file, line, column, message });
  }

  /** Whether later records can still be rows (false once the header was refused). */
  get reading(): boolean {
    return !this.refused;
  }

  /** The row this record is, if any. */
  record(cells: string[], end: number): CsvRow | null {
    const line = this.lineAt(this.lastEnd);
    this.lastEnd = end;
    if (this.refused || isBlank(cells)) return null;
    if (!this.header) {
      this.readHeader(cells, line);
      return null;
    }
    return this.row(cells, line);
  }

  /** A record the parser could not read: the rows before it stay read, the file is incomplete. */
  failed(error: CsvError) {
    this.complete = false;
    if (this.refused) return;
    const column = this.header?.[(error as { column?: number }).column ?? -1] || 'row';
    this.problem(this.lineAt(this.lastEnd), column, PARSE_ERRORS[error.code] ?? (this.header ? `the line is not valid CSV (${shown(error.code)})` : 'the file is not valid CSV'));
  }

  private refuse() {
    this.refused = true;
    this.complete = false;
  }

  private readHeader(cells: string[], line: number) {
    const { file, columns, known } = this;
    const header = cells.map((h) => h.trim().toLowerCase());
    if (!header.some((h) => known.has(h))) {
      // Another separator explains it only if splitting on it finds a column name.
      const names = (sep: string) => cells.join(',').split(sep).map((h) => h.trim().toLowerCase());
      const separator = [';', '\t', '|'].find((sep) => names(sep).some((h) => known.has(h)));
      const message = separator
        ? `column not found: the header is separated by ${separator === '\t' ? 'tab' : `"${separator}"`}, the file must be comma-separated`
        : `column not found: the first line must be the header, naming the columns (${columns.filter((c) => c.required).map((c) => c.name).join(', ')}...)`;
      this.problem(line, columns[0]!.name, message);
      return this.refuse();
    }
    const before = this.problems.length;
    // Above the many column problems it causes, what most likely happened.
    const otherFile = fileWithHeader(header, file);
    if (otherFile) this.problem(line, 'file', `its header is that of ${otherFile}: was ${otherFile} chosen in place of ${file}?`);
    const seen = new Map<string, number>();
    const names = columns.map((c) => c.name);
    header.forEach((h, i) => {
      if (h === '') return;
      const first = seen.get(h);
      if (first !== undefined) {
        this.problem(line, h, `the column appears twice (columns ${first + 1} and ${i + 1})`);
        return;
      }
      seen.set(h, i);
      if (!known.has(h)) {
        const meant = likelyMeant(h, names.filter((n) => !header.includes(n)));
        const name = shown(cells[i]!.trim());
        this.problem(line, h, `${name} (column ${i + 1}) is not a column of ${file}${meant ? `: did you mean ${meant}?` : ''} (nothing is imported while a column is unknown)`);
      }
    });
    for (const c of columns) if (c.required && !seen.has(c.name)) this.problem(line, c.name, 'required column is missing');
    if (this.problems.length > before) return this.refuse();
    this.header = header;
    this.positions = columns.map((c) => header.indexOf(c.name));
  }

  private row(cells: string[], line: number): CsvRow | null {
    const header = this.header!;
    if (cells.length < header.length) {
      this.problem(line, header[cells.length] || 'row', `the row has ${cells.length} cells, the header has ${header.length}`);
      this.complete = false;
      return null;
    }
    if (cells.slice(header.length).some((c) => c.trim() !== '')) {
      this.problem(line, 'row', `the row has ${cells.length} cells, the header has ${header.length}`);
      this.complete = false;
      return null;
    }
    // A value under a column without a header would be dropped: refused like an unknown column.
    const orphan = header.findIndex((h, i) => h === '' && cells[i]!.trim() !== '');
    if (orphan >= 0) {
      this.problem(line, 'row', `column ${orphan + 1} holds ${shown(cells[orphan]!.trim())} but has no header`);
      this.complete = false;
      return null;
    }
    return { line, cells: this.positions.map((i) => (i < 0 ? '' : cells[i]!)) };
  }
}

const PARSE_OPTIONS = { bom: true, relax_column_count: true, to: MAX_IMPORT_ROWS + 2 };

/**
 * A file of more rows than an import takes: its problem, before any row is read. A record
 * takes at least a line, so only a file of more lines is parsed to count its records.
 */
function tooManyRows(file: FileName, bytes: Buffer): Problem | null {
  let lines = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && lines <= MAX_IMPORT_ROWS + 1; i = bytes.indexOf(0x0a, i + 1)) lines++;
  if (lines <= MAX_IMPORT_ROWS + 1) return null;
  const ends: number[] = [];
  try {
    parseSync(bytes, { ...PARSE_OPTIONS, on_record: (_, context) => (ends.push(context.bytes_records), null) });
  } catch (e) {
    if (!(e instanceof Error) || !('code' in e)) throw e;
  }
  if (ends.length <= MAX_IMPORT_ROWS + 1) return null;
  return { file, line: lineCounter(bytes)(ends[MAX_IMPORT_ROWS]!), column: 'row', message: `the file has more than ${MAX_IMPORT_ROWS} rows: split the cohort into several imports` };
}

/**
 * `columns` are the contract's column names and whether each is required. A column the
 * contract does not list refuses the file (a misspelt header would otherwise drop its data
 * silently), as do a duplicated or missing required column; all at the header's line.
 * Each row is handed to `take` as it is read, and what it gives back is kept: the file's raw
 * rows are never all held at once.
 */
export function readCsv<T>(file: FileName, content: CsvContent, columns: Columns, take: (row: CsvRow) => T): CsvTable<T> {
  const bytes = bytesOf(content);
  const tooMany = tooManyRows(file, bytes);
  if (tooMany) return { rows: [], problems: [tooMany], complete: false };
  const reader = new RecordReader(file, columns, lineCounter(bytes));
  const rows: T[] = [];
  try {
    parseSync(bytes, {
      ...PARSE_OPTIONS,
      on_record: (record, context) => {
        const row = reader.record(record, context.bytes_records);
        if (row) rows.push(take(row));
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof Error) || !('code' in e)) throw e;
    reader.failed(e as CsvError);
  }
  return { rows: reader.reading ? rows : [], problems: reader.problems, complete: reader.complete };
}

/** What a batched read found besides its rows, complete once the last batch is read. */
export type CsvOutcome = { problems: Problem[]; complete: boolean };

/**
 * The rows of a file `size` at a time, parsed as they are needed: the parsed rows of a large
 * file are never all held at once. The same checks and messages as readCsv; `outcome` holds
 * the problems and whether every row could be read.
 */
export async function* readCsvBatches(file: FileName, content: CsvContent, columns: Columns, outcome: CsvOutcome, size = 1000): AsyncGenerator<CsvRow[]> {
  const bytes = bytesOf(content);
  const tooMany = tooManyRows(file, bytes);
  if (tooMany) {
    outcome.problems.push(tooMany);
    outcome.complete = false;
    return;
  }
  const reader = new RecordReader(file, columns, lineCounter(bytes));
  const source = Readable.from(slices(bytes), { objectMode: false });
  // Each record with where it ends (csv-parse's types want on_record to give a record back).
  const located = (record: string[], context: { bytes_records: number }) => ({ record, end: context.bytes_records });
  const options: Options = { ...PARSE_OPTIONS, on_record: located as unknown as Options['on_record'] };
  const parser = source.pipe(parse(options));
  let batch: CsvRow[] = [];
  try {
    for await (const { record, end } of parser as AsyncIterable<{ record: string[]; end: number }>) {
      const row = reader.record(record, end);
      if (row) batch.push(row);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
      if (!reader.reading) break;
    }
  } catch (e) {
    if (!(e instanceof Error) || !('code' in e)) throw e;
    reader.failed(e as CsvError);
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (batch.length && reader.reading) yield batch;
  outcome.problems.push(...reader.problems);
  outcome.complete &&= reader.complete;
}

function* slices(bytes: Buffer, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
